import { elide } from '../core/elide.ts';
import { ExitCode, UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';
import { formatParams, resolveParams, variantsUsing } from '../core/params.ts';
import { checkVariant, type VariantReport } from '../explore/check-variant.ts';
import { defaultMemoryLimitMb } from '../explore/budget.ts';
import { engines, findEngine, type Engine, type EngineOptions } from '../explore/engines.ts';
import { parallelBfs } from '../explore/parallel-bfs.ts';
import { recipeFor } from './model-recipe.ts';
import type { KindCoverage } from '../explore/coverage.ts';
import type { Shard } from '../explore/engine.ts';
import { freshSeed } from '../explore/random-search.ts';
import type { ExplorationResult } from '../core/result.ts';
import { counterexamplePath, engineInfo, toCounterexampleFile, writeCounterexampleFile } from '../trace/counterexample-file.ts';
import { renderCounterexample } from '../trace/render.ts';
import { counterexampleToJson, traceToJson } from '../trace/trace-json.ts';
import { durationFlag, intFlag, listFlag, parseArgs, type FlagKind, type ParsedArgs } from './args.ts';
import { derivedFrom, withModelFiles } from './load-model.ts';
import { count, seconds, type CliIO } from './io.ts';
import { applyMissPolicy, countMissed, isMissed } from './expectations.ts';
import { junitReport, reporterFlag } from './junit.ts';
import { printReportMermaid, writeReportPictures } from './pictures.ts';
import { repeatCommand } from './repeat.ts';
import { checkScopesUsed, overridesForTarget, parseScopedParams, withScopeHint } from './param-scope.ts';
import { progressReporter, rate } from './progress.ts';
import { withoutSymmetry } from '../system/symmetry.ts';
import { CounterexampleSaver } from './saving.ts';

const FLAGS: Record<string, FlagKind> = {
  all: 'boolean',
  param: 'repeated',
  engine: 'value',
  workers: 'value',
  'max-depth': 'value',
  'max-states': 'value',
  timeout: 'value',
  'max-memory': 'value',
  property: 'repeated',
  exhaustive: 'boolean',
  seed: 'value',
  runs: 'value',
  'max-steps': 'value',
  shard: 'value',
  swarm: 'boolean',
  'no-swarm': 'boolean',
  save: 'boolean',
  out: 'value',
  json: 'boolean',
  reporter: 'value',
  html: 'value',
  mermaid: 'boolean',
  strict: 'boolean',
  'no-symmetry': 'boolean',
  'sleep-sets': 'boolean',
};

/** Flags only the random engines read, and flags only the exhaustive ones read. */
const RANDOM_ONLY = ['seed', 'runs', 'max-steps', 'shard', 'swarm', 'no-swarm', 'strict'];
const EXHAUSTIVE_ONLY = ['max-depth', 'max-states', 'exhaustive'];

/** One model family and the variants of it to check. */
interface Target {
  readonly definition: ModelDefinition;
  readonly variants: readonly string[];
}

/** bfs on worker threads (`--workers`), each building the variant from where it was loaded. */
function parallelEngine(bfs: Engine, workers: number, definition: ModelDefinition, variant: string, overrides: Readonly<Record<string, string>>): Engine {
  const recipe = recipeFor(definition, variant, overrides);
  if (!recipe) throw new UsageError(`check: --workers needs a model loaded from a file or the catalog module; ${definition.name} is neither`);
  return { ...bfs, run: (model, options) => parallelBfs(model, { ...options, workers, recipe }) };
}

/** A family whose models are built without their declared symmetry (`--no-symmetry`). */
function familyWithoutSymmetry(definition: ModelDefinition): ModelDefinition {
  return derivedFrom(definition, { ...definition, build: (variant, params, mutation) => withoutSymmetry(definition.build(variant, params, mutation)) });
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
      throw new UsageError(`check: unknown model '${elide(name)}'; models are: ${catalog.map((d) => d.name).join(', ')}`);
    }
    if (variant === undefined) return { definition, variants: Object.keys(definition.variants) };
    if (!Object.hasOwn(definition.variants, variant)) {
      throw new UsageError(`check: unknown variant '${name}'; variants of ${definition.name} are: ${Object.keys(definition.variants).join(', ')}`);
    }
    return { definition, variants: [variant] };
  });
}

