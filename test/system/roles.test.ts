import { describe, expect, it } from 'vitest';
import type { Property } from '../../src/core/model.ts';
import { ModelContractError } from '../../src/core/errors.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { crash, defineRole, defineSystem, drop, partition, type FaultKind, type SystemAction, withoutSymmetry } from '../../src/system/index.ts';
import { quorumRegister } from '../../models/quorum-register/quorum-register.ts';
import type { ClientState } from '../../models/quorum-register/client.ts';

type Msg = { readonly type: 'Ping'; readonly round: number } | { readonly type: 'Pong'; readonly round: number };
type Tick = { readonly type: 'resend'; readonly round: number };

/** A pinger (pings every ponger, counts pongs, resends on a timer) and pongers that answer. */
const pinger = defineRole<{ readonly pongs: number; readonly peers: readonly number[] }, Msg, string, string, Tick>({
  init: () => ({ pongs: 0, peers: [] }),
  onRequest(state, request, ctx) {
    ctx.broadcast(ctx.nodes('ponger'), { type: 'Ping', round: 1 });
    ctx.setTimer({ type: 'resend', round: 1 }, 0);
    return { ...state, peers: ctx.nodes('ponger') };
  },
  on: {
    Pong: (state, _msg, _from, ctx) => {
      if (state.pongs + 1 === state.peers.length) ctx.reply(0, 'all');
      return { ...state, pongs: state.pongs + 1 };
    },
  },
  onTimer: (state, timer, ctx) => {
    ctx.send(state.peers[0]!, { type: 'Ping', round: timer.round + 1 });
    return state;
  },
});
const ponger = defineRole<{ readonly pinged: number }, Msg, string, string, Tick>({
  init: (node) => ({ pinged: node.index * 10 }),
  durable: ['pinged'],
  on: {
    Ping: (state, msg, from, ctx) => {
      ctx.send(from, { type: 'Pong', round: msg.round });
      return { pinged: state.pinged + 1 };
    },
  },
});

function pingSystem(options: { faults?: boolean; deferOddRounds?: boolean } = {}) {
  const guarded = options.deferOddRounds ? { ...ponger, defer: (_s: { pinged: number }, msg: Msg) => msg.round % 2 === 1 } : ponger;
  return defineSystem({
    roles: { pinger, ponger: guarded },
    nodes: [{ role: 'pinger', name: 'p' }, { role: 'ponger', name: 'a' }, { role: 'ponger', name: 'b' }],
    network: 'fifo',
    workload: [[{ node: 'p', input: 'go' }]],
    ...(options.faults ? { faults: { budget: 1, kinds: [drop(), crash({ nodes: ['a'] }), partition({ sides: [['p']] })] } } : {}),
  });
}

const first = <A>(actions: readonly A[], pick: (a: A) => boolean): A => {
  const action = actions.find(pick);
  if (!action) throw new Error('action not enabled');
  return action;
};

