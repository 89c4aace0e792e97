import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '../../src/core/model.ts';
import { runCheck } from '../../src/cli/check.ts';
import { dieHardModel } from '../../models/die-hard/die-hard.ts';
import { runCli } from '../helpers/cli.ts';

/** The counterexample part of a text report (what a repeat must reproduce), without timings. */
function counterexamples(out: string): string[] {
  return out.split('\n').filter((l) => l.startsWith('         '));
}

function repeatLine(out: string): string[] {
  const line = out.split('\n').find((l) => l.startsWith('  repeat: '));
  expect(line).toBeDefined();
  // The commands tested here have no quoted words.
  return line!.slice('  repeat: npx faultline '.length).split(' ');
}

describe('the repeat hint of a random search reproduces it', () => {
  it.each([
    ['random', ['die-hard', '--engine', 'random', '--seed', '11', '--shard', '3/4', '--runs', '400']],
    ['fast-check', ['quorum-store/weak', '--engine', 'fast-check', '--seed', '1000000', '--shard', '5/8', '--runs', '300', '--max-steps', '40']],
  ])('%s under a shard: the printed command finds the same counterexample', async (_engine, argv) => {
    const first = await runCli('check', ...argv);
    const repeat = repeatLine(first.out);
    expect(repeat).toContain('--shard');
    const again = await runCli(...repeat);
    expect(again.code).toBe(first.code);
    expect(counterexamples(first.out).length).toBeGreaterThan(2);
    expect(counterexamples(again.out)).toEqual(counterexamples(first.out));
    expect(again.out).toContain(repeat.slice(1).join(' '));
  });

  it('the summary hint names the shard too', async () => {
    const run = await runCli('check', 'die-hard', '--engine', 'random', '--seed', '11', '--shard', '3/4', '--runs', '400');
    expect(run.out).toContain('(random search; repeat with --seed 11 --shard 3/4)');
  });
});

describe('a random search that misses an expected violation', () => {
  it('is a miss: printed, counted, exit 0; --strict makes it a failure', async () => {
    const run = await runCli('check', 'quorum-store/lww-skew', '--engine', 'fast-check', '--seed', '3', '--runs', '5');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/\n {2}miss no-lost-ack-write +no violation found in 5 runs .*\[expected violated: missed, not a failure of a random search\]\n/);
    expect(run.out).toMatch(/2 expected violations missed by the random search \(not a failure; --strict fails it\)/);
    const strict = await runCli('check', 'quorum-store/lww-skew', '--engine', 'fast-check', '--seed', '3', '--runs', '5', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('FAIL no-lost-ack-write');
  });

  it('is "missed": true in JSON and a skipped testcase in JUnit', async () => {
    const json = JSON.parse((await runCli('check', 'quorum-store/lww-skew', '--engine', 'random', '--seed', '3', '--runs', '2', '--json')).out);
    expect(json.ok).toBe(true);
    expect(json.results[0].properties.find((p: { name: string }) => p.name === 'no-lost-ack-write')).toMatchObject({ verdict: 'unknown', ok: true, missed: true });
    const junit = await runCli('check', 'quorum-store/lww-skew', '--engine', 'random', '--seed', '3', '--runs', '2', '--reporter', 'junit');
    expect(junit.out).toMatch(/<testcase classname="quorum-store\/lww-skew" name="no-lost-ack-write" time="[\d.]+">\n {6}<skipped message="expected violated, not found by this random search \(2 runs from seed 3\); not a failure without --strict"\/>/);
    expect(junit.out).toContain('skipped="2"');
  });

  it('an unexpected violation found by a random search always fails', async () => {
    const flipped: ModelDefinition = {
      ...dieHardModel,
      build: (variant, params) => {
        const model = dieHardModel.build(variant, params);
        return { ...model, properties: model.properties.map((p) => ({ ...p, expect: 'holds' as const })) };
      },
    };
    const out: string[] = [];
    const code = await runCheck([flipped], ['die-hard', '--engine', 'random', '--seed', '1'], { out: (l) => out.push(l), err: () => {} });
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/FAIL big != 4 +violated: the big jug holds 4 gallons  \[EXPECTED HOLDS\]/);
  });

  it('an exhaustive engine that does not find an expected violation fails', async () => {
    const run = await runCli('check', 'die-hard', '--max-depth', '3');
    expect(run.code).toBe(1);
    expect(run.out).toContain('FAIL big != 4');
  });
});
