import { UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';
import { formatParams, resolveParams } from '../core/params.ts';
import { checkVariant, type VariantReport } from '../explore/check-variant.ts';
import { engines, findEngine, type EngineOptions } from '../explore/engines.ts';
import type { Counterexample, ExplorationResult } from '../explore/result.ts';
import { renderCounterexample } from '../trace/render.ts';
import { durationFlag, intFlag, listFlag, parseArgs, type FlagKind } from './args.ts';
import { count, seconds, type CliIO } from './io.ts';

const FLAGS: Record<string, FlagKind> = {
  all: 'boolean',
  param: 'repeated',
  engine: 'value',
  'max-depth': 'value',
  'max-states': 'value',
  timeout: 'value',
  'max-memory': 'value',
  property: 'repeated',
  exhaustive: 'boolean',
  json: 'boolean',
};

/** One model family and the variants of it to check. */
interface Target {
  readonly definition: ModelDefinition;
  readonly variants: readonly string[];
}

/** Resolves `model`, `model/variant` or `--all` against the catalog. */
export function resolveTargets(catalog: readonly ModelDefinition[], names: readonly string[], all: boolean): Target[] {
  if (all) {
    if (names.length > 0) throw new UsageError('check: give model names or --all, not both');
    return catalog.map((definition) => ({ definition, variants: Object.keys(definition.variants) }));
  }
  if (names.length === 0) throw new UsageError('check: name a model (see `faultline list`) or give --all');
  return names.map((name) => {
    const [modelName, variant, extra] = name.split('/');
    const definition = catalog.find((d) => d.name === modelName);
    if (!definition || extra !== undefined) {
      throw new UsageError(`check: unknown model '${name}'; models are: ${catalog.map((d) => d.name).join(', ')}`);
    }
    if (variant === undefined) return { definition, variants: Object.keys(definition.variants) };
    if (!(variant in definition.variants)) {
      throw new UsageError(`check: unknown variant '${name}'; variants of ${definition.name} are: ${Object.keys(definition.variants).join(', ')}`);
    }
    return { definition, variants: [variant] };
  });
}

/** Parses `--param k=v` pairs. */
export function parseParamFlags(pairs: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`check: --param ${pair}: expected name=value`);
    overrides[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return overrides;
}

/** `faultline check <model>[/<variant>]... | --all [options]`. */
export async function runCheck(catalog: readonly ModelDefinition[], argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, FLAGS, 'check');
  const json = args.flags.has('json');
  const engineName = (args.flags.get('engine') as string | undefined) ?? 'bfs';
  const engine = findEngine(engineName);
  if (!engine) throw new UsageError(`check: unknown engine '${engineName}'; engines are: ${engines.map((e) => e.name).join(', ')}`);
  const overrides = parseParamFlags(listFlag(args, 'param'));
  const targets = resolveTargets(catalog, args.positional, args.flags.has('all'));
  const options: EngineOptions = {
    maxDepth: intFlag(args, 'max-depth', 1),
    maxStates: intFlag(args, 'max-states', 1),
    timeoutMs: durationFlag(args, 'timeout'),
    maxMemoryMb: intFlag(args, 'max-memory', 64),
    properties: listFlag(args, 'property'),
    exhaustive: args.flags.has('exhaustive'),
  };

  // Validate every target's parameters before running anything: a typo fails fast.
  const jobs = targets.flatMap(({ definition, variants }) =>
    variants.map((variant) => ({ definition, variant, params: resolveParams(definition, variant, overrides) })),
  );

  const reports: VariantReport[] = [];
  for (const job of jobs) {
    const label = `${job.definition.name}/${job.variant}`;
    const status = io.errIsTTY && !json ? io.status : undefined;
    const report = await checkVariant(job.definition, job.variant, job.params, engine, {
      ...options,
      onProgress: status
        ? (p) => status(`${label}: ${count(p.distinctStates)} states, ${count(Math.round(p.distinctStates / (p.elapsedMs / 1000)))}/s, queue ${count(p.queued)}, depth ${p.depth}`)
        : undefined,
    });
    if (status) status('');
    reports.push(report);
    if (!json) printReport(job.definition, report, io);
  }

  const ok = reports.every((r) => r.ok);
  if (json) {
    io.out(JSON.stringify({ ok, results: reports.map(reportToJson) }, null, 2));
  } else {
    const surprises = reports.filter((r) => !r.ok).length;
    io.out(`${reports.length} variant${reports.length === 1 ? '' : 's'} checked: ${reports.length - surprises} met every expectation, ${surprises} with a surprise`);
  }
  return ok ? 0 : 1;
}

function describeSearch(result: ExplorationResult): string {
  const figures = `${count(result.distinctStates)} distinct states (${count(result.generatedStates)} generated, depth ${result.depth}) in ${seconds(result.elapsedMs)}`;
  if (result.complete) return `explored all ${figures}: exhaustive`;
  if (result.stopReason === 'all-violated') return `explored ${figures}: stopped once every property had a counterexample`;
  return `explored ${figures}: NOT exhaustive (stopped by ${result.stopReason})`;
}

function printReport(definition: ModelDefinition, report: VariantReport, io: CliIO): void {
  const params = formatParams(report.params);
  io.out(`${report.model}/${report.variant}${params ? ` (${params})` : ''} with ${report.engine}`);
  io.out(`  ${describeSearch(report.result)}`);
  const width = Math.max(...report.properties.map((p) => p.name.length));
  const model = definition.build(report.variant, report.params);
  for (const p of report.properties) {
    const mark = p.ok ? 'ok  ' : 'FAIL';
    const name = p.name.padEnd(width);
    let text: string;
    if (p.verdict === 'holds') text = `holds: no violation in any of the ${count(report.result.distinctStates)} reachable states${params ? ` within ${params}` : ''}`;
    else if (p.verdict === 'unknown') text = `no violation found in ${count(report.result.distinctStates)} states explored (not exhaustive: ${report.result.stopReason})`;
    else text = `violated: ${p.counterexample!.violation}`;
    const expectation = p.ok ? `expected ${p.expected}` : `EXPECTED ${p.expected.toUpperCase()}`;
    io.out(`  ${mark} ${name}  ${text}  [${expectation}]`);
    if (p.counterexample) {
      const shortest = report.engine === 'bfs' ? 'shortest counterexample' : 'counterexample';
      io.out(`         ${shortest}, ${p.counterexample.steps.length} step${p.counterexample.steps.length === 1 ? '' : 's'}:`);
      for (const line of renderCounterexample(model, p.counterexample, { indent: '         ' })) io.out(line);
    }
  }
}

function counterexampleToJson(cx: Counterexample) {
  return {
    length: cx.steps.length,
    violation: cx.violation,
    initIndex: cx.initIndex,
    steps: cx.steps.map((s) => ({ action: s.action, actionIndex: s.actionIndex, description: s.description })),
  };
}

/** The JSON form of one variant's report (`check --json`). */
export function reportToJson(report: VariantReport) {
  const r = report.result;
  return {
    model: report.model,
    variant: report.variant,
    params: report.params,
    engine: report.engine,
    complete: r.complete,
    stopReason: r.stopReason,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    elapsedMs: r.elapsedMs,
    ok: report.ok,
    properties: report.properties.map((p) => ({
      name: p.name,
      kind: p.kind,
      verdict: p.verdict,
      expected: p.expected,
      ok: p.ok,
      counterexample: p.counterexample ? counterexampleToJson(p.counterexample) : null,
    })),
    ...(r.details ? { details: r.details } : {}),
  };
}
