/**
 * Seed robustness of the default random search: for every catalog variant with a property
 * expected "violated", the `fast-check` engine at its defaults (30,000 runs of at most 100 steps, swarmed,
 * as `check --engine fast-check` runs it) is started from seeds 1..N, checking that property
 * alone, and we count the seeds that find the violation. Goal: at least 99% of seeds for every
 * violation. Also the runs to the first failure (median and worst over the seeds that found it).
 * Results are printed as a Markdown table and written to bench/results/seeds.json as they come.
 * `--no-swarm` runs the plain search (`swarm: false`), for a comparison; `--out FILE` writes the
 * JSON elsewhere (two benches at once).
 *
 *   nice node --import tsx bench/seeds.ts [--seeds 200] [--runs 10000] [--only model/variant,...] [--no-swarm] [--out FILE]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { catalog } from '../models/catalog.ts';
import { expectationOf } from '../src/core/model.ts';
import { resolveParams } from '../src/core/params.ts';
import { fastCheck, type FastCheckViolationInfo } from '../src/explore/fast-check.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seedCount = Number(arg('seeds') ?? 200);
const runs = arg('runs') === undefined ? undefined : Number(arg('runs'));
const only = arg('only')?.split(',');
const swarm = !process.argv.includes('--no-swarm');

interface Row {
  variant: string;
  property: string;
  seeds: number;
  found: number;
  missedSeeds: number[];
  runsToFailure: number[];
  cpuSeconds: number;
}

const rows: Row[] = [];
const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const out = arg('out') ?? new URL('./results/seeds.json', import.meta.url).pathname;
const save = () => writeFileSync(out, JSON.stringify({ seeds: seedCount, runs: runs ?? 'default', swarm, rows }, null, 2));

for (const definition of catalog) {
  for (const variant of Object.keys(definition.variants)) {
    const name = `${definition.name}/${variant}`;
    if (only && !only.includes(name)) continue;
    const params = resolveParams(definition, variant);
    const model = definition.build(variant, params);
    for (const property of model.properties.filter((p) => expectationOf(p) === 'violated').map((p) => p.name)) {
      const row: Row = { variant: name, property, seeds: 0, found: 0, missedSeeds: [], runsToFailure: [], cpuSeconds: 0 };
      rows.push(row);
      const start = cpu();
      for (let seed = 1; seed <= seedCount; seed++) {
        const result = fastCheck(model, { seed, properties: [property], swarm, ...(runs === undefined ? {} : { runs }) });
        const outcome = result.properties.find((p) => p.name === property)!;
        row.seeds++;
        if (outcome.verdict === 'violated') {
          row.found++;
          const info = (result.details?.violations as Record<string, FastCheckViolationInfo> | undefined)?.[property];
          if (info) row.runsToFailure.push(info.runsToFailure);
        } else {
          row.missedSeeds.push(seed);
        }
      }
      row.cpuSeconds = Math.round((cpu() - start) * 10) / 10;
      save();
      console.error(`${name} ${property}: found in ${row.found}/${row.seeds} seeds (${row.cpuSeconds} CPU s)`);
    }
  }
}

console.log(`fast-check engine, ${runs ?? 'default (30,000)'} runs, seeds 1..${seedCount}, one property at a time, ${swarm ? 'swarm (the default)' : 'plain walks (--no-swarm)'}\n`);
console.log('| variant | property | found in seeds | runs to first failure: median / max | missed seeds | CPU s |');
console.log('| --- | --- | ---: | ---: | --- | ---: |');
for (const r of rows) {
  const pct = ((100 * r.found) / r.seeds).toFixed(1);
  console.log(`| ${r.variant} | ${r.property} | ${r.found}/${r.seeds} (${pct}%) | ${median(r.runsToFailure)} / ${Math.max(...r.runsToFailure)} | ${r.missedSeeds.slice(0, 8).join(', ')}${r.missedSeeds.length > 8 ? ', …' : ''} | ${r.cpuSeconds} |`);
}
const weak = rows.filter((r) => r.found < 0.99 * r.seeds);
console.log(weak.length === 0 ? '\nevery violation found in at least 99% of seeds' : `\nbelow 99% of seeds: ${weak.map((r) => `${r.variant} ${r.property}`).join(', ')}`);
process.exitCode = weak.length === 0 ? 0 : 1;
