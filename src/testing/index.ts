import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../../models/catalog.ts';
import { UsageError } from '../core/errors.ts';
import type { ModelDefinition, ParamValues } from '../core/model.ts';
import { formatParams, resolveParams } from '../core/params.ts';
import { checkVariant, type VariantReport } from '../explore/check-variant.ts';
import { engines, findEngine, type EngineOptions } from '../explore/engines.ts';
import { counterexamplePath, engineInfo, readCounterexampleFile, toCounterexampleFile, writeCounterexampleFile } from '../trace/counterexample-file.ts';
import { renderCounterexample } from '../trace/render.ts';
import { replayCounterexample, type ReplayResult } from '../trace/replay.ts';

/**
 * faultline from a test runner (vitest, or any that reports a thrown Error):
 *
 * ```ts
 * import { expectModel } from '../src/testing/index.ts';
 * it('quorum store is linearizable', async () => {
 *   await expectModel(quorumStore, { variant: 'majority', engine: 'fast-check', seed: 1, runs: 200 });
 * });
 * ```
 * `expectModel` throws when a property misses its expectation; the message is the readable
 * counterexample and the command that replays it from the file it saved.
 */

export { runSchedule, scheduleArbitrary, type Schedule, type ScheduleOptions } from '../explore/fast-check.ts';
export { describeSchedule, modelScheduleArbitrary, type ModelScheduleOptions } from './schedule-timeline.ts';
export type { VariantReport } from '../explore/check-variant.ts';

/** Options of {@link checkModel} and {@link expectModel}. */
export interface CheckModelOptions extends EngineOptions {
  /** The variant (default: the family's first). */
  readonly variant?: string;
  /** Parameter values over the variant's defaults, checked against their ranges. */
  readonly params?: Readonly<Record<string, number | boolean | string>>;
  /** `bfs` (default), `dfs`, `random` or `fast-check`. */
  readonly engine?: string;
  /** Where {@link expectModel} saves counterexamples (default: a `faultline-counterexamples` folder in the OS temp dir). */
  readonly saveDir?: string;
}

/** Checks one variant with one engine and returns the report (no throw on a surprise). */
export async function checkModel(definition: ModelDefinition, options: CheckModelOptions = {}): Promise<VariantReport> {
  const variant = options.variant ?? Object.keys(definition.variants)[0]!;
  const overrides = Object.fromEntries(Object.entries(options.params ?? {}).map(([k, v]) => [k, String(v)]));
  const params = resolveParams(definition, variant, overrides);
  const engineName = options.engine ?? 'bfs';
  const engine = findEngine(engineName);
  if (!engine) throw new UsageError(`unknown engine '${engineName}'; engines are: ${engines.map((e) => e.name).join(', ')}`);
  return checkVariant(definition, variant, params, engine, options);
}

/** The error {@link expectModel} throws: the readable report, with the saved files and how to replay them. */
export class ModelCheckError extends Error {
  constructor(
    message: string,
    readonly report: VariantReport,
    /** The counterexample files written, one per violated property that missed its expectation. */
    readonly files: readonly string[],
  ) {
    super(message);
    this.name = 'ModelCheckError';
  }
}

/**
 * Checks one variant and throws a {@link ModelCheckError} unless every property meets its
 * expectation (a non-exhaustive engine's "no violation found" meets `holds`; an expected violation
 * must be found). Each unexpected counterexample is saved, and the message ends with
 * `npx faultline replay <file>` (or, for a model not in the catalog, `replayFile(file, [definition])`).
 */
export async function expectModel(definition: ModelDefinition, options: CheckModelOptions = {}): Promise<VariantReport> {
  const report = await checkModel(definition, options);
  if (report.ok) return report;
  const model = report.explored;
  const inCatalog = catalog.some((d) => d.name === definition.name);
  const dir = options.saveDir ?? join(tmpdir(), 'faultline-counterexamples');
  const params = formatParams(report.params);
  const lines: string[] = [];
  const files: string[] = [];
  for (const p of report.properties.filter((q) => !q.ok)) {
    const where = `${report.model}/${report.variant}${params ? ` (${params})` : ''} with ${report.engine}`;
    if (!p.counterexample && p.message) {
      lines.push(`${where}: property '${p.name}' is violated (expected ${p.expected}): ${p.message} in any of the ${report.result.distinctStates} reachable states`);
      continue;
    }
    if (!p.counterexample) {
      const d = report.result.details as { runs?: number; seed?: number } | undefined;
      const searched = d?.runs !== undefined ? `${d.runs} runs, seed ${d.seed}` : `${report.result.distinctStates} states, stopped by ${report.result.stopReason ?? 'nothing'}`;
      lines.push(`${where}: property '${p.name}' was expected to be violated, but no violation was found (${searched})`);
      continue;
    }
    const path = counterexamplePath(report.model, report.variant, p.name, dir);
    writeCounterexampleFile(
      path,
      toCounterexampleFile({ model: report.model, variant: report.variant, params: report.params, property: p.name, engine: engineInfo(report.result, p.name), counterexample: p.counterexample }),
    );
    files.push(path);
    lines.push(`${where}: property '${p.name}' is violated (expected ${p.expected}), ${p.counterexample.steps.length} steps:`);
    lines.push(...renderCounterexample(model, p.counterexample, { indent: '  ' }));
    lines.push(inCatalog ? `replay: npx faultline replay ${path}` : `replay: replayFile('${path}', [definition]) from src/testing/index.ts (${definition.name} is not in the catalog, so the CLI cannot replay it)`);
  }
  throw new ModelCheckError(lines.join('\n'), report, files);
}

/** Replays a counterexample file against the catalog plus the given definitions (which take precedence). */
export function replayFile(path: string, definitions: readonly ModelDefinition[] = []): ReplayResult {
  const file = readCounterexampleFile(path);
  return replayCounterexample(file, [...definitions, ...catalog.filter((d) => !definitions.some((x) => x.name === d.name))], path);
}

export type { ParamValues };