describe('roles', () => {
  it('gives each node its role state, lists a role by ctx.nodes, and dispatches each message type to its handler', () => {
    const model = pingSystem();
    let s = model.init()[0]!;
    expect(s.nodes).toEqual([{ pongs: 0, peers: [] }, { pinged: 0 }, { pinged: 10 }]);
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'invoke'));
    expect(model.stateOf(s, 'pinger', 0).peers).toEqual([1, 2]);
    expect(s.net.map((e) => model.describeAction!({ kind: 'deliver', at: 0, env: e }, s))).toEqual(['deliver Ping(round=1) p→a', 'deliver Ping(round=1) p→b']);
    expect(() => model.stateOf(s, 'ponger', 0)).toThrow('p plays pinger, not ponger');
    const end = bfs(model);
    expect(end.complete).toBe(true);
    expect(end.distinctStates).toBe(28);
  });

  it('timers are typed values: keyed by content, described as type(field=value)', () => {
    const model = pingSystem();
    let s = model.init()[0]!;
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'invoke'));
    expect(s.timers).toEqual([{ node: 0, timer: { type: 'resend', round: 1 }, at: 0 }]);
    const fire = first(model.actions(s), (a) => a.kind === 'timer');
    expect(model.describeAction!(fire, s)).toBe('p timer resend(round=1) fires');
    s = model.next(s, fire);
    expect(s.timers).toEqual([]);
    expect(s.net.filter((e) => e.to === 1).map((e) => e.msg)).toEqual([{ type: 'Ping', round: 1 }, { type: 'Ping', round: 2 }]);
  });

  it('a deferred message stays in flight and, under FIFO, holds back its link', () => {
    const model = pingSystem({ deferOddRounds: true });
    let s = model.init()[0]!;
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'invoke'));
    expect(model.actions(s).filter((a) => a.kind === 'deliver')).toEqual([]);
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'timer'));
    // Round 2 is behind round 1 on the link p→a, so it cannot overtake it.
    expect(model.actions(s).filter((a) => a.kind === 'deliver')).toEqual([]);
    expect(s.net.length).toBe(3);
    expect(bfs(model).distinctStates).toBe(3);
  });

  it('a message whose receiver has no handler for its type is a model error naming both', () => {
    const model = defineSystem({
      roles: { pinger, other: pinger },
      nodes: [{ role: 'pinger', name: 'p' }, { role: 'other', name: 'q' }],
      network: 'unordered',
      workload: [[{ node: 'p', input: 'go' }]],
    });
    // ctx.nodes('ponger') is empty here, so make one Ping by hand.
    const s = { ...model.init()[0]!, net: [{ from: 0, to: 1, msg: { type: 'Ping', round: 1 } as Msg }] };
    expect(() => model.next(s, first(model.actions(s), (a) => a.kind === 'deliver'))).toThrow(ModelContractError);
    expect(() => model.next(s, first(model.actions(s), (a) => a.kind === 'deliver'))).toThrow('q (role other) has no handler for Ping messages (sent by p)');
  });

  it('an unknown role or workload node is a model error', () => {
    expect(() => defineSystem({ roles: { pinger }, nodes: [{ role: 'nobody' as 'pinger' }], network: 'fifo', workload: [] })).toThrow("node 0 has unknown role 'nobody'; roles are: pinger");
    expect(() => defineSystem({ roles: { pinger }, nodes: [{ role: 'pinger' }], network: 'fifo', workload: [[{ node: 'x', input: 'go' }]] })).toThrow('workload: client c0 names unknown node "x"');
  });

  it('isFault comes from the wired fault kinds: injections and their repairs, nothing else', () => {
    const model = pingSystem({ faults: true });
    let s = model.init()[0]!;
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'invoke'));
    const kinds = (pick: (a: SystemAction<Msg, Tick>) => boolean) => [...new Set(model.actions(s).filter(pick).map((a) => a.kind))].sort();
    expect(kinds((a) => model.isFault(a))).toEqual(['crash', 'drop', 'partition']);
    expect(kinds((a) => !model.isFault(a))).toEqual(['deliver', 'timer']);
    expect(model.actions(s).filter((a) => a.kind === 'crash').map((a) => model.describeAction!(a, s))).toEqual(['crash a']);
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'crash'));
    expect(model.stateOf(s, 'ponger', 1)).toEqual({ pinged: 0 }); // durable field kept
    expect(model.actions(s).filter((a) => model.isFault(a)).map((a) => a.kind)).toEqual(['restart']); // budget spent; restart is free
    expect(model.bounds).toBe('3 nodes, fifo network, at most 1 fault (drop, crash of a, partition), time stays 0; workload c0: "go" at p');
  });

  it('the bounds line says when there is one node, no workload, no ticks of time', () => {
    const alone = defineSystem({ roles: { pinger }, nodes: [{ role: 'pinger', name: 'p' }], network: 'fifo', workload: [], clock: { horizon: 0, synchronous: true } });
    expect(alone.bounds).toBe('1 node, fifo network, no faults, time stays 0; no workload');
    const timed = defineSystem({ roles: { pinger }, nodes: [{ role: 'pinger', name: 'p' }], network: 'fifo', workload: [], clock: { horizon: 2, synchronous: true } });
    expect(timed.bounds).toBe('1 node, fifo network, no faults, time 0..2, bounded delay; no workload');
  });
});

describe('durable fields are per role', () => {
  type Note = { readonly type: 'Note' };
  // Both roles have a field `log`; only the keeper says it is durable, only the scribe says `count` is.
  const keeper = defineRole<{ readonly log: number; readonly count: number }, Note, string, string>({
    init: () => ({ log: 0, count: 0 }),
    durable: ['log'],
    onRequest: (state) => ({ log: state.log + 1, count: state.count + 1 }),
    on: {},
  });
  const scribe = defineRole<{ readonly log: number; readonly count: number }, Note, string, string>({
    init: () => ({ log: 0, count: 0 }),
    durable: ['count'],
    onRequest: (state) => ({ log: state.log + 1, count: state.count + 1 }),
    on: {},
  });
  const model = defineSystem({
    roles: { keeper, scribe },
    nodes: [{ role: 'keeper', name: 'k' }, { role: 'scribe', name: 's' }],
    network: 'unordered',
    workload: [[{ node: 'k', input: 'x' }], [{ node: 's', input: 'x' }]],
    faults: { budget: 2, kinds: [crash({ nodes: ['k', 's'] })] },
  });

  it("a crash keeps the node's own role's durable fields and resets the others to init", () => {
    let s = model.init()[0]!;
    for (const client of [0, 1]) s = model.next(s, first(model.actions(s), (a) => a.kind === 'invoke' && a.client === client));
    expect(s.nodes).toEqual([{ log: 1, count: 1 }, { log: 1, count: 1 }]);
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'crash' && a.node === 0));
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'crash' && a.node === 1));
    expect(model.stateOf(s, 'keeper', 0)).toEqual({ log: 1, count: 0 });
    expect(model.stateOf(s, 'scribe', 1)).toEqual({ log: 0, count: 1 });
  });
});

