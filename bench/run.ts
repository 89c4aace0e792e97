/**
 * `npm run bench`: faultline side by side with its peers, in CPU seconds.
 *
 *   npm run bench                          every group, 3 alternated runs per row
 *   npm run bench -- --only two-phase      one group (two-phase, quorum-register, system), or several: a,b
 *   npm run bench -- --match rms=8         only rows whose label contains the text
 *   npm run bench -- --runs 5              more runs per row
 *   npm run bench -- --workers 1,2         each row with one and with two workers
 *   npm run bench -- --base main~3         the peer of every row is the same configuration run by
 *                                          the code of another commit (a before/after comparison;
 *                                          a row the base cannot run is printed without a peer)
 *   npm run bench -- --versus sleep-sets   the peer of every row is the same configuration with an
 *                                          engine option changed (sleep-sets: bfs with sleep sets)
 *   npm run bench -- --tsx                 run the TypeScript through tsx instead of compiling it
 *                                          first (what a development checkout's CLI does; slower)
 *
 * The code measured is compiled with tsc first (bench/build.ts says why), as an installed package is.
 * Every run is a fresh process. A row and its peer alternate (A B A B ...), and the medians of
 * their CPU seconds are compared: on a shared machine single times mean little, ratios from
 * alternated runs do. SPIN (bench/spin/README.md) is the peer when `spin` and `gcc` are installed;
 * without them the bench says so and prints faultline's figures alone. Counts are checked against
 * TLC's published figures and, with --base, against the base commit's; a mismatch is printed
 * loudly and makes the exit code 1. Results go to bench/results/bench.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { groups, type FaultlineConfig, type FaultlineFigures, type Group, type Row } from './configs.ts';
import { buildSpin, runSpin, spinMissing, type SpinFigures } from './peer-spin.ts';
import { catalog } from '../models/catalog.ts';
import { findFamily } from './families.ts';
import { compileCheckout } from './build.ts';

/** The engine options `--versus` can change in a row's peer. */
const VERSUS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'sleep-sets': { sleepSets: true },
};

/** Heap for the children; bfs keeps its visited table and parent links in typed arrays, off the heap. */
const CHILD_HEAP_MB = 8192;
const here = import.meta.dirname;
const repository = resolve(here, '..');

/** How children run: the compiled tree of this checkout (and of the base), or the sources through tsx. */
interface Runner {
  /** The child's script and the node flags it needs. */
  readonly child: readonly string[];
  /** The root a child loads the base's code from, given the base checkout. */
  readonly baseRoot: (checkout: string) => string;
  /** This checkout's root, as the child loads it. */
  readonly root: string;
  /** Folders to delete at the end (compiled trees). */
  readonly scratch: string[];
}

function compiledRunner(): Runner {
  const build = compileCheckout(repository, ['bench/child.ts']);
  const scratch = [build];
  const baseRoot = (checkout: string) => {
    const base = compileCheckout(checkout);
    scratch.push(base);
    return base;
  };
  return { child: [join(build, 'bench', 'child.js')], baseRoot, root: build, scratch };
}

const tsxRunner: Runner = { child: ['--import', 'tsx', join(here, 'child.ts')], baseRoot: (checkout) => checkout, root: repository, scratch: [] };

/** A benchmark run that did not finish: `reason` is the child's last line of error output. */
class RunFailed extends Error {}

function runFaultline(runner: Runner, config: FaultlineConfig, root: string): FaultlineFigures {
  const args = [`--max-old-space-size=${CHILD_HEAP_MB}`, ...runner.child, JSON.stringify(config), '--root', root];
  const out = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: repository, maxBuffer: 1 << 20 });
  if (out.status !== 0) {
    const last = out.stderr.trim().split('\n').pop() || `exit ${out.status ?? out.signal}`;
    throw new RunFailed(last);
  }
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as FaultlineFigures;
}

