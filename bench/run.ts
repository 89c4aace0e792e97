/**
 * Benchmark: TwoPhase (two-phase commit) explored exhaustively with `bfs`.
 *
 *   npm run bench                 rms = 7, 8, 9; the median of 3 runs each
 *   npm run bench -- --runs 5     more runs per size
 *   npm run bench -- --rms 10     rms = 10 only, once, with its peak resident memory
 *   npm run bench -- --rms 8      any single size (3..10), median of --runs runs
 *
 * Every run is a fresh child process (so that one run's garbage does not slow the next), with a
 * larger heap than Node's default. The counts are checked against TLC's published figures
 * (/work/shared/reference/tla-examples.md); a mismatch is printed loudly and makes the exit code 1.
 * Results go to bench/results/bench.json (merged by size with the results already there).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bfs } from '../src/explore/bfs.ts';
import { twoPhaseCommit } from '../models/two-phase-commit/two-phase-commit.ts';

/** TLC's counts for TwoPhase (distinct, generated, depth); generated and depth unknown for 10. */
const PUBLISHED: Readonly<Record<number, { distinct: number; generated?: number; depth?: number }>> = {
  3: { distinct: 288, generated: 1_146, depth: 11 },
  4: { distinct: 1_568, generated: 8_258, depth: 14 },
  5: { distinct: 8_832, generated: 58_146, depth: 17 },
  6: { distinct: 50_816, generated: 402_306, depth: 20 },
  7: { distinct: 296_448, generated: 2_744_706, depth: 23 },
  8: { distinct: 1_745_408, generated: 18_507_778, depth: 26 },
  9: { distinct: 10_340_352, generated: 123_558_402, depth: 29 },
  10: { distinct: 61_515_776 },
};

/** Published speed on these machines, printed beside our figure. */
const TARGETS: Readonly<Record<number, string>> = {
  9: 'SPIN ~27 s (C, one core); TLC 243 s (one worker), 177 s (two)',
  10: 'SPIN needed 5.4 GB',
};
const SPIN_SECONDS_RMS9 = 27;

/** Heap for the children; the visited table, parent links and frontier are typed arrays, off the heap. */
const CHILD_HEAP_MB = 8192;

