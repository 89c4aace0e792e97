import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { ModelContractError } from '../../src/core/errors.ts';
import type { Commuting, Model } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { defineRole, defineSystem } from '../../src/system/index.ts';

/** Counters that each count up to `top`, one step at a time; steps of different counters commute. */
type Counters = readonly number[];
type Bump = { readonly counter: number };

const commutingBumps: Commuting<Counters, Bump> = {
  key: (bump) => bump.counter,
  footprint: (_state, bump) => bump.counter,
  independent: (_state, first, second) => first !== second,
};

function counters(size: number, top: number, extra: Partial<Model<Counters, Bump>> = {}): Model<Counters, Bump> {
  return {
    init: () => [new Array<number>(size).fill(0)],
    actions: (state) => state.flatMap((value, counter) => (value < top ? [{ counter }] : [])),
    next: (state, bump) => state.map((value, counter) => (counter === bump.counter ? value + 1 : value)),
    properties: [{ name: 'not-all-full', kind: 'always', expect: 'violated', check: (state) => state.some((value) => value < top) }],
    commuting: commutingBumps,
    ...extra,
  };
}

const figures = (model: Model<Counters, Bump>, sleepSets: boolean) => {
  const result = bfs(model, { exhaustive: true, sleepSets });
  const violation = result.properties[0]!;
  return { distinct: result.distinctStates, generated: result.generatedStates, depth: result.depth, slept: result.details?.['sleptTransitions'], verdict: violation.verdict, steps: violation.counterexample?.steps.length };
};

describe('sleep sets in bfs', () => {
  it('over actions that all commute: every state reached once, at its shortest depth, with the same verdict and length', () => {
    // 3 counters to 3: 64 states; without sleep sets each of the 3·3·16 = 144 steps is taken (the
    // initial state counts as generated too), with them one step into each state but the first.
    expect(figures(counters(3, 3), false)).toEqual({ distinct: 64, generated: 145, depth: 10, slept: undefined, verdict: 'violated', steps: 9 });
    expect(figures(counters(3, 3), true)).toEqual({ distinct: 64, generated: 64, depth: 10, slept: 81, verdict: 'violated', steps: 9 });
  });

  it('changes nothing where the model says nothing commutes, or where a state constraint bounds the search', () => {
    const dependent: Commuting<Counters, Bump> = { ...commutingBumps, independent: () => false };
    expect(figures(counters(3, 2, { commuting: dependent }), true)).toMatchObject({ distinct: 27, generated: 55, slept: 0 });
    // A reordered path may leave a state constraint's bounds: there bfs takes every step.
    const bounded = counters(3, 2, { withinBounds: (state) => state[0]! + state[1]! < 4 });
    expect(figures(bounded, true)).toEqual(figures(bounded, false));
  });

  it('finds a model whose commuting relation is wrong', () => {
    // Counter 1 copies counter 0 into counter 2 besides counting: it does not commute with counter 0's step.
    const next = (state: Counters, bump: Bump): Counters => state.map((value, counter) => (counter === bump.counter ? value + 1 : bump.counter === 1 && counter === 2 ? state[0]! : value));
    expect(() => bfs(counters(3, 2, { next }), { sleepSets: true })).toThrow(ModelContractError);
    expect(() => bfs(counters(3, 2, { next }), { sleepSets: true })).toThrow("model's commuting relation is wrong: it calls {\"counter\":0} and {\"counter\":1} independent, but the two orders reach different states");
    // Without sleep sets the relation is not used, so not checked.
    expect(() => bfs(counters(3, 2, { next }))).not.toThrow();
  });
});

describe('the system layer under sleep sets', () => {
  const asker = defineRole<{ readonly heard: number }, { readonly type: 'Ask' } | { readonly type: 'Told' }, string, string, never>({
    init: () => ({ heard: 0 }),
    onRequest(state, _request, ctx) {
      ctx.broadcast(ctx.nodes('teller'), { type: 'Ask' });
      return state;
    },
    on: {
      Told(state, _msg, _from, ctx) {
        if (state.heard + 1 === ctx.nodes('teller').length) ctx.reply(0, 'told');
        return { heard: state.heard + 1 };
      },
    },
  });
  const teller = defineRole<{ readonly asked: boolean }, { readonly type: 'Ask' } | { readonly type: 'Told' }, string, string, never>({
    init: () => ({ asked: false }),
    on: {
      Ask(_state, _msg, from, ctx) {
        ctx.send(from, { type: 'Told' });
        return { asked: true };
      },
    },
  });
  const system = (obsoleteReadsThird: boolean) =>
    defineSystem({
      roles: { asker, teller },
      nodes: [{ role: 'asker', name: 'a' }, ...[0, 1, 2].map((i) => ({ role: 'teller' as const, name: `t${i}` }))],
      network: 'unordered',
      workload: [[{ node: 'a', input: 'ask' }]],
      // A teller's answer is obsolete once the asker is told; the faulty one also looks at t2.
      obsolete: (msg, _from, to, view) => (!obsoleteReadsThird || !view.state('teller', 3).asked) && msg.type === 'Told' && view.roleOf(to) === 'asker' && view.state('asker', to).heard === 3,
    });

  it('the tellers answer in any order: the same states, fewer successors, no obsolete sweep read beyond a message\'s ends', () => {
    const [withSleep, without] = [bfs(system(false), { exhaustive: true, sleepSets: true }), bfs(system(false), { exhaustive: true })];
    expect([withSleep.distinctStates, withSleep.depth]).toEqual([without.distinctStates, without.depth]);
    expect(withSleep.generatedStates).toBeLessThan(without.generatedStates);
    expect(withSleep.details?.['sleptTransitions']).toBe(without.generatedStates - withSleep.generatedStates);
  });

  it('refuses an obsolete() that reads a node other than the message\'s sender and receiver', () => {
    expect(() => bfs(system(true), { exhaustive: true })).toThrow("obsolete() may read only the sender's and the receiver's states; judging a message a→t0 it read t2's");
  });
});