/** A checkout of `ref` in a temporary folder, sharing this repository's node_modules. */
function checkout(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-base-'));
  const git = (...args: string[]) => {
    const out = spawnSync('git', args, { cwd: repository, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`git ${args.join(' ')}: ${out.stderr.trim()}`);
    return out.stdout.trim();
  };
  git('worktree', 'add', '--detach', dir, ref);
  symlinkSync(join(repository, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const seconds = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} s` : '-');

/** Problems with a row's runs: counts against the expected ones, runs disagreeing with each other or with the base. */
function problemsOf(row: Row, runs: readonly FaultlineFigures[], base: readonly FaultlineFigures[], sameGenerated = true): string[] {
  const problems: string[] = [];
  const first = runs[0]!;
  const expected = row.expected;
  if (expected?.distinct !== undefined && first.distinct !== expected.distinct) problems.push(`distinct ${fmt(first.distinct)}, expected ${fmt(expected.distinct)}`);
  if (expected?.generated !== undefined && first.generated !== expected.generated) problems.push(`generated ${fmt(first.generated)}, expected ${fmt(expected.generated)}`);
  if (expected?.depth !== undefined && first.depth !== expected.depth) problems.push(`depth ${first.depth}, expected ${expected.depth}`);
  const signature = (f: FaultlineFigures, generated = true) => JSON.stringify([f.distinct, generated ? f.generated : '-', f.depth, f.complete, f.verdicts, f.shortest]);
  for (const other of runs) {
    if (signature(other) !== signature(first)) problems.push(`runs disagree: ${signature(first)} vs ${signature(other)}`);
  }
  // With a reduction that spares successors (sleep sets), only the generated count may differ.
  for (const other of base) {
    if (signature(other, sameGenerated) !== signature(first, sameGenerated)) problems.push(`the peer explored another graph, so its CPU is not comparable: ${signature(first, sameGenerated)} vs ${signature(other, sameGenerated)}`);
  }
  return [...new Set(problems)];
}

interface RowReport {
  readonly group: string;
  readonly label: string;
  readonly config: FaultlineConfig;
  readonly runs: readonly FaultlineFigures[];
  readonly peer: 'spin' | 'base' | 'versus' | null;
  readonly peerRuns: readonly (FaultlineFigures | SpinFigures)[];
  readonly medianCpuSeconds: number;
  readonly peerMedianCpuSeconds: number | null;
  readonly ratio: number | null;
  readonly distinctPerCpuSecond: number;
  readonly problems: readonly string[];
}

/** Who a row is compared with: SPIN, the same row at another commit (`baseRoot`), or the same row with engine options changed (`versus`). */
interface Peers {
  readonly spinProblem: string | undefined;
  readonly baseRoot: string | undefined;
  readonly versus: { readonly name: string; readonly options: Readonly<Record<string, unknown>> } | undefined;
}

function runGroup(runner: Runner, group: Group, runsWanted: number, match: string | undefined, peers: Peers): RowReport[] {
  const { spinProblem, baseRoot, versus } = peers;
  console.log(`\n== ${group.title}`);
  if (group.missing) {
    console.log(`   skipped: ${group.missing}`);
    return [];
  }
  const rows = group.rows.filter((row) => !match || row.label.includes(match));
  const peerName = baseRoot ? 'base' : versus ? versus.name : 'SPIN';
  console.log(
    `   ${'configuration'.padEnd(44)} ${'distinct'.padStart(11)} ${'generated'.padStart(12)} ${'depth'.padStart(5)}  ${'cpu (median)'.padStart(12)}  ${'states/cpu s'.padStart(12)}  ${'peak RSS'.padStart(8)}  ${`${peerName} cpu`.padStart(10)}  ratio`,
  );
  const reports: RowReport[] = [];
  for (const row of rows) {
    const usesSpin = !baseRoot && !versus && row.spin !== undefined && spinProblem === undefined;
    const changed = versus ? { ...row.faultline, options: { ...row.faultline.options, ...versus.options } } : undefined;
    const spinDir = usesSpin ? buildSpin(row.spin!) : undefined;
    const own = () => runFaultline(runner, row.faultline, runner.root);
    const peer = baseRoot ? () => runFaultline(runner, row.faultline, baseRoot) : changed ? () => runFaultline(runner, changed, runner.root) : spinDir ? () => runSpin(spinDir, row.spin!) : undefined;
    let alternated: Alternated;
    try {
      alternated = alternate(runsWanted, own, peer);
    } catch (error) {
      if (!(error instanceof RunFailed)) throw error;
      console.log(`   ${row.label.padEnd(44)} !!! did not run: ${error.message}`);
      reports.push(failedReport(group, row, error.message));
      continue;
    }
    const { runs, peerRuns, peerFailure } = alternated;
    const cpu = median(runs.map((r) => r.cpuSeconds));
    const peerCpu = peerRuns.length > 0 ? median(peerRuns.map((r) => r.cpuSeconds)) : null;
    const first = runs[0]!;
    const problems = problemsOf(row, runs, baseRoot || changed ? (peerRuns as FaultlineFigures[]) : [], !changed);
    const ratio = peerCpu !== null ? cpu / peerCpu : null;
    const rss = Math.max(...runs.map((r) => r.peakRssMb));
    console.log(
      `   ${row.label.padEnd(44)} ${fmt(first.distinct).padStart(11)} ${fmt(first.generated).padStart(12)} ${String(first.depth).padStart(5)}  ${seconds(cpu).padStart(12)}  ${fmt(first.distinct / cpu).padStart(12)}  ${`${fmt(rss)} MB`.padStart(8)}  ${(peerCpu === null ? '-' : seconds(peerCpu)).padStart(10)}  ${
        ratio === null ? '-' : `${ratio.toFixed(2)}x ${peerName}'s CPU`
      }`,
    );
    const shortest = Object.entries(first.shortest);
    if (shortest.length > 0) console.log(`      shortest counterexamples: ${shortest.map(([name, steps]) => `${name} ${steps} steps`).join(', ')}`);
    if (usesSpin && peerRuns.length > 0) {
      const spin = peerRuns[0] as SpinFigures;
      console.log(
        `      SPIN: ${fmt(spin.states)} states, ${fmt(spin.transitions)} transitions, depth ${spin.depth}, ${spin.errors} error(s)${spin.trailSteps ? `, trail ${spin.trailSteps} steps` : ''}, ${fmt(spin.states / peerCpu!)} states/cpu s, peak RSS ${fmt(Math.max(...peerRuns.map((r) => r.peakRssMb)))} MB`,
      );
    }
    console.log(`      cpu s per run: ${runs.map((r) => r.cpuSeconds.toFixed(2)).join(', ')}${peerRuns.length ? `; ${peerName}: ${peerRuns.map((r) => r.cpuSeconds.toFixed(2)).join(', ')}` : ''}`);
    // Workers gain wall-clock time, which means something only on idle cores: the load is printed.
    console.log(`      wall s per run: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')} (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`);
    if (peerFailure !== undefined) console.log(`      the peer (${peerName}) cannot run this row, so it has none: ${peerFailure}`);
    for (const problem of problems) console.log(`      !!! ${problem}`);
    reports.push({
      group: group.name,
      label: row.label,
      config: row.faultline,
      runs,
      peer: baseRoot ? 'base' : changed ? 'versus' : usesSpin ? 'spin' : null,
      peerRuns,
      medianCpuSeconds: cpu,
      peerMedianCpuSeconds: peerCpu,
      ratio,
      distinctPerCpuSecond: first.distinct / cpu,
      problems,
    });
  }
  return reports;
}

/** A row's runs, alternated with its peer's; `peerFailure` says why the peer could not run it, if it could not. */
interface Alternated {
  readonly runs: readonly FaultlineFigures[];
  readonly peerRuns: readonly (FaultlineFigures | SpinFigures)[];
  readonly peerFailure?: string;
}

/** Runs a row and its peer in turn (A B A B); a peer that cannot run the row (a base commit without its variant) leaves it without one. */
function alternate(runsWanted: number, own: () => FaultlineFigures, peer: (() => FaultlineFigures | SpinFigures) | undefined): Alternated {
  const runs: FaultlineFigures[] = [];
  const peerRuns: (FaultlineFigures | SpinFigures)[] = [];
  let peerFailure: string | undefined;
  for (let i = 0; i < runsWanted; i++) {
    runs.push(own());
    if (!peer || peerFailure !== undefined) continue;
    try {
      peerRuns.push(peer());
    } catch (error) {
      if (!(error instanceof RunFailed)) throw error;
      peerFailure = error.message;
      peerRuns.length = 0;
    }
  }
  return { runs, peerRuns, ...(peerFailure !== undefined ? { peerFailure } : {}) };
}

/** The report of a row whose own run failed: no figures, one problem. */
function failedReport(group: Group, row: Row, reason: string): RowReport {
  return { group: group.name, label: row.label, config: row.faultline, runs: [], peer: null, peerRuns: [], medianCpuSeconds: NaN, peerMedianCpuSeconds: null, ratio: null, distinctPerCpuSecond: NaN, problems: [`did not run: ${reason}`] };
}

async function parent(argv: readonly string[]): Promise<number> {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runsWanted = Number(option('--runs') ?? 3);
  if (!Number.isInteger(runsWanted) || runsWanted < 1) throw new Error('--runs must be a positive integer');
  const workerCounts = (option('--workers') ?? '1').split(',').map(Number);
  if (workerCounts.some((w) => !Number.isInteger(w) || w < 1)) throw new Error('--workers must be a list of positive integers, as in 1,2');
  const families = new Map(catalog.map((d) => [d.name, Object.keys(d.variants)] as const));
  // Families written for the comparison but not (yet) in the catalog.
  for (const name of ['quorum-register']) {
    if (!families.has(name)) {
      const definition = await findFamily(name, (path) => import(pathToFileURL(join(repository, path)).href)).catch(() => undefined);
      if (definition) families.set(name, Object.keys(definition.variants));
    }
  }
  const all = groups(families, workerCounts);
  const only = option('--only')?.split(',');
  for (const name of only ?? []) if (!all.some((g) => g.name === name)) throw new Error(`--only: no group '${name}'; groups are ${all.map((g) => g.name).join(', ')}`);
  const base = option('--base');
  const versusName = option('--versus');
  if (versusName !== undefined && !VERSUS[versusName]) throw new Error(`--versus: no option set '${versusName}'; there is ${Object.keys(VERSUS).join(', ')}`);
  if (versusName !== undefined && base) throw new Error('--versus and --base each name the peer: give one');
  const versus = versusName !== undefined ? { name: versusName, options: VERSUS[versusName]! } : undefined;
  const spinProblem = spinMissing();

  const runner = argv.includes('--tsx') ? tsxRunner : compiledRunner();
  console.log(
    `faultline bench: ${runsWanted} alternated run(s) per row, each a fresh process (node ${process.version}, ${runner === tsxRunner ? 'sources through tsx' : 'compiled by tsc'}); CPU seconds of the search`,
  );
  if (base) console.log(`peer: the same configurations run by the code of ${base}`);
  else if (versus) console.log(`peer: the same configurations with ${JSON.stringify(versus.options)} (${versus.name})`);
  else if (spinProblem) console.log(`SPIN is not installed here, so rows print faultline's figures alone: ${spinProblem}`);
  else console.log('peer: SPIN (spin -a; gcc -O2 -DSAFETY -DNOREDUCE; pan), CPU seconds of the pan process');
  const baseCheckout = base ? checkout(base) : undefined;
  const baseRoot = baseCheckout ? runner.baseRoot(baseCheckout) : undefined;
  const reports: RowReport[] = [];
  try {
    for (const group of all) if (!only || only.includes(group.name)) reports.push(...runGroup(runner, group, runsWanted, option('--match'), { spinProblem, baseRoot, versus }));
  } finally {
    if (baseCheckout) spawnSync('git', ['worktree', 'remove', '--force', baseCheckout], { cwd: repository });
    for (const folder of runner.scratch) rmSync(folder, { recursive: true, force: true });
  }
  const file = join(here, 'results', 'bench.json');
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, base: base ?? null, rows: reports }, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
  const failed = reports.filter((r) => r.problems.length > 0);
  if (failed.length > 0) console.log(`!!! ${failed.length} row(s) with problems (counts that differ, runs that failed): ${failed.map((r) => r.label).join('; ')}`);
  return failed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await parent(process.argv.slice(2));
} catch (error) {
  // A bad flag, a base that does not check out, SPIN failing to build: one line, exit 2.
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 2;
}