interface RunFigures {
  readonly rms: number;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly seconds: number;
  /** CPU time of the process during the search (user + system): steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly complete: boolean;
  readonly verdicts: Record<string, string>;
}

/** One exploration, in this process; prints its figures as one JSON line. */
function child(rms: number): void {
  const model = twoPhaseCommit(rms);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = bfs(model);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const figures: RunFigures = {
    rms,
    distinct: result.distinctStates,
    generated: result.generatedStates,
    depth: result.depth,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    complete: result.complete,
    verdicts: Object.fromEntries(result.properties.map((p) => [p.name, p.verdict])),
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

function runChild(rms: number): RunFigures {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MB}`, '--import', 'tsx', self, '--child', String(rms)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`benchmark child for rms=${rms} failed (exit ${out.status ?? out.signal})`);
  const line = out.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as RunFigures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Mismatches between our counts and TLC's, as lines; empty when they agree. */
function mismatches(run: RunFigures): string[] {
  const expected = PUBLISHED[run.rms];
  if (!expected) return [];
  const problems: string[] = [];
  if (run.distinct !== expected.distinct) problems.push(`distinct ${fmt(run.distinct)}, TLC ${fmt(expected.distinct)}`);
  if (expected.generated !== undefined && run.generated !== expected.generated) problems.push(`generated ${fmt(run.generated)}, TLC ${fmt(expected.generated)}`);
  if (expected.depth !== undefined && run.depth !== expected.depth) problems.push(`depth ${run.depth}, TLC ${expected.depth}`);
  if (!run.complete) problems.push('exploration did not complete');
  for (const [name, verdict] of Object.entries(run.verdicts)) if (verdict !== 'holds') problems.push(`${name}: ${verdict}, expected holds`);
  return problems;
}

function parent(argv: readonly string[]): number {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const onlyRms = option('--rms');
  const sizes = onlyRms !== undefined ? [Number(onlyRms)] : [7, 8, 9];
  const runsWanted = Number(option('--runs') ?? (onlyRms === '10' ? 1 : 3));
  for (const rms of sizes) {
    if (!PUBLISHED[rms]) throw new Error(`--rms must be from 3 to 10, not ${rms}`);
  }
  if (!Number.isInteger(runsWanted) || runsWanted < 1) throw new Error('--runs must be a positive integer');

  console.log(`TwoPhase, bfs, one core; ${runsWanted} run(s) per size, each in a fresh node process (${process.version})`);
  console.log('rms  distinct     generated      depth  seconds(median)  cpu s   states/s     peak RSS   target');
  const report: unknown[] = [];
  let failed = false;
  for (const rms of sizes) {
    const runs: RunFigures[] = [];
    for (let i = 0; i < runsWanted; i++) runs.push(runChild(rms));
    const seconds = median(runs.map((r) => r.seconds));
    const cpuSeconds = median(runs.map((r) => r.cpuSeconds));
    const first = runs[0]!;
    const problems = runs.flatMap(mismatches);
    const statesPerSecond = first.distinct / seconds;
    const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
    console.log(
      `${String(rms).padStart(3)}  ${fmt(first.distinct).padEnd(11)}  ${fmt(first.generated).padEnd(13)}  ${String(first.depth).padEnd(5)}  ` +
        `${seconds.toFixed(2).padStart(8)} s       ${cpuSeconds.toFixed(2).padStart(6)}  ${fmt(Math.round(statesPerSecond)).padEnd(11)}  ${(peakRssMb / 1024).toFixed(2).padStart(5)} GB   ` +
        `${TARGETS[rms] ?? ''}${rms === 9 ? ` -> ${(SPIN_SECONDS_RMS9 / seconds).toFixed(2)}x SPIN's speed` : ''}`,
    );
    console.log(`     runs (wall): ${runs.map((r) => r.seconds.toFixed(2)).join(' s, ')} s; (cpu): ${runs.map((r) => r.cpuSeconds.toFixed(2)).join(' s, ')} s`);
    if (problems.length > 0) {
      failed = true;
      console.log(`\n  !!! COUNT MISMATCH for rms=${rms} against TLC's published figures !!!`);
      for (const problem of [...new Set(problems)]) console.log(`  !!! ${problem}`);
      console.log('');
    }
    report.push({
      model: 'two-phase-commit',
      engine: 'bfs',
      rms,
      runs: runs.map((r) => ({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRssMb: r.peakRssMb })),
      medianSeconds: seconds,
      medianCpuSeconds: cpuSeconds,
      distinct: first.distinct,
      generated: first.generated,
      depth: first.depth,
      distinctPerSecond: statesPerSecond,
      generatedPerSecond: first.generated / seconds,
      peakRssMb,
      published: PUBLISHED[rms],
      countsMatch: problems.length === 0,
      ...(rms === 9 ? { spinSeconds: SPIN_SECONDS_RMS9, tlcSeconds: 243, speedupOverSpin: SPIN_SECONDS_RMS9 / seconds } : {}),
    });
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, 'results', 'bench.json');
  mkdirSync(dirname(file), { recursive: true });
  // Results of sizes not run this time (say rms 7-9 when only --rms 10 ran) are kept.
  let earlier: Array<{ rms: number }> = [];
  try {
    earlier = (JSON.parse(readFileSync(file, 'utf8')) as { results?: Array<{ rms: number }> }).results ?? [];
  } catch {
    // No earlier results, or unreadable ones: start afresh.
  }
  const results = [...earlier.filter((r) => !sizes.includes(r.rms)), ...(report as Array<{ rms: number }>)].sort((a, b) => a.rms - b.rms);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
  console.log(`wrote ${file}`);
  return failed ? 1 : 0;
}

const args = process.argv.slice(2);
if (args[0] === '--child') child(Number(args[1]));
else process.exitCode = parent(args);
