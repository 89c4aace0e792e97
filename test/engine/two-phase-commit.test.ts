import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { dfs } from '../../src/explore/dfs.ts';
import { twoPhaseCommit, viewOf, type TwoPhaseAction, type TwoPhaseState } from '../../models/two-phase-commit/two-phase-commit.ts';
import { twoPhaseCommitReadable } from '../../models/two-phase-commit/two-phase-commit-readable.ts';

/** TLC's published counts (tla-examples.md): distinct, generated, depth. */
const TLC: ReadonlyArray<readonly [rms: number, distinct: number, generated: number, depth: number]> = [
  [3, 288, 1_146, 11],
  [4, 1_568, 8_258, 14],
  [5, 8_832, 58_146, 17],
  [6, 50_816, 402_306, 20],
  [7, 296_448, 2_744_706, 23],
  [8, 1_745_408, 18_507_778, 26],
];

const verdicts = (result: ReturnType<typeof bfs>) => result.properties.map((p) => `${p.name}:${p.verdict}`);

describe('TwoPhase with bfs reproduces TLC exactly', () => {
  it.each(TLC)('rms=%i: %i distinct, %i generated, depth %i, every property holds', (rms, distinct, generated, depth) => {
    const model = twoPhaseCommit(rms);

    const result = bfs(model);

    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([distinct, generated, depth]);
    expect(result.complete).toBe(true);
    expect(result.stopReason).toBeNull();
    expect(verdicts(result)).toEqual(['TCConsistent:holds', 'deadlock-free:holds']);
  }, 600_000);

  it.each(TLC.filter(([rms]) => rms <= 5))('rms=%i over readable object states (structural fingerprints) gives the same counts', (rms, distinct, generated, depth) => {
    const model = twoPhaseCommitReadable(rms);

    const result = bfs(model);

    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([distinct, generated, depth]);
    expect(verdicts(result)).toEqual(['TCConsistent:holds', 'deadlock-free:holds']);
  });
});

