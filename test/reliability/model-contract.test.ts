import { describe, expect, it } from 'vitest';
import { check, family } from './helpers.ts';

/** A tiny counter 0..3 whose hooks each test replaces to break one rule. */
const counter = (overrides: Record<string, unknown> = {}) => () =>
  ({
    init: () => [0],
    actions: (s: number) => (s < 3 ? ['inc'] : []),
    next: (s: number) => s + 1,
    properties: [{ name: 'anything', kind: 'always', check: () => true }],
    ...overrides,
  }) as never;

async function contractError(overrides: Record<string, unknown>) {
  const run = await check([family(counter(overrides))], ['bad']);
  expect(run.code).toBe(2);
  expect(run.err.split('\n')).toHaveLength(1);
  expect(run.err.length).toBeLessThan(400);
  return run.err;
}

describe('model contract violations are contract errors (exit 2, one line naming the model)', () => {
  it('a state containing a cycle', async () => {
    const err = await contractError({
      init: () => [{ n: 0 }],
      actions: () => ['loop'],
      next: (s: { n: number }) => {
        const t: Record<string, unknown> = { n: s.n + 1 };
        t.self = t;
        return t;
      },
    });
    expect(err).toMatch(/^faultline: bad\/only: next\(\) on action 'loop' in state \{"n":0\} gave a state where \(state\)\.self refers back to the state itself: a cycle/);
  });

  it('a cycle in an initial state', async () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(await contractError({ init: () => [cyclic] })).toMatch(/bad\/only: init\(\)\[0\] gave a state where \(state\)\[0\] refers back to the state itself/);
  });

  it('init() returning undefined, a non-array, or no state at all', async () => {
    expect(await contractError({ init: () => undefined })).toBe('faultline: bad/only: init() returned undefined; expected an array of initial states');
    expect(await contractError({ init: () => 7 })).toBe('faultline: bad/only: init() returned a number (7); expected an array of initial states');
    expect(await contractError({ init: () => [] })).toBe('faultline: bad/only: init() returned no initial state; a model needs at least one (nothing would be explored)');
  });

  it('actions() throwing names the state; next() throwing names the state and the action', async () => {
    expect(await contractError({ actions: (s: number) => { if (s === 2) throw new Error('boom'); return ['inc']; } })).toBe(
      'faultline: bad/only: actions() threw in state 2: boom',
    );
    expect(await contractError({ next: (s: number) => { if (s === 1) throw new TypeError('no inc here'); return s + 1; } })).toBe(
      "faultline: bad/only: next() threw on action 'inc' in state 1: TypeError: no inc here",
    );
  });

  it('actions() returning a string or a non-iterable is refused; another iterable is listed', async () => {
    expect(await contractError({ actions: () => 'inc' })).toBe('faultline: bad/only: actions() returned a string ("inc") in state 0; expected an array of actions');
    expect(await contractError({ actions: () => ({ length: 1 }) })).toBe('faultline: bad/only: actions() returned a non-iterable Object in state 0; expected an array of actions');
    const run = await check([family(counter({ actions: (s: number) => new Set(s < 3 ? ['inc'] : []) }))], ['bad', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).results[0].distinctStates).toBe(4);
  });

  it('next() returning undefined names the action', async () => {
    expect(await contractError({ next: () => undefined })).toBe("faultline: bad/only: next() on action 'inc' in state 0 gave undefined; expected a state");
  });

  it('a state nested too deeply to fingerprint, past the states checked deeply, is a contract error, not a RangeError', async () => {
    // Built with a loop: 200,000 arrays deep, more than the fingerprint's recursion can walk.
    const deep = (levels: number): unknown => {
      let value: unknown = 0;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    const err = await contractError({
      init: () => [0],
      actions: (s: unknown) => (s === 0 ? ['nest'] : []),
      next: () => deep(200_000),
    });
    expect(err).toMatch(/^faultline: bad\/only: /);
    expect(err).not.toMatch(/internal error|RangeError: Maximum/);
  });

  it('a correct model still holds through the guard, with the same figures', async () => {
    const run = await check([family(counter())], ['bad', '--json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out).results[0];
    expect([r.distinctStates, r.generatedStates, r.complete]).toEqual([4, 4, true]);
  });
});

describe('default memory guard', () => {
  it('a search stopped by the memory guard says how to raise it, and is not a holds', async () => {
    // An unbounded counter: only the guard stops it. 64 MB is passed below the process's size.
    const run = await check([family(counter({ actions: () => ['inc'] }))], ['bad', '--max-memory', '64']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/NOT exhaustive \(stopped by memory: the memory guard of 64 MB; raise it with --max-memory MB\)/);
    expect(run.out).toContain('no violation found');
  });
});
