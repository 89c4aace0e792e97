import { describe, expect, it } from 'vitest';
import type { Model, Property } from '../../src/core/model.ts';
import type { ExplorationResult } from '../../src/core/result.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { dfs } from '../../src/explore/dfs.ts';
import { random } from '../../src/explore/random.ts';

/**
 * A state constraint (`withinBounds`) is counted as TLC counts a CONSTRAINT: a state outside it is
 * generated and judged, but neither stored, nor counted as distinct, nor expanded.
 */

/** x' = x + 1 from the given initial values, forever; the constraint x <= 1. */
function counter(properties: Property<number>[] = [], inits: number[] = [0]): Model<number, 'inc'> {
  return {
    init: () => inits,
    actions: () => ['inc'],
    next: (x) => x + 1,
    withinBounds: (x) => x <= 1,
    properties,
  };
}

const engines: [string, (model: Model<number, 'inc'>) => ExplorationResult][] = [
  ['bfs', (m) => bfs(m)],
  ['dfs', (m) => dfs(m)],
];

describe.each(engines)('%s under a state constraint', (_name, run) => {
  it("counts the counter as TLC does: 2 distinct, 3 generated, depth 2", () => {
    const result = run(counter());

    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBe(2);
    expect(result.generatedStates).toBe(3);
    expect(result.depth).toBe(2);
    expect(result.details?.outsideBounds).toBe(1);
  });

  it('judges the state outside the bounds: an invariant that fails only there is violated', () => {
    const result = run(counter([{ name: 'below-2', kind: 'always', expect: 'violated', check: (x) => x < 2 }]));

    const [outcome] = result.properties;
    expect(outcome!.verdict).toBe('violated');
    expect(outcome!.counterexample!.steps.map((s) => s.state)).toEqual([1, 2]);
    expect(result.distinctStates).toBe(2);
  });

  it('finds a witness in the state outside the bounds', () => {
    const result = run(counter([{ name: 'reaches-2', kind: 'sometimes', check: (x) => x === 2 }, { name: 'reaches-3', kind: 'sometimes', check: (x) => x === 3 }]));

    expect(result.properties[0]!.verdict).toBe('holds');
    expect(result.properties[0]!.witness!.steps.length).toBe(2);
    // 3 lies beyond a state that is not expanded: never reached.
    expect(result.properties[1]!.verdict).toBe('violated');
    expect(result.properties[1]!.message).toBe('vacuous: never reached');
  });

  it('judges an initial state outside the bounds without counting it', () => {
    // A second property, which holds, keeps the search from stopping at the first counterexample.
    const result = run(counter([{ name: 'not-5', kind: 'always', expect: 'violated', check: (x) => x !== 5 }, { name: 'true', kind: 'always', check: () => true }], [0, 5]));

    expect(result.generatedStates).toBe(4);
    expect(result.distinctStates).toBe(2);
    const cx = result.properties[0]!.counterexample!;
    expect(cx.initIndex).toBe(1);
    expect(cx.steps).toEqual([]);
  });
});

describe('a random walk under a state constraint', () => {
  it('judges the state outside the bounds, ends there, and does not count it as distinct', () => {
    const result = random(counter([{ name: 'below-2', kind: 'always', check: (x) => x < 2 }]), { seed: 1, runs: 3 });

    expect(result.distinctStates).toBe(2);
    expect(result.properties[0]!.verdict).toBe('violated');
    expect(result.properties[0]!.counterexample!.steps.length).toBe(2);
  });
});