describe('dfs', () => {
  it.each([3, 5, 6])('rms=%i: finds as many distinct states as bfs without a depth bound, packed and as objects', (rms) => {
    const expected = bfs(twoPhaseCommit(rms)).distinctStates;

    const packed = dfs(twoPhaseCommit(rms));
    const objects = dfs(twoPhaseCommitReadable(rms));

    expect(packed.distinctStates).toBe(expected);
    expect(objects.distinctStates).toBe(expected);
    expect(packed.complete).toBe(true);
    expect(packed.properties.every((p) => p.verdict === 'holds')).toBe(true);
  });

  it('with a depth bound says unknown and max-depth, never holds', () => {
    const result = dfs(twoPhaseCommit(4), { maxDepth: 5 });

    expect(result.complete).toBe(false);
    expect(result.stopReason).toBe('max-depth');
    expect(result.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
    expect(result.distinctStates).toBeLessThan(1_568);
  });
});

describe('bounds make the verdict unknown', () => {
  it('bfs with a depth bound: unknown, max-depth, and only the first levels', () => {
    const result = bfs(twoPhaseCommit(4), { maxDepth: 5 });

    expect(result.complete).toBe(false);
    expect(result.stopReason).toBe('max-depth');
    expect(result.depth).toBe(5);
    expect(result.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
    expect(result.properties.every((p) => !p.ok)).toBe(true);
  });

  it('bfs with maxStates: unknown, max-states, exactly that many distinct states', () => {
    const result = bfs(twoPhaseCommit(5), { maxStates: 1_000 });

    expect(result.complete).toBe(false);
    expect(result.stopReason).toBe('max-states');
    expect(result.distinctStates).toBe(1_000);
    expect(result.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
  });

  it('dfs with maxStates: unknown, max-states', () => {
    const result = dfs(twoPhaseCommitReadable(5), { maxStates: 1_000 });

    expect(result.stopReason).toBe('max-states');
    expect(result.distinctStates).toBe(1_000);
    expect(result.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
  });

  it.each([['bfs', bfs], ['dfs', dfs]] as const)('%s with a timeout: unknown, timeout, soon after the deadline', (_name, engine) => {
    const started = performance.now();

    const result = engine(twoPhaseCommit(9), { timeoutMs: 50 });

    expect(result.stopReason).toBe('timeout');
    expect(result.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a depth bound deeper than the state space cuts nothing: holds', () => {
    const result = bfs(twoPhaseCommit(3), { maxDepth: 12 });

    expect(result.stopReason).toBeNull();
    expect(result.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
  });
});

describe('packed TwoPhase traces are readable', () => {
  /** TwoPhase with one more invariant, "no RM ever commits", which must be violated. */
  function withNoCommit(model: Model<TwoPhaseState, TwoPhaseAction>, rms: number): Model<TwoPhaseState, TwoPhaseAction> {
    return {
      ...model,
      properties: [
        ...model.properties,
        { name: 'NoCommit', kind: 'always', expect: 'violated', check: (s) => !viewOf(s, rms).rmState.includes('committed') },
      ],
    };
  }

  it('bfs finds the shortest path to a commit, described action by action', () => {
    const model = withNoCommit(twoPhaseCommit(3), 3);

    const result = bfs(model, { properties: ['NoCommit'] });

    const outcome = result.properties[0]!;
    expect(outcome.verdict).toBe('violated');
    const steps = outcome.counterexample!.steps;
    // Every RM prepares, the TM receives the three Prepared messages, commits, one RM receives Commit.
    expect(steps).toHaveLength(8);
    expect(steps.slice(-2).map((s) => s.description)).toEqual(['TMCommit', expect.stringMatching(/^RMRcvCommitMsg\(rm\d\)$/)]);
    expect(steps.filter((s) => s.description.startsWith('RMPrepare')).length).toBe(3);
    const last = model.describeState!(steps[steps.length - 1]!.state as TwoPhaseState) as ReturnType<typeof viewOf>;
    expect(last.tmState).toBe('committed');
    expect(last.tmPrepared).toEqual(['rm0', 'rm1', 'rm2']);
    expect(last.msgs).toEqual(['Prepared(rm0)', 'Prepared(rm1)', 'Prepared(rm2)', 'Commit']);
    expect(last.rmState.filter((s) => s === 'committed')).toHaveLength(1);
  });

  it('the initial state reads as the specification’s Init', () => {
    const model = twoPhaseCommit(2);

    const view = model.describeState!(model.init()[0]!);

    expect(view).toEqual({ rmState: ['working', 'working'], tmState: 'init', tmPrepared: [], msgs: [] });
  });

  it('the packed and readable models agree on every variable and enabled action, in order, in every reachable state (rms=3)', () => {
    const packed = twoPhaseCommit(3);
    const readable = twoPhaseCommitReadable(3);
    let pairs: Array<[TwoPhaseState, ReturnType<typeof readable.init>[number]]> = [[packed.init()[0]!, readable.init()[0]!]];
    const seen = new Set<number>();
    let compared = 0;

    while (pairs.length > 0) {
      const nextPairs: typeof pairs = [];
      for (const [p, r] of pairs) {
        if (seen.has(p)) continue;
        seen.add(p);
        const view = viewOf(p, 3);
        expect(view.rmState).toEqual(r.rmState);
        expect(view.tmState).toBe(r.tmState);
        expect(view.tmPrepared).toEqual(r.tmPrepared.flatMap((on, rm) => (on ? [`rm${rm}`] : [])));
        expect(view.msgs).toEqual([
          ...r.preparedSent.flatMap((on, rm) => (on ? [`Prepared(rm${rm})`] : [])),
          ...(r.commitSent ? ['Commit'] : []),
          ...(r.abortSent ? ['Abort'] : []),
        ]);
        const actionsP = packed.actions(p);
        expect(actionsP).toEqual(readable.actions(r));
        actionsP.forEach((a) => nextPairs.push([packed.next(p, a), readable.next(r, a)]));
        compared++;
      }
      pairs = nextPairs;
    }

    expect(compared).toBe(288);
  });
});