/** Parses `--shard k/n` (1-based k) into a 0-based shard. */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const k = match ? Number(match[1]) : NaN;
  const n = match ? Number(match[2]) : NaN;
  if (!match || n < 1 || k < 1 || k > n || !Number.isSafeInteger(n)) {
    throw new UsageError(`--shard ${text}: expected K/N with 1 <= K <= N, such as 1/4`);
  }
  return { index: k - 1, count: n };
}

/** Whether the random engines run swarmed: yes unless `--no-swarm` (`--swarm` says the default aloud). */
function swarmFlag(args: ParsedArgs): boolean {
  if (args.flags.has('swarm') && args.flags.has('no-swarm')) throw new UsageError('check: --swarm and --no-swarm contradict each other; give one');
  return !args.flags.has('no-swarm');
}

/** `faultline check <model>[/<variant>]... | --all [options]`. */
export async function runCheck(catalog: readonly ModelDefinition[], argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, FLAGS, 'check');
  const json = args.flags.has('json');
  const junit = reporterFlag(args.flags.get('reporter') as string | undefined, json);
  const text = !json && !junit;
  const html = args.flags.get('html') as string | undefined;
  if (args.flags.has('mermaid') && !text) throw new UsageError('check: --mermaid prints into the text report: drop --json or --reporter');
  const engineName = (args.flags.get('engine') as string | undefined) ?? 'bfs';
  const engine = findEngine(engineName);
  if (!engine) throw new UsageError(`check: unknown engine '${engineName}'; engines are: ${engines.map((e) => e.name).join(', ')}`);
  // Flags an engine would ignore are refused: a user who asked for them expects them to matter.
  const ignored = (engine.exhaustive ? RANDOM_ONLY : EXHAUSTIVE_ONLY).find((f) => args.flags.has(f));
  if (ignored) {
    const others = engines.filter((e) => e.exhaustive !== engine.exhaustive).map((e) => e.name);
    const [target, instead] = engine.exhaustive
      ? [`the random engines (${others.join(', ')})`, `--engine ${engine.name} explores every interleaving`]
      : [others.join(' and '), 'bound a random run with --runs and --max-steps'];
    throw new UsageError(`check: --${ignored} applies only to ${target}; ${instead}`);
  }
  const workers = intFlag(args, 'workers', 1) ?? 1;
  if (workers > 1 && engine.name !== 'bfs') throw new UsageError(`check: --workers applies only to bfs, not ${engine.name}`);
  const noSymmetry = args.flags.has('no-symmetry');
  if (noSymmetry && workers > 1) throw new UsageError('check: --no-symmetry does not combine with --workers yet (each worker builds its own model); drop one of them');
  const sleepSets = args.flags.has('sleep-sets');
  if (sleepSets && engine.name !== 'bfs') throw new UsageError(`check: --sleep-sets applies only to bfs, not ${engine.name}`);
  if (sleepSets && workers > 1) throw new UsageError('check: --sleep-sets does not combine with --workers (workers go without sleep sets); drop one of them');
  const named = await withModelFiles(catalog, args.positional);
  const scoped = parseScopedParams(listFlag(args, 'param'), named.catalog);
  const targets = resolveTargets(named.catalog, named.names, args.flags.has('all'));
  const options: EngineOptions = {
    maxDepth: intFlag(args, 'max-depth', 1),
    maxStates: intFlag(args, 'max-states', 1),
    timeoutMs: durationFlag(args, 'timeout'),
    maxMemoryMb: intFlag(args, 'max-memory', 64) ?? defaultMemoryLimitMb(),
    interrupt: io.interrupt,
    properties: listFlag(args, 'property'),
    exhaustive: args.flags.has('exhaustive'),
    // A random engine gets one seed for the whole invocation, drawn here when not given, and printed.
    seed: intFlag(args, 'seed', 0, 0x7fffffff) ?? (engine.exhaustive ? undefined : freshSeed()),
    runs: intFlag(args, 'runs', 1),
    maxSteps: intFlag(args, 'max-steps', 1),
    shard: parseShard(args.flags.get('shard') as string | undefined),
    swarm: swarmFlag(args),
    ...(sleepSets ? { sleepSets: true } : {}),
  };
  const out = args.flags.get('out') as string | undefined;
  const save = args.flags.has('save') || out !== undefined;

  // Validate every target's parameters before running anything: a typo fails fast.
  const jobs = targets.flatMap(({ definition, variants }) =>
    variants.map((variant) => {
      const overrides = overridesFor(definition, variant, overridesForTarget(scoped, definition.name, variant), variants);
      const params = withScopeHint(targets.length > 1, () => resolveParams(definition, variant, overrides));
      return { definition: noSymmetry ? familyWithoutSymmetry(definition) : definition, variant, overrides, params };
    }),
  );
  checkScopesUsed(scoped, jobs.map((job) => ({ model: job.definition.name, variant: job.variant })));

  if (out !== undefined && jobs.length > 1) {
    throw new UsageError(`check: --out names one file: check one variant (or drop --out to save each counterexample under counterexamples/)`);
  }

  const saver = save ? new CounterexampleSaver(out, json ? undefined : junit ? io.err : io.out, io.err) : undefined;
  saver?.precheck(jobs);

  const reports: VariantReport[] = [];
  for (const job of jobs) {
    if (io.interrupt?.requested) break;
    // The header comes first, so a long check shows what it is checking while it runs.
    if (text) io.out(variantHeader(job.definition.name, job.variant, formatParams(job.params), engine.name));
    const progress = progressReporter(`${job.definition.name}/${job.variant}`, io);
    const runner = workers > 1 ? parallelEngine(engine, workers, job.definition, job.variant, job.overrides) : engine;
    const report = applyMissPolicy(await checkVariant(job.definition, job.variant, job.params, runner, { ...options, onProgress: progress.onProgress }), engine.exhaustive, args.flags.has('strict'));
    progress.finish(report.result);
    reports.push(report);
    const repeat = engine.exhaustive ? undefined : repeatCommand(report, { engine: engine.name, runs: options.runs, maxSteps: options.maxSteps, properties: options.properties ?? [], params: job.overrides, noSymmetry });
    if (text) printReport(report, io, repeat, options.maxMemoryMb);
    saver?.save(report, job.definition);
    if (html !== undefined) writeReportPictures(report, html, io);
    if (text && args.flags.has('mermaid')) printReportMermaid(report, io);
  }

  saver?.finish();

  const ok = reports.every((r) => r.ok);
  const interrupted = io.interrupt?.requested === true;
  const unchecked = jobs.length - reports.length;
  if (json) {
    const results = reports.map((r) => ({ ...reportToJson(r), ...(saver ? { saved: saver.saved.get(r) ?? [] } : {}) }));
    io.out(JSON.stringify({ ok: ok && !interrupted, ...(interrupted ? { interrupted: true, unchecked } : {}), ...(saver ? { saveErrors: saver.failures } : {}), results }, null, 2));
  } else if (junit) {
    io.out(junitReport(reports));
  } else {
    const surprises = reports.filter((r) => !r.ok).length;
    const states = reports.reduce((sum, r) => sum + r.result.distinctStates, 0);
    const ms = reports.reduce((sum, r) => sum + r.result.elapsedMs, 0);
    const misses = countMissed(reports);
    const missNote = misses > 0 ? `, ${misses} expected violation${misses === 1 ? '' : 's'} missed by the random search (not a failure; --strict fails it)` : '';
    const rest = interrupted ? `; interrupted, ${unchecked} not checked` : '';
    io.out(`${reports.length} variant${reports.length === 1 ? '' : 's'} checked: ${reports.length - surprises} met every expectation, ${surprises} with a surprise${missNote}${rest} (${count(states)} distinct states in ${seconds(ms)}, ${rate(states, ms)})`);
  }
  if (saver && saver.failures.length > 0) return ExitCode.badInput;
  return ok ? 0 : 1;
}

