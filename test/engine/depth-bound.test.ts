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
