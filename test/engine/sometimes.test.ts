import { describe, expect, it } from 'vitest';
import type { Model, ModelDefinition, Property } from '../../src/core/model.ts';
import { runCheck } from '../../src/cli/check.ts';
import { runList } from '../../src/cli/list.ts';
import { findEngine } from '../../src/explore/engines.ts';
import type { ExplorationResult, PropertyOutcome } from '../../src/explore/result.ts';
import type { CounterexampleFile } from '../../src/trace/counterexample-file.ts';
import { replayCounterexample } from '../../src/trace/replay.ts';

/** A counter that counts from 0 up to `top` and stops there. */
function counter(top: number, properties: Property<number>[]): Model<number, 'inc'> {
  return {
    init: () => [0],
    actions: (x) => (x < top ? ['inc'] : []),
    next: (x) => x + 1,
    properties,
  };
}

const reaches = (n: number): Property<number> => ({ name: `reaches-${n}`, kind: 'sometimes', check: (x) => x === n });

async function run(engine: string, model: Model<number, 'inc'>, options: Record<string, unknown> = {}): Promise<ExplorationResult> {
  return findEngine(engine)!.run(model, { seed: 1, runs: 50, maxSteps: 10, ...options });
}

function outcome(result: ExplorationResult, name: string): PropertyOutcome {
  return result.properties.find((p) => p.name === name)!;
}

describe('a sometimes property', () => {
  const model = counter(3, [reaches(2), reaches(5)]);

  it.each(['bfs', 'dfs'])('%s: a reachable witness holds after its steps, an unreachable one is vacuous', async (engine) => {
    const result = await run(engine, model);

    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBe(4);
    const reached = outcome(result, 'reaches-2');
    expect(reached.verdict).toBe('holds');
    expect(reached.ok).toBe(true);
    expect(reached.witness!.steps.map((s) => s.state)).toEqual([1, 2]);
    expect(reached.counterexample).toBeNull();
    const never = outcome(result, 'reaches-5');
    expect(never.verdict).toBe('violated');
    expect(never.ok).toBe(false);
    expect(never.message).toBe('vacuous: never reached');
    expect(never.counterexample).toBeNull();
    expect(never.witness).toBeUndefined();
  });

  it.each(['random', 'fast-check'])('%s: a reachable witness holds, an unreachable one is unknown', async (engine) => {
    const result = await run(engine, model);

    const reached = outcome(result, 'reaches-2');
    expect(reached.verdict).toBe('holds');
    expect(reached.witness!.steps.length).toBe(2);
    const never = outcome(result, 'reaches-5');
    expect(never.verdict).toBe('unknown');
    expect(never.message).toBeUndefined();
  });

  it.each(['bfs', 'dfs'])('%s: a search cut off before the witness says unknown, not vacuous', async (engine) => {
    // Depth 2: the states 0 and 1 are seen, the witness 2 lies beyond the bound.
    const result = await run(engine, model, { maxDepth: 2 });

    expect(result.complete).toBe(false);
    expect(outcome(result, 'reaches-2').verdict).toBe('unknown');
    expect(outcome(result, 'reaches-5').verdict).toBe('unknown');
  });

  it('an initial state can be the witness (0 steps)', async () => {
    const result = await run('bfs', counter(3, [reaches(0)]));

    expect(outcome(result, 'reaches-0').witness!.steps).toEqual([]);
  });

  it.each(['bfs', 'dfs'])('%s does not stop at the last counterexample while a witness is still to be found', async (engine) => {
    const small: Property<number> = { name: 'small', kind: 'always', expect: 'violated', check: (x) => x < 1 };

    const result = await run(engine, counter(6, [small, reaches(4)]));

    expect(outcome(result, 'small').verdict).toBe('violated');
    expect(outcome(result, 'small').counterexample!.steps.length).toBe(1);
    expect(outcome(result, 'reaches-4').verdict).toBe('holds');
    expect(outcome(result, 'reaches-4').witness!.steps.length).toBe(4);
    // Settled at 4: the states 5 and 6 are never needed.
    expect(result.stopReason).toBe('all-violated');
    expect(result.distinctStates).toBe(5);
  });

  it('bfs stops once every sometimes property is witnessed (a witness settles it)', async () => {
    const result = await run('bfs', counter(100, [reaches(1)]));

    expect(result.stopReason).toBe('all-violated');
    expect(result.distinctStates).toBe(2);
    expect(outcome(result, 'reaches-1').verdict).toBe('holds');
  });

  it('a witness does not end a random walk: a later violation is still found', async () => {
    const big: Property<number> = { name: 'below-3', kind: 'always', expect: 'violated', check: (x) => x < 3 };

    const result = await run('random', counter(5, [reaches(1), big]));

    expect(outcome(result, 'reaches-1').witness!.steps.length).toBe(1);
    expect(outcome(result, 'below-3').counterexample!.steps.length).toBe(3);
  });
});

describe('a sometimes property on the command line', () => {
  const family: ModelDefinition<number, 'inc'> = {
    name: 'counter',
    description: 'counts from 0 to 3',
    params: {},
    variants: { plain: { description: 'no witness of 5' } },
    build: () => counter(3, [{ ...reaches(2), description: 'the counter passes 2' }, reaches(5)]),
  };

  function io() {
    const out: string[] = [];
    return { out, io: { out: (l: string) => out.push(l), err: () => {}, errIsTTY: false } };
  }

  it('check prints the witness length and the vacuous verdict, and exits 1', async () => {
    const { out, io: cli } = io();

    const code = await runCheck([family], ['counter'], cli);

    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/ok {3}reaches-2 {2}holds: witnessed after 2 steps {2}\[expected holds\]/);
    expect(text).toMatch(/FAIL reaches-5 {2}violated: vacuous: never reached in any of the 4 reachable states {2}\[EXPECTED HOLDS\]/);
  });

  it('check --all --json gives the witness and the message', async () => {
    const { out, io: cli } = io();

    const code = await runCheck([family], ['--all', '--json'], cli);

    expect(code).toBe(1);
    const [result] = JSON.parse(out.join('\n')).results;
    const [reached, never] = result.properties;
    expect(reached).toMatchObject({ name: 'reaches-2', kind: 'sometimes', verdict: 'holds', counterexample: null, witness: { length: 2, initIndex: 0 } });
    expect(reached.witness.steps.map((s: { line: string }) => s.line)).toEqual(['inc', 'inc']);
    expect(never).toMatchObject({ name: 'reaches-5', verdict: 'violated', ok: false, counterexample: null, message: 'vacuous: never reached' });
    expect(never.witness).toBeUndefined();
  });

  it('replay refuses a file that names a sometimes property', () => {
    const file = { model: 'counter', variant: 'plain', params: {}, property: 'reaches-5', violation: 'x', engine: { name: 'bfs' }, steps: [] } as unknown as CounterexampleFile;

    expect(() => replayCounterexample(file, [family], 'x.json')).toThrow(/'reaches-5' is a sometimes property: it is violated only by a whole search that reaches no witness/);
  });

  it('list shows the kind', () => {
    const { out, io: cli } = io();

    runList([family], false, cli);

    expect(out).toContain('    expect holds     reaches-2 [sometimes] the counter passes 2');
  });

  it('a random engine that reaches no witness says so without failing the check', async () => {
    const { out, io: cli } = io();

    const code = await runCheck([family], ['counter', '--engine', 'random', '--seed', '1', '--runs', '5'], cli);

    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/ok {3}reaches-5 {2}no witness found in 5 runs/);
  });
});