/** The figures a random engine (`random`, `fast-check`) puts in `details`. */
interface RandomDetails {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly steps: number;
  readonly shard?: string;
  /** Whether the search ran with swarm masks (the default; false under `--no-swarm`). */
  readonly swarm?: boolean;
  readonly coverage: Record<string, KindCoverage>;
  readonly violations: Record<string, { seed?: number; path?: string; run?: number; shrinks?: number; unshrunkSteps?: number; shrunkSteps?: number; walkSteps?: number }>;
}

function randomDetails(result: ExplorationResult): RandomDetails | undefined {
  const d = result.details as Partial<RandomDetails> | undefined;
  return d && typeof d.runs === 'number' && typeof d.seed === 'number' && d.coverage ? (d as RandomDetails) : undefined;
}

/** One line of action coverage: kinds with how often they fired, faults apart, and what never fired. */
export function describeCoverage(coverage: Record<string, KindCoverage>): string[] {
  const entries = Object.entries(coverage);
  const part = (list: [string, KindCoverage][]) => list.map(([k, c]) => `${k} ${count(c.fired)}`).join(', ');
  const lines = [`actions fired: ${part(entries.filter(([, c]) => !c.fault)) || '(none)'}`];
  const faults = entries.filter(([, c]) => c.fault);
  if (faults.length > 0) lines.push(`faults fired: ${part(faults)}`);
  const never = entries.filter(([, c]) => c.fired === 0);
  if (never.length > 0) {
    lines.push(`never fired: ${never.map(([k, c]) => `${k}${c.fault ? ' (fault)' : ''}, enabled at ${count(c.enabled)} step${c.enabled === 1 ? '' : 's'}`).join('; ')}`);
  }
  return lines;
}

