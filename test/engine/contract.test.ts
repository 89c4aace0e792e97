import { describe, expect, it } from 'vitest';
import { ModelContractError } from '../../src/core/errors.ts';
import type { Model } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { dfs } from '../../src/explore/dfs.ts';

interface Counter {
  n: number;
  log: number[];
}

/** A small counter model: n goes from 0 to 5 by +1 or +2; `log` records the steps. */
function counterModel(): Model<Counter, number> {
  return {
    init: () => [{ n: 0, log: [] }],
    actions: (s) => (s.n < 5 ? [1, 2] : []),
    next: (s, step) => ({ n: Math.min(5, s.n + step), log: [...s.log, step].slice(-1) }),
    properties: [{ name: 'small', kind: 'always', check: (s) => s.n <= 5 }],
  };
}

const runContract = (engine: typeof bfs, model: Model<Counter, number>): unknown => {
  try {
    engine(model);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('the contract checker', () => {
  it('accepts a pure, deterministic model', () => {
    const result = bfs(counterModel());

    expect(result.complete).toBe(true);
    expect(result.properties[0]!.verdict).toBe('holds');
  });

  it.each([['bfs', bfs], ['dfs', dfs]] as const)('%s: catches a next() that mutates its input', (_name, engine) => {
    const model: Model<Counter, number> = {
      ...counterModel(),
      next(s, step) {
        s.log.push(step); // the breach: the input state changes
        return { n: Math.min(5, s.n + step), log: [step] };
      },
    };

    const error = runContract(engine, model);

    expect(error).toBeInstanceOf(ModelContractError);
    expect((error as Error).message).toMatch(/model mutates its input: next\(state, 1\) changed the state it was given/);
  });

  it.each([['bfs', bfs], ['dfs', dfs]] as const)('%s: catches a nondeterministic next() (a hidden counter)', (_name, engine) => {
    let calls = 0;
    const model: Model<Counter, number> = {
      ...counterModel(),
      next: (s, step) => ({ n: Math.min(5, s.n + step), log: [calls++ % 7] }),
    };

    const error = runContract(engine, model);

    expect(error).toBeInstanceOf(ModelContractError);
    expect((error as Error).message).toMatch(/model is not deterministic: next\(state, \d\) gave two different states/);
  });

  it('bfs: catches a part shared by queued states that changes between the sampled states', () => {
    // Every state shares one `log` array; from state 5000 on, next() appends to it. Three actions
    // and past NEAR_AFTER states: bfs checks the fingerprint of a state it hashes successors near.
    const shared: number[] = [];
    const model: Model<Counter, number> = {
      init: () => [{ n: 0, log: shared }],
      actions: (s) => (s.n < 6000 ? [1, 2, 3] : []),
      next(s, step) {
        if (s.n >= 5000) s.log.push(step);
        return { n: s.n + step, log: s.log };
      },
      properties: [],
    };

    const error = runContract(bfs, model);

    expect(error).toBeInstanceOf(ModelContractError);
    expect((error as Error).message).toBe('a queued state changed after it was generated: the model mutates parts its states share');
  });

  it('catches a decode() that is not the inverse of encode()', () => {
    const model: Model<number, number> = {
      init: () => [0],
      actions: (s) => (s < 10 ? [1] : []),
      next: (s, d) => s + d,
      encode: (s) => s,
      decode: (code) => code + 1,
      properties: [],
    };

    expect(() => bfs(model)).toThrow(ModelContractError);
    expect(() => bfs(model)).toThrow(/decode\(\) is not the inverse of encode\(\)/);
  });

  it('a model with decode() is explored through its encodings with the same counts', () => {
    const base: Model<number, number> = {
      init: () => [0],
      actions: (s) => (s < 1000 ? [1, 7] : []),
      next: (s, d) => Math.min(1000, s + d),
      encode: (s) => s,
      properties: [{ name: 'bounded', kind: 'always', check: (s) => s <= 1000 }],
    };

    const plain = bfs(base);
    const packed = bfs({ ...base, decode: (code) => code });

    expect([packed.distinctStates, packed.generatedStates, packed.depth]).toEqual([plain.distinctStates, plain.generatedStates, plain.depth]);
    expect(packed.distinctStates).toBe(1001);
  });
});

describe('a model without properties', () => {
  it('is still explored to the end (nothing to violate is not "all violated")', () => {
    const model: Model<number, number> = {
      init: () => [0],
      actions: (s) => (s < 20 ? [1, 2] : []),
      next: (s, d) => Math.min(20, s + d),
      properties: [],
    };

    const result = bfs(model);

    expect(result.stopReason).toBeNull();
    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBe(21);
  });
});
