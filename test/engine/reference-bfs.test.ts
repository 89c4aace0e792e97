import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { twoPhaseCommit, viewOf } from '../../models/two-phase-commit/two-phase-commit.ts';
import { twoPhaseCommitReadable } from '../../models/two-phase-commit/two-phase-commit-readable.ts';

interface Figures {
  distinct: number;
  generated: number;
  depth: number;
  /** Steps of the first (shortest) violation of each property, by name. */
  violations: Record<string, number>;
}

/**
 * The plainest BFS that counts as TLC does: a Set of JSON keys, level by level, actions in order.
 * Stops like the engine: right after the successor that reaches maxStates, or after the state
 * whose successor violated the last property.
 */
function referenceBfs<S, A>(model: Model<S, A>, maxStates = Infinity): Figures {
  const key = (s: S) => JSON.stringify(s);
  const checks = model.properties.filter((p) => p.kind !== 'eventually');
  const violations: Record<string, number> = {};
  const judge = (s: S, level: number) => {
    for (const p of checks) if (!(p.name in violations) && p.check(s) !== true) violations[p.name] = level - 1;
  };
  const allViolated = () => checks.length > 0 && Object.keys(violations).length === checks.length;
  const seen = new Set<string>();
  let frontier: S[] = [];
  let generated = 0;
  for (const s of model.init()) {
    generated++;
    if (seen.has(key(s))) continue;
    seen.add(key(s));
    frontier.push(s);
    judge(s, 1);
  }
  let depth = frontier.length > 0 ? 1 : 0;
  while (frontier.length > 0) {
    const next: S[] = [];
    for (const s of frontier) {
      if (allViolated()) return { distinct: seen.size, generated, depth: next.length > 0 ? depth + 1 : depth, violations };
      for (const a of model.actions(s)) {
        const t = model.next(s, a);
        generated++;
        if (seen.has(key(t))) continue;
        seen.add(key(t));
        next.push(t);
        judge(t, depth + 1);
        if (seen.size >= maxStates) return { distinct: seen.size, generated, depth: depth + 1, violations };
      }
    }
    if (next.length > 0) depth++;
    frontier = next;
  }
  return { distinct: seen.size, generated, depth, violations };
}

function engineFigures<S, A>(model: Model<S, A>, maxStates?: number): Figures {
  const result = bfs(model, maxStates === undefined ? {} : { maxStates });
  const violations: Record<string, number> = {};
  for (const p of result.properties) if (p.counterexample && p.kind !== 'eventually') violations[p.name] = p.counterexample.steps.length;
  return { distinct: result.distinctStates, generated: result.generatedStates, depth: result.depth, violations };
}

/** The jug puzzle over object states, with TLC's figures known: 16 distinct, 97 generated, depth 8. */
function jugs(withInvariant: boolean): Model<{ big: number; small: number }, string> {
  const moves = ['fill small', 'fill big', 'empty small', 'empty big', 'small into big', 'big into small'];
  return {
    init: () => [{ big: 0, small: 0 }],
    actions: () => moves,
    next: ({ big, small }, move) => {
      switch (move) {
        case 'fill small': return { big, small: 3 };
        case 'fill big': return { big: 5, small };
        case 'empty small': return { big, small: 0 };
        case 'empty big': return { big: 0, small };
        case 'small into big': { const pour = Math.min(small, 5 - big); return { big: big + pour, small: small - pour }; }
        default: { const pour = Math.min(big, 3 - small); return { big: big - pour, small: small + pour }; }
      }
    },
    properties: withInvariant ? [{ name: 'NotSolved', kind: 'always', expect: 'violated', check: (s) => s.big !== 4 }] : [],
  };
}

describe('bfs agrees with a plain reference BFS', () => {
  it('jugs without the invariant: TLC’s 16 distinct, 97 generated, depth 8', () => {
    const expected = referenceBfs(jugs(false));

    const actual = engineFigures(jugs(false));

    expect(expected).toEqual({ distinct: 16, generated: 97, depth: 8, violations: {} });
    expect(actual).toEqual(expected);
  });

  it('jugs with the invariant: stops after the violating state’s successors, shortest trace of 6 steps, depth 7', () => {
    const expected = referenceBfs(jugs(true));

    const actual = engineFigures(jugs(true));

    expect(actual.violations).toEqual({ NotSolved: 6 });
    expect(actual.depth).toBe(7);
    expect(actual).toEqual(expected);
  });

  it.each([1, 2, 7, 100, 1_000, 1_568])('TwoPhase rms=4 cut at maxStates=%i: same distinct, generated and depth, packed and as objects', (maxStates) => {
    const expected = referenceBfs(twoPhaseCommit(4), maxStates);

    const packed = engineFigures(twoPhaseCommit(4), maxStates);
    const objects = engineFigures(twoPhaseCommitReadable(4), maxStates);

    expect(packed).toEqual(expected);
    expect(objects).toEqual(expected);
  });

  it.each([3, 4, 5])('TwoPhase rms=%i with an invariant violated at several depths: same counts at the stop, same trace lengths', (rms) => {
    const base = twoPhaseCommit(rms);
    const model: typeof base = {
      ...base,
      properties: [
        ...base.properties,
        { name: 'NoAbort', kind: 'always', expect: 'violated', check: (s) => !viewOf(s, rms).rmState.includes('aborted') },
        { name: 'TMUndecided', kind: 'always', expect: 'violated', check: (s) => viewOf(s, rms).tmState === 'init' },
        { name: 'NotAllCommitted', kind: 'always', expect: 'violated', check: (s) => viewOf(s, rms).rmState.some((r) => r !== 'committed') },
      ],
    };

    const expected = referenceBfs(model);
    const actual = engineFigures(model);

    expect(Object.keys(actual.violations).sort()).toEqual(['NoAbort', 'NotAllCommitted', 'TMUndecided']);
    expect(actual).toEqual(expected);
  });

  it.each([false, true])('a model with 300 actions a state (packed: %s): same counts, and a trace through action indices above 255', (packed) => {
    type Counter = { n: number };
    const steps = Array.from({ length: 300 }, (_, i) => i + 1);
    const objects: Model<Counter, number> = {
      init: () => [{ n: 0 }],
      actions: (s) => (s.n < 2_000 ? steps : []),
      next: (s, step) => ({ n: Math.min(2_000, s.n + step) }),
      properties: [{ name: 'Not1999', kind: 'always', expect: 'violated', check: (s) => s.n !== 1_999 }],
    };
    const model: Model<Counter, number> = packed ? { ...objects, encode: (s) => s.n, decode: (n) => ({ n }) } : objects;

    const expected = referenceBfs(model);
    const actual = engineFigures(model);
    const trace = bfs(model).properties[0]!.counterexample!;

    expect(actual).toEqual(expected);
    expect(trace.steps).toHaveLength(7);
    expect(trace.steps.some((step) => step.actionIndex > 255)).toBe(true);
    expect(trace.steps[trace.steps.length - 1]!.state).toEqual({ n: 1_999 });
  });
});