function describeSearch(result: ExplorationResult, maxMemoryMb: number | undefined): string {
  const random = randomDetails(result);
  const hint = stopHint(result.stopReason, maxMemoryMb);
  if (random) {
    const shard = random.shard ? `, shard ${random.shard}` : '';
    const stopped = result.stopReason === 'runs-exhausted' || result.stopReason === 'all-violated' ? '' : `, stopped by ${result.stopReason}${hint}`;
    return `seed ${random.seed}${shard}: ${count(random.runs)} run${random.runs === 1 ? '' : 's'} of at most ${count(random.maxSteps)} steps (${count(random.steps)} steps, ${count(result.distinctStates)} distinct states) in ${seconds(result.elapsedMs)}: NOT exhaustive (random search${stopped}; repeat with --seed ${random.seed}${shard ? ` --shard ${random.shard}` : ''})`;
  }
  const slept = result.details?.['sleptTransitions'];
  const off = result.details?.['sleepSetsOff'];
  const spared = typeof off === 'string' ? `, no sleep sets: ${off}` : typeof slept === 'number' && slept > 0 ? `, ${count(slept)} spared by sleep sets` : '';
  const figures = `${count(result.distinctStates)} distinct states (${count(result.generatedStates)} generated${spared}, depth ${result.depth}) in ${seconds(result.elapsedMs)}`;
  if (result.complete) return `explored all ${figures}: exhaustive`;
  if (result.stopReason === 'all-violated') {
    const witnessed = result.properties.some((p) => p.witness);
    return `explored ${figures}: stopped once every property had a counterexample${witnessed ? ' or a witness' : ''}`;
  }
  return `explored ${figures}: NOT exhaustive (stopped by ${result.stopReason}${hint})`;
}

/** How to lift the bound that stopped a search, where the user may not know it was there. */
function stopHint(reason: string | null, maxMemoryMb: number | undefined): string {
  if (reason === 'memory') return `: the memory guard of ${count(maxMemoryMb ?? 0)} MB; raise it with --max-memory MB`;
  if (reason === 'interrupted') return ': a signal or a closed output; the figures are those reached so far';
  return '';
}

