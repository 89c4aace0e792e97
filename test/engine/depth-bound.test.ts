import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { dfs } from '../../src/explore/dfs.ts';

/** 0 → 1 → 2, where 2 is terminal and breaks an `eventually` property. */
const chain: Model<number, 'step'> = {
  init: () => [0],
  actions: (s) => (s < 2 ? ['step'] : []),
  next: (s) => s + 1,
  properties: [{ name: 'ends at 3', kind: 'eventually', check: (s) => s === 3 || `ended at ${s}` }],
};

describe.each([
  ['bfs', bfs],
  ['dfs', dfs],
] as const)('%s with a depth bound', (_name, engine) => {
  it('judges a terminal state that sits exactly at the bound', () => {
    // Arrange: state 2 is at depth 3 (the initial state is depth 1).

    // Act
    const result = engine(chain, { maxDepth: 3 });

    // Assert
    expect(result.properties[0]!.verdict).toBe('violated');
    expect(result.properties[0]!.counterexample!.steps).toHaveLength(2);
  });

  it('says unknown, not holds, when the bound cuts a state with successors', () => {
    const result = engine(chain, { maxDepth: 2 });

    expect(result.complete).toBe(false);
    expect(result.stopReason).toBe('max-depth');
    expect(result.properties[0]!.verdict).toBe('unknown');
  });
});

/**
 * A state met first deep, then shallower: dfs takes the long way first (action 0), so it meets
 * `x` at depth 4, and only later the short way (action 1) at depth 2.
 *
 *   start -0-> a1 -> a2 -> x -> y -> z        start -1-> x
 *
 * With the bound 5 (states at depth 5 are not expanded) `z` is reachable within the bound only
 * by the short way (at depth 4): dfs must explore `x` again when it meets it shallower.
 */
const shortcut: Model<string, number> = {
  init: () => ['start'],
  actions: (s) => (s === 'start' ? [0, 1] : s === 'z' ? [] : [0]),
  next: (s, a) => (s === 'start' ? (a === 0 ? 'a1' : 'x') : ({ a1: 'a2', a2: 'x', x: 'y', y: 'z' } as Record<string, string>)[s]!),
  properties: [{ name: 'never z', kind: 'always', expect: 'violated', check: (s) => s !== 'z' }],
};

describe('dfs with a depth bound', () => {
  it('explores again a state first met deep when it meets it shallower', () => {
    const result = dfs(shortcut, { maxDepth: 5 });

    expect(result.distinctStates).toBe(6);
    expect(result.properties[0]!.verdict).toBe('violated');
    // The path on the stack when z was found: start, x, y, z.
    expect(result.properties[0]!.counterexample!.steps.map((s) => s.state)).toEqual(['x', 'y', 'z']);
  });

  it('agrees with bfs on what is reachable within the bound', () => {
    expect(bfs(shortcut, { maxDepth: 5, exhaustive: true }).distinctStates).toBe(6);
  });
});
