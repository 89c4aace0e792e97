/**
 * Benchmark of the linearizability checker against porcupine's published figures.
 *
 * For every history listed in the data set's manifest: one untimed warm-up, then RUNS timed
 * checks; the file's time is their median. Per collection it prints our total and max
 * beside porcupine's (`porcupine_json_median_ms`, measured by the data set's authors on
 * this 2-core machine), as ratios (ours / porcupine's; ≤ 1 means at least as fast), and
 * our step count beside `porcupine_steps` where the manifest has it.
 *
 * Run: node --import tsx bench/lin.ts [data folder]   Writes bench/results/lin.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLinearizability, readHistoryFile, specForHistory } from '../properties/linearizability/index.ts';

const RUNS = 5;
const dataDir = process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/linearizability', import.meta.url));
const resultsPath = join(dirname(fileURLToPath(import.meta.url)), 'results', 'lin.json');

interface ManifestEntry {
  file: string;
  collection: string;
  operations: number;
  expected: string;
  porcupine_json_median_ms: number;
  porcupine_steps: number | null;
}

interface FileResult {
  file: string;
  collection: string;
  operations: number;
  verdict: string;
  expected: string;
  medianMs: number;
  runsMs: number[];
  steps: number;
  porcupineMs: number;
  porcupineSteps: number | null;
}

const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { histories: ManifestEntry[] };
const results: FileResult[] = [];

for (const entry of manifest.histories) {
  const history = readHistoryFile(join(dataDir, entry.file));
  const spec = specForHistory(history);
  checkLinearizability(spec, history.operations); // warm-up
  const runsMs: number[] = [];
  let last = checkLinearizability(spec, history.operations);
  runsMs.push(last.elapsedMs);
  for (let i = 1; i < RUNS; i++) {
    last = checkLinearizability(spec, history.operations);
    runsMs.push(last.elapsedMs);
  }
  results.push({
    file: entry.file,
    collection: entry.collection,
    operations: entry.operations,
    verdict: last.verdict,
    expected: entry.expected,
    medianMs: median(runsMs),
    runsMs,
    steps: last.steps,
    porcupineMs: entry.porcupine_json_median_ms,
    porcupineSteps: entry.porcupine_steps,
  });
}

const collections = [...new Set(results.map((r) => r.collection))].map((collection) => {
  const rs = results.filter((r) => r.collection === collection);
  const ours = maxBy(rs, (r) => r.medianMs);
  const theirs = maxBy(rs, (r) => r.porcupineMs);
  const withSteps = rs.filter((r) => r.porcupineSteps !== null);
  const totalMs = sum(rs.map((r) => r.medianMs));
  const porcupineTotalMs = sum(rs.map((r) => r.porcupineMs));
  return {
    collection,
    files: rs.length,
    verdictsAsExpected: rs.filter((r) => r.verdict === r.expected).length,
    totalMs,
    porcupineTotalMs,
    totalRatio: totalMs / porcupineTotalMs,
    maxMs: ours.medianMs,
    maxFile: ours.file,
    porcupineMaxMs: theirs.porcupineMs,
    porcupineMaxFile: theirs.file,
    maxRatio: ours.medianMs / theirs.porcupineMs,
    stepsCompared: withSteps.length,
    steps: sum(withSteps.map((r) => r.steps)),
    porcupineSteps: sum(withSteps.map((r) => r.porcupineSteps!)),
    identicalStepCounts: withSteps.filter((r) => r.steps === r.porcupineSteps).length,
  };
});

const header = [
  'collection', 'files', 'as expected', 'total ms', 'porcupine', 'ratio', 'max ms (file)', 'porcupine max (file)', 'ratio', 'steps', 'porcupine steps', 'same steps',
];
const rows = collections.map((c) => [
  c.collection,
  String(c.files),
  String(c.verdictsAsExpected),
  c.totalMs.toFixed(1),
  c.porcupineTotalMs.toFixed(1),
  c.totalRatio.toFixed(2),
  `${c.maxMs.toFixed(1)} (${c.maxFile})`,
  `${c.porcupineMaxMs.toFixed(1)} (${c.porcupineMaxFile})`,
  c.maxRatio.toFixed(2),
  String(c.steps),
  String(c.porcupineSteps),
  `${c.identicalStepCounts}/${c.stepsCompared}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`linearizability checker, median of ${RUNS} runs after a warm-up (node ${process.version})`);
console.log(line(header));
for (const r of rows) console.log(line(r));
const slowest = [...results].sort((a, b) => b.medianMs - a.medianMs).slice(0, 6);
console.log('slowest files: ' + slowest.map((r) => `${r.file} ${r.medianMs.toFixed(1)} ms (porcupine ${r.porcupineMs.toFixed(1)})`).join('; '));

mkdirSync(dirname(resultsPath), { recursive: true });
writeFileSync(
  resultsPath,
  JSON.stringify({ benchmark: 'lin', date: new Date().toISOString(), node: process.version, runs: RUNS, collections, files: results }, null, 2) + '\n',
);
console.log(`wrote ${resultsPath}`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function maxBy<T>(xs: T[], f: (x: T) => number): T {
  return xs.reduce((best, x) => (f(x) > f(best) ? x : best));
}
