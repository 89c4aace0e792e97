import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.ts';
import type { Model, ModelDefinition } from '../core/model.ts';
import { formatParams, resolveParams } from '../core/params.ts';
import { checkVariant, type VariantReport } from '../explore/check-variant.ts';
import { engines, findEngine, type Engine, type EngineOptions } from '../explore/engines.ts';
import { counterexamplePath, engineInfo, readCounterexampleFile, toCounterexampleFile, writeCounterexampleFile } from '../trace/counterexample-file.ts';
import { renderCounterexample } from '../trace/render.ts';
import { replayCounterexample, type ReplayResult } from '../trace/replay.ts';

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

/** The first variant of a family: its default. */
export function defaultVariant(definition: ModelDefinition): string {
  return Object.keys(definition.variants)[0]!;
}

/** Resolves a variant's parameters from values given in code (checked like `--param`). */
export function paramsFor(definition: ModelDefinition, variant: string, params: CheckModelOptions['params'] = {}) {
  return resolveParams(definition, variant, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
}

/** The engine of that name; an unknown name is a usage error listing the engines. */
export function engineNamed(name = 'bfs'): Engine {
  const engine = findEngine(name);
  if (!engine) throw new UsageError(`unknown engine '${name}'; engines are: ${engines.map((e) => e.name).join(', ')}`);
  return engine;
}

/** Checks one variant with one engine and returns the report (no throw on a surprise). */
export async function checkModel(definition: ModelDefinition, options: CheckModelOptions = {}): Promise<VariantReport> {
  const variant = options.variant ?? defaultVariant(definition);
  return checkVariant(definition, variant, paramsFor(definition, variant, options.params), engineNamed(options.engine), options);
}

/** The error the kit's `expect…` functions throw: a readable account of what missed, with the report. */
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
 * must be found). Each unexpected counterexample is saved, and the message says how to replay it.
 */
export async function expectModel(definition: ModelDefinition, options: CheckModelOptions = {}): Promise<VariantReport> {
  const report = await checkModel(definition, options);
  if (report.ok) return report;
  const { lines, files } = describeMisses(report, options.saveDir ?? join(tmpdir(), 'faultline-counterexamples'));
  throw new ModelCheckError(lines.join('\n'), report, files);
}

/** The lines that say which properties of a report missed their expectations; saves each unexpected counterexample in `dir`. */
export function describeMisses(report: VariantReport, dir: string): { lines: string[]; files: string[] } {
  const model: Model<unknown, unknown> = report.explored;
  const params = formatParams(report.params);
  const where = `${report.model}/${report.variant}${params ? ` (${params})` : ''} with ${report.engine}`;
  const lines: string[] = [];
  const files: string[] = [];
  for (const p of report.properties.filter((q) => !q.ok)) {
    if (!p.counterexample && p.message) {
      lines.push(`${where}: property '${p.name}' is violated (expected ${p.expected}): ${p.message} in any of the ${report.result.distinctStates} reachable states`);
      continue;
    }
    if (!p.counterexample) {
      const d = report.result.details as { runs?: number; seed?: number } | undefined;
      const searched = d?.runs !== undefined ? `${d.runs} runs, seed ${d.seed}` : `${report.result.distinctStates} states, stopped by ${report.result.stopReason ?? 'nothing'}`;
      const found = p.expected === 'violated' ? 'no violation was found' : `the verdict is ${p.verdict}`;
      lines.push(`${where}: property '${p.name}' was expected to be ${p.expected}, but ${found} (${searched})`);
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
    lines.push(`replay: npx faultline replay ${path}`);
    lines.push(`  (from code, for a model the CLI cannot find: replayFile('${path}', [definition]) from faultline/testing)`);
  }
  return { lines, files };
}

/** Replays a counterexample file against the given definitions (the file names its model). */
export function replayFile(path: string, definitions: readonly ModelDefinition[]): ReplayResult {
  return replayCounterexample(readCounterexampleFile(path), definitions, path);
}