describe('a fault kind written outside the layer', () => {
  type Note = { readonly type: 'Note' };
  // A kind that marks the state with a field of its own, as the partitioned log's isolation does.
  const mark: FaultKind = {
    name: 'mark',
    wire: () => ({
      name: 'mark',
      injects: ['heal'],
      undoes: [],
      spends: true,
      enabled: (s) => ((s as { marked?: number }).marked === undefined ? [{ kind: 'heal' as const }] : []),
      apply: (s) => ({ ...s, marked: 1 }),
      line: () => 'mark',
      bound: 'mark',
    }),
  };
  const node = defineRole<{ readonly notes: number }, Note, string, string>({
    init: () => ({ notes: 0 }),
    onRequest: (state, _request, ctx) => (ctx.send(ctx.self, { type: 'Note' }), state),
    on: { Note: (state) => ({ notes: state.notes + 1 }) },
  });

  it('keeps the fields such a kind adds through every later step', () => {
    const model = defineSystem({ roles: { node }, nodes: [{ role: 'node' }], network: 'unordered', workload: [[{ node: 0, input: 'x' }]], faults: { budget: 1, kinds: [mark] } });
    let s = model.init()[0]!;
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'heal'));
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'invoke'));
    s = model.next(s, first(model.actions(s), (a) => a.kind === 'deliver'));
    expect(s.nodes).toEqual([{ notes: 1 }]);
    expect((s as { marked?: number }).marked).toBe(1);
  });
});

describe('the receive guard: the quorum register of qreg3_fl.pml with one request a step', () => {
  /** Whether a client counted a reply while it still had requests of its phase to send. */
  const countedWhileSending = (model: ReturnType<typeof quorumRegister>): Property<ReturnType<typeof model.init>[number]> => ({
    name: 'no-reply-while-sending',
    kind: 'always',
    check: (s) =>
      model.roleOf.every((role, node) => {
        if (role !== 'client') return true;
        const client = s.nodes[node] as ClientState;
        return client.unsent.length === 0 || client.answers === 0;
      }),
  });

  it('with the guard, a client sending one request a step never counts a reply before its last request is out', () => {
    const guarded = quorumRegister({ replicas: 3, clients: 1, quorum: 2, sending: 'stepwise', guard: true });
    const unguarded = quorumRegister({ replicas: 3, clients: 1, quorum: 2, sending: 'stepwise', guard: false });
    const g = bfs({ ...guarded, properties: [...guarded.properties, countedWhileSending(guarded)] });
    const u = bfs({ ...unguarded, properties: [...unguarded.properties, countedWhileSending(unguarded)] });

    expect(g.complete).toBe(true);
    // One client never reads another's value: its witness is vacuous here.
    expect(g.properties.map((p) => [p.name, p.verdict])).toEqual([['regular', 'holds'], ['reads-another-write', 'violated'], ['no-reply-while-sending', 'holds']]);
    expect(g.distinctStates).toBe(486);
    expect(u.properties.map((p) => [p.name, p.verdict])).toEqual([['regular', 'holds'], ['reads-another-write', 'violated'], ['no-reply-while-sending', 'violated']]);
  });

  it('batch sending, as the SPIN model does, has fewer states for the same verdict', () => {
    const batch = bfs(withoutSymmetry(quorumRegister({ replicas: 3, clients: 1, quorum: 2, sending: 'batch' })));
    expect(batch.properties[0]!.verdict).toBe('holds');
    expect(batch.distinctStates).toBe(345);
    // Its replicas are interchangeable (stepwise sending walks them in id order): 88 states up to renaming.
    expect(bfs(quorumRegister({ replicas: 3, clients: 1, quorum: 2, sending: 'batch' })).distinctStates).toBe(88);
  });
});
