import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import { dieHard } from '../../models/die-hard/die-hard.ts';
import { expectationOf, type ModelDefinition } from '../../src/core/model.ts';
import { resolveParams } from '../../src/core/params.ts';
import { checkVariant } from '../../src/explore/check-variant.ts';
import { findEngine } from '../../src/explore/engines.ts';
import { chooseIndex, CHOICE_SLOTS } from '../../src/explore/choice.ts';
import { runSeed } from '../../src/explore/random-search.ts';
import { walkFromSeed } from '../../src/explore/walker.ts';
import { runCli } from '../helpers/cli.ts';

/** Every catalog variant, with its properties' expectations at default parameters. */
function variants(): { definition: ModelDefinition; variant: string; expectations: Map<string, string> }[] {
  return catalog.flatMap((definition) =>
    Object.keys(definition.variants).map((variant) => {
      const model = definition.build(variant, resolveParams(definition, variant));
      return { definition, variant, expectations: new Map(model.properties.map((p) => [p.name, expectationOf(p)])) };
    }),
  );
}

const violatedVariants = variants().filter((v) => [...v.expectations.values()].includes('violated'));
const holdsVariants = variants().filter((v) => ![...v.expectations.values()].includes('violated'));

// bfs on every variant is the `check --all` test's and each family's (expectFamily); here the random search.
describe('every "violated" variant of the catalog', () => {
  it.each(violatedVariants.map((v) => [`${v.definition.name}/${v.variant}`, 'fast-check', v] as const))(
    '%s: %s finds every expected violation',
    async (_label, engineName, v) => {
      const engine = findEngine(engineName)!;

      const report = await checkVariant(v.definition, v.variant, resolveParams(v.definition, v.variant), engine, { seed: 1 }); // the default runs: what a user's `--engine fast-check` gets

      for (const [name, expected] of v.expectations) {
        const outcome = report.properties.find((p) => p.name === name)!;
        if (expected === 'violated') {
          expect(outcome.verdict, name).toBe('violated');
          expect(outcome.counterexample, name).not.toBeNull(); // a violation in an initial state has 0 steps
        }
      }
      expect(report.ok).toBe(true);
    },
  );
});

describe('every "holds" variant of the catalog', () => {
  it.each(holdsVariants.flatMap((v) => ['random', 'fast-check'].map((engine) => [`${v.definition.name}/${v.variant}`, engine] as const)))(
    '%s: %s says "no violation found", never holds (a sometimes property holds only by a witness)',
    async (label, engine) => {
      const run = await runCli('check', label, '--engine', engine, '--runs', '30', '--max-steps', '40', '--seed', '3', '--json');

      expect(run.code).toBe(0);
      const result = JSON.parse(run.out).results[0];
      expect(result.complete).toBe(false);
      for (const p of result.properties as { kind: string; verdict: string; witness?: unknown }[]) {
        if (p.kind === 'sometimes') expect(p.verdict === 'holds' ? p.witness !== undefined : p.verdict === 'unknown').toBe(true);
        else expect(p.verdict).toBe('unknown');
      }
      expect(result.details).toMatchObject({ seed: 3, runs: 30, maxSteps: 40 });

      const human = await runCli('check', label, '--engine', engine, '--runs', '30', '--max-steps', '40', '--seed', '3');
      expect(human.out).toContain('no violation found in 30 runs (');
      expect(human.out).not.toMatch(/\bholds: (?!witnessed after)/);
    },
  );
});

describe('seeds', () => {
  it('pins the plain walk of seed 42 on die-hard: the same actions on every machine', () => {
    const walk = walkFromSeed(dieHard(), 42, { maxSteps: 8, swarm: false });

    expect(walk.actionIndices).toEqual([5, 3, 3, 5, 2, 3, 1, 0]);
    expect(walk.lines).toEqual([
      'pour big into small',
      'empty big',
      'empty big',
      'pour big into small',
      'empty small',
      'empty big',
      'fill big',
      'fill small',
    ]);
  });

  it('gives the same result for the same seed, and prints a fresh seed when none is given', async () => {
    const a = await runCli('check', 'die-hard', '--engine', 'fast-check', '--seed', '11', '--json');
    const b = await runCli('check', 'die-hard', '--engine', 'fast-check', '--seed', '11', '--json');
    const fresh = await runCli('check', 'die-hard', '--engine', 'random');

    const strip = (text: string) => JSON.parse(text).results.map((r: { elapsedMs?: number; details: { violations: Record<string, { msToFailure?: number }> } }) => {
      delete r.elapsedMs;
      for (const v of Object.values(r.details.violations)) delete v.msToFailure;
      return r;
    });
    expect(strip(a.out)).toEqual(strip(b.out));
    expect(fresh.out).toMatch(/seed \d+: .* repeat with --seed \d+/);
  });

  it('gives each shard a disjoint slice of the seed space', () => {
    const shards = [0, 1, 2].map((index) => Array.from({ length: 50 }, (_, run) => runSeed(1000, run, { index, count: 3 })));

    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(shards[1]!.slice(0, 3)).toEqual([1001, 1004, 1007]);
  });

  it('rejects a bad --shard in one line', async () => {
    const run = await runCli('check', 'die-hard', '--engine', 'random', '--shard', '4/3');

    expect(run.code).toBe(2);
    expect(run.err).toBe('faultline: --shard 4/3: expected K/N with 1 <= K <= N, such as 1/4');
  });
});

describe('choices and coverage', () => {
  it('maps choice 0 to the first ordinary action and sends a quarter of the slots to faults', () => {
    const fault = [false, true, false, true, true];

    const picks = Array.from({ length: CHOICE_SLOTS * 6 }, (_, c) => chooseIndex(c, fault, 4));

    expect(chooseIndex(0, fault, 4)).toBe(0);
    const faults = picks.filter((i) => fault[i]).length;
    expect(faults / picks.length).toBe(0.25);
    expect(new Set(picks)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('reports how often each kind of action fired, in the JSON and the human output', async () => {
    const json = await runCli('check', 'tcommit', '--engine', 'random', '--runs', '20', '--seed', '5', '--json');
    const human = await runCli('check', 'tcommit', '--engine', 'random', '--runs', '20', '--seed', '5');

    const coverage = JSON.parse(json.out).results[0].details.coverage;
    expect(Object.keys(coverage).sort()).toEqual(['Abort', 'Commit', 'Prepare']);
    const fired = Object.values(coverage as Record<string, { fired: number }>).reduce((n, c) => n + c.fired, 0);
    expect(fired).toBe(JSON.parse(json.out).results[0].details.steps);
    expect(human.out).toMatch(/actions fired: .*Prepare \d+/);
  });
});
