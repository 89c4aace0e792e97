import { describe, expect, it } from 'vitest';
import { distinctReplicas, loadSpread, minimalMovement, showLoadSpread } from '../../properties/placement/index.ts';
import { choosePositions, evenlySpread, ownerOnRing, preferenceList, sortTokens } from '../../models/shared/ring/ring.ts';

const keys = ['k0', 'k1', 'k2'];

describe('minimalMovement', () => {
  it('accepts a join that takes keys only for the machine that joined', () => {
    expect(minimalMovement({ kind: 'join', machine: 'D' }, keys, ['A', 'B', 'C'], ['D', 'B', 'C'])).toBe(true);
  });

  it('rejects a join that moves a key between two old members, naming it', () => {
    expect(minimalMovement({ kind: 'join', machine: 'D' }, keys, ['A', 'B', 'C'], ['D', 'C', 'C'])).toBe(
      'D joined, yet k1 moved from B to C (2 of 3 keys moved)',
    );
  });

  it('accepts a leave that hands over only the keys of the machine that left', () => {
    expect(minimalMovement({ kind: 'leave', machine: 'A' }, keys, ['A', 'B', 'A'], ['B', 'B', 'C'])).toBe(true);
  });

  it('rejects a leave that moves a key of a machine that stayed', () => {
    expect(minimalMovement({ kind: 'leave', machine: 'A' }, keys, ['A', 'B', 'C'], ['B', 'B', 'B'])).toBe(
      'A left, yet k2 moved from C to B (2 of 3 keys moved)',
    );
  });
});

describe('distinctReplicas', () => {
  it('holds when every list has min(N, machines) different machines', () => {
    expect(distinctReplicas(keys, [['A', 'B'], ['B', 'A'], ['A', 'B']], 3, 2)).toBe(true);
  });

  it('fails on a list that names one machine twice', () => {
    expect(distinctReplicas(keys, [['A', 'B'], ['A', 'A'], ['B', 'A']], 2, 2)).toBe('k1 is replicated on [A, A]: 1 distinct machine, 2 wanted');
  });
});

describe('loadSpread', () => {
  it('counts keys per member, idle members included, and the max/mean ratio', () => {
    const spread = loadSpread(['A', 'A', 'B', 'A'], ['A', 'B', 'C']);
    expect(spread.perMachine).toEqual({ A: 3, B: 1, C: 0 });
    expect(showLoadSpread(spread)).toBe('A=3 B=1 C=0 (max/mean 2.25)');
  });
});

describe('ring', () => {
  // Known-bugs' minimal case: 2 machines, 2 virtual nodes each, token order A1 A2 B1 B2.
  const tokens = sortTokens(evenlySpread(['A', 'B'], 2, 12));

  it('spreads tokens evenly in machine order', () => {
    expect(tokens.map((t) => `${t.machine}@${t.position}`)).toEqual(['A@0', 'A@3', 'B@6', 'B@9']);
  });

  it('gives a key the first token at or after it, wrapping past the last', () => {
    expect([ownerOnRing(tokens, 0), ownerOnRing(tokens, 4), ownerOnRing(tokens, 10)]).toEqual(['A', 'B', 'A']);
  });

  it('places a key before A1 on machine A twice with the next N tokens, on A and B with Dynamo’s skip', () => {
    expect(preferenceList(tokens, 11, 2, 'next-tokens')).toEqual(['A', 'A']);
    expect(preferenceList(tokens, 11, 2, 'distinct-machines')).toEqual(['A', 'B']);
  });

  it('skips only the previous machine with the mistaken rule (A, D, A)', () => {
    const mixed = sortTokens([...tokens, { position: 1, machine: 'D' }]);
    expect(preferenceList(mixed, 0, 3, 'skip-previous')).toEqual(['A', 'D', 'A']);
    expect(preferenceList(mixed, 0, 3, 'distinct-machines')).toEqual(['A', 'D', 'B']);
  });

  it('chooses every subset of free positions once', () => {
    expect(choosePositions([1, 2, 4], 2)).toEqual([[1, 2], [1, 4], [2, 4]]);
  });
});