describe('check --sleep-sets', () => {
  it('gives the same states and depth with fewer successors generated, and is refused where sleep sets are not used', async () => {
    const figuresOf = async (...extra: string[]) => {
      const result = JSON.parse((await runCli('check', 'quorum-register/majority', '--json', ...extra)).out).results[0];
      return [result.distinctStates, result.generatedStates, result.depth];
    };
    expect(await figuresOf('--sleep-sets')).toEqual([2_669, 3_592, 29]);
    expect(await figuresOf()).toEqual([2_669, 6_730, 29]);
    const text = await runCli('check', 'quorum-register/majority', '--sleep-sets');
    expect(text.out).toContain('explored all 2,669 distinct states (3,592 generated, 3,138 spared by sleep sets, depth 29)');
    const dfs = await runCli('check', 'quorum-register', '--engine', 'dfs', '--sleep-sets');
    expect([dfs.code, dfs.err.trim()]).toEqual([2, 'faultline: check: --sleep-sets applies only to bfs, not dfs']);
    const workers = await runCli('check', 'quorum-register', '--workers', '2', '--sleep-sets');
    expect([workers.code, workers.err.trim()]).toEqual([2, 'faultline: check: --sleep-sets does not combine with --workers (workers go without sleep sets); drop one of them']);
  });
});

describe('sleep sets asked for where they do not apply', () => {
  it('say why in the result and on the summary line, and change nothing', async () => {
    const bounded = bfs(counters(2, 2, { withinBounds: (state) => state[0]! < 2 }), { exhaustive: true, sleepSets: true });
    expect(bounded.details?.['sleepSetsOff']).toBe('the model has a state constraint (withinBounds), whose bounds a reordered path may leave');
    expect(bounded.details?.['sleptTransitions']).toBeUndefined();
    const plain = counters(2, 2, { commuting: undefined });
    expect(bfs(plain, { exhaustive: true, sleepSets: true }).details?.['sleepSetsOff']).toBe('the model does not say which of its steps commute (commuting)');
    expect(bfs(plain, { exhaustive: true }).details?.['sleepSetsOff']).toBeUndefined();
    const text = await runCli('check', 'die-hard', '--sleep-sets');
    expect(text.out).toMatch(/generated, no sleep sets: the model does not say which of its steps commute \(commuting\), depth \d+\)/);
  });
});

describe('sleep sets and the depth bound', () => {
  it('count as spared only the steps of states that are expanded', () => {
    // Depth 2: the 3 states of level 2 are judged, not expanded; nothing was spared.
    const cut = bfs(counters(3, 3), { maxDepth: 2, sleepSets: true, exhaustive: true });
    expect([cut.distinctStates, cut.generatedStates, cut.details?.['sleptTransitions']]).toEqual([4, 4, 0]);
  });
});

describe('sleep sets and --max-states', () => {
  it('count as generated only the successors taken before the stop', () => {
    // Counters listed in reverse where their sum is odd, so that a step asleep can come after the
    // one that stops the search. The initial state, its 3 successors, the 3 of [1,0,0]; then
    // [0,1,0] (counter 0 asleep, listed last) reaches the 8th state by its first step, counter 2's:
    // what was generated is 8 both ways, counter 1's step after it not counted, counter 0's never made.
    const reversing: Partial<Model<Counters, Bump>> = {
      actions: (state) => {
        const bumps = state.flatMap((value, counter) => (value < 3 ? [{ counter }] : []));
        return state.reduce((a, b) => a + b, 0) % 2 === 1 ? bumps.reverse() : bumps;
      },
    };
    const stop = (sleepSets: boolean) => bfs(counters(3, 3, reversing), { maxStates: 8, sleepSets, exhaustive: true });
    expect([stop(false).distinctStates, stop(false).generatedStates]).toEqual([8, 8]);
    expect([stop(true).distinctStates, stop(true).generatedStates, stop(true).details?.['sleptTransitions']]).toEqual([8, 8, 1]);
  });
});