function printReport(report: VariantReport, io: CliIO, repeat?: string, maxMemoryMb?: number): void {
  const params = formatParams(report.params);
  io.out(`  ${describeSearch(report.result, maxMemoryMb)}`);
  if (repeat) io.out(`  repeat: ${repeat}`);
  if (report.bounds) io.out(`  bounds: ${report.bounds}`);
  const random = randomDetails(report.result);
  if (random) for (const line of describeCoverage(random.coverage)) io.out(`  ${line}`);
  const width = Math.max(...report.properties.map((p) => p.name.length));
  const model = report.explored;
  for (const p of report.properties) {
    const mark = isMissed(p) ? 'miss' : p.ok ? 'ok  ' : 'FAIL';
    const name = p.name.padEnd(width);
    let text: string;
    if (p.verdict === 'holds' && p.witness) text = `holds: witnessed after ${stepCount(p.witness.steps.length)}`;
    else if (p.verdict === 'holds') text = holdsText(p.kind, report, params);
    else if (p.verdict === 'unknown' && random) text = `no ${sought(p.kind)} found in ${count(random.runs)} runs (${count(random.steps)} steps, ${count(report.result.distinctStates)} distinct states)`;
    else if (p.verdict === 'unknown') text = `no ${sought(p.kind)} found in ${count(report.result.distinctStates)} states explored (not exhaustive: ${report.result.stopReason})`;
    else text = `violated: ${p.counterexample?.violation ?? p.message}${p.counterexample ? '' : ` in any of the ${count(report.result.distinctStates)} reachable states`}`;
    const expectation = isMissed(p) ? 'expected violated: missed, not a failure of a random search' : p.ok ? `expected ${p.expected}` : `EXPECTED ${p.expected.toUpperCase()}`;
    io.out(`  ${mark} ${name}  ${text}  [${expectation}]`);
    if (p.counterexample) {
      const found = random?.violations[p.name];
      const shortest =
        report.engine === 'bfs'
          ? 'shortest counterexample'
          : report.engine === 'fast-check' && found
            ? `counterexample shrunk by fast-check from ${found.unshrunkSteps} steps in ${found.shrinks} shrinks`
            : report.engine === 'random' && found
              ? `counterexample from run ${found.run} (seed ${found.seed}; a ${found.walkSteps}-step walk with its loops cut)`
              : 'counterexample';
      io.out(`         ${shortest}, ${p.counterexample.steps.length} step${p.counterexample.steps.length === 1 ? '' : 's'}:`);
      if (report.engine === 'fast-check' && found?.path !== undefined) {
        io.out(`         fast-check seed ${found.seed}, path "${found.path}": fc.assert(property, { seed: ${found.seed}, path: '${found.path}' }) with scheduleArbitrary({ maxSteps: ${random!.maxSteps}${random!.swarm === false ? ', swarm: false' : ''} })`);
      }
      for (const line of renderCounterexample(model, p.counterexample, { indent: '         ' })) io.out(line);
    }
  }
}

function variantHeader(model: string, variant: string, params: string, engine: string): string {
  return `${model}/${variant}${params ? ` (${params})` : ''} with ${engine}`;
}

/** The JSON form of one variant's report (`check --json`). */
export function reportToJson(report: VariantReport) {
  const r = report.result;
  return {
    model: report.model,
    variant: report.variant,
    params: report.params,
    ...(report.bounds ? { bounds: report.bounds } : {}),
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
      ...(isMissed(p) ? { missed: true } : {}),
      counterexample: p.counterexample ? counterexampleToJson(report.explored, p.counterexample) : null,
      ...(p.witness ? { witness: traceToJson(report.explored, p.witness) } : {}),
      ...(p.message ? { message: p.message } : {}),
    })),
    ...(r.details ? { details: r.details } : {}),
  };
}

/**
 * The overrides that apply to one variant when several are checked at once: a parameter the
 * variant does not read is skipped for it, as long as some variant checked reads it (checking a
 * single variant, resolveParams refuses it with a message naming the variants that do).
 */
function overridesFor(definition: ModelDefinition, variant: string, overrides: Record<string, string>, checked: readonly string[]): Record<string, string> {
  if (checked.length === 1) return overrides;
  const uses = definition.variants[variant]?.uses;
  if (!uses) return overrides;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(overrides)) {
    if (uses.includes(name) || !Object.hasOwn(definition.params, name)) kept[name] = value;
    else if (!variantsUsing(definition, name).some((v) => checked.includes(v))) kept[name] = value; // let resolveParams say why
  }
  return kept;
}

/** What a search looks for: a witness of a `sometimes` property, a violation of any other. */
function sought(kind: string): string {
  return kind === 'sometimes' ? 'witness' : 'violation';
}

function stepCount(n: number): string {
  return `${n} step${n === 1 ? '' : 's'}`;
}

/**
 * What a `holds` rests on. An `eventually` property is judged only in terminal states, so say how
 * many there were: with none, it held because it was never put to the test.
 */
function holdsText(kind: string, report: VariantReport, params: string): string {
  const within = params ? ` within ${params}` : '';
  const reachable = count(report.result.distinctStates);
  if (kind !== 'eventually') return `holds: no violation in any of the ${reachable} reachable states${within}`;
  const terminal = report.result.details?.terminalStates;
  if (typeof terminal !== 'number') return `holds in every terminal state of the ${reachable} reachable states${within}`;
  if (terminal === 0) return `holds: none of the ${reachable} reachable states is terminal (the only states where it is judged)${within}`;
  return `holds in all ${count(terminal)} terminal states of the ${reachable} reachable states${within}`;
}
