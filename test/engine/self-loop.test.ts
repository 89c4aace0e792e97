import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';

/**
 * bfs sets a successor aside as a self-loop, without a look in the table, when its fingerprint is
 * the expanded state's. Both 32-bit halves must match: these states, as exact numeric keys, share
 * one half with their predecessor and differ in the other.
 *
 *   0 (hi 0, lo 0) -> 2^32 (hi 1, lo 0) -> 2^32 + 1 (hi 1, lo 1) -> itself
 */
const HI = 2 ** 32;
const chain = (packed: boolean): Model<number, 'step'> => ({
  init: () => [0],
  actions: () => ['step'],
  next: (x) => (x === 0 ? HI : x === HI ? HI + 1 : x),
  encode: (x) => x,
  ...(packed ? { decode: (code: number) => code } : {}),
  properties: [{ name: 'below 2^32 + 1', kind: 'always', expect: 'violated', check: (x) => x < HI + 1 }],
});

describe.each([
  ['states as objects', false],
  ['a packed frontier', true],
])('bfs self-loops, with %s', (_label, packed) => {
  it('are told apart from successors that share one 32-bit half of the fingerprint', () => {
    const result = bfs(chain(packed), { exhaustive: true });

    expect(result.distinctStates).toBe(3);
    expect(result.generatedStates).toBe(4);
    expect(result.depth).toBe(3);
    expect(result.properties[0]!.counterexample!.steps.map((s) => s.state)).toEqual([HI, HI + 1]);
  });
});
