/**
 * Shrink report: for every catalog variant with a property expected "violated", BFS's shortest
 * counterexample against fast-check's shrunk one, and fast-check's time and runs to the first
 * failure, over a few seeds. Goal: shrunk length at most 1.5x the shortest.
 *
 *   node --import tsx bench/shrink.ts [--seeds N] [--runs N] [--family NAME] [--no-swarm]
 *
 * `--family` (repeatable) keeps only the rows of the families named (e.g. `--family replication`);
 * `--no-swarm` searches with the plain walks (`swarm: false`), for a comparison; swarms are the default.
 */
import { catalog } from '../models/catalog.ts';
import { expectationOf } from '../src/core/model.ts';
import { resolveParams } from '../src/core/params.ts';
import { bfs } from '../src/explore/bfs.ts';
import { fastCheck, type FastCheckViolationInfo } from '../src/explore/fast-check.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seeds = Array.from({ length: arg('seeds', 5) }, (_, i) => i + 1);
const runs = arg('runs', 5000);
const families = process.argv.flatMap((a, i) => (a === '--family' ? [process.argv[i + 1]!] : []));
const swarm = !process.argv.includes('--no-swarm');

const rows: string[][] = [['variant', 'property', 'bfs', 'fast-check shrunk (min/median/max)', 'ratio (max)', 'first failure: runs (median)', 'ms (median)', 'found']];
let worst = 0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

for (const definition of catalog.filter((d) => families.length === 0 || families.includes(d.name))) {
  for (const variant of Object.keys(definition.variants)) {
    const params = resolveParams(definition, variant);
    const model = definition.build(variant, params);
    const targets = model.properties.filter((p) => expectationOf(p) === 'violated').map((p) => p.name);
    if (targets.length === 0) continue;
    const shortest = bfs(model, { properties: targets });
    const fc = seeds.map((seed) => fastCheck(model, { seed, runs, properties: targets, swarm }));
    for (const name of targets) {
      const best = shortest.properties.find((p) => p.name === name)!.counterexample?.steps.length;
      const found = fc.map((r) => (r.details!.violations as Record<string, FastCheckViolationInfo>)[name]).filter((v) => v !== undefined);
      const lengths = found.map((v) => v.shrunkSteps);
      const ratio = best && lengths.length ? Math.max(...lengths) / best : NaN;
      if (ratio > worst) worst = ratio;
      rows.push([
        `${definition.name}/${variant}`,
        name,
        String(best ?? 'not found'),
        lengths.length ? `${Math.min(...lengths)} / ${median(lengths)} / ${Math.max(...lengths)}` : '-',
        Number.isNaN(ratio) ? '-' : ratio.toFixed(2),
        lengths.length ? String(median(found.map((v) => v.runsToFailure))) : '-',
        lengths.length ? median(found.map((v) => v.msToFailure)).toFixed(1) : '-',
        `${found.length}/${seeds.length} seeds`,
      ]);
    }
  }
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\nseeds ${seeds.join(', ')}, at most ${runs} runs each, 100 steps a run, ${swarm ? 'swarm (the default)' : 'plain walks (--no-swarm)'}; worst ratio ${worst.toFixed(2)} (goal <= 1.5)`);
