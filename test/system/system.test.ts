import { describe, expect, it } from 'vitest';
import type { Property } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { compileSystem, type SystemAction, type SystemSpec, type SystemState } from '../../src/system/index.ts';

/** A toy node: `kept` is durable, `seen` is the messages received, in order (volatile). */
interface Toy {
  readonly kept: number;
  readonly seen: readonly string[];
}
type ToyState = SystemState<Toy, string, string, string>;

function toy(overrides: Partial<SystemSpec<Toy, string, number, string>> = {}) {
  return compileSystem<Toy, string, number, string>({
    nodes: 3,
    network: 'unordered',
    init: () => ({ kept: 0, seen: [] }),
    durable: ['kept'],
    onRequest(s, req, ctx) {
      ctx.send(1, 'a');
      ctx.send(1, 'b');
      ctx.setTimer('t', 1);
      return { kept: req.input, seen: [...s.seen, 'req'] };
    },
    onMessage: (s, msg) => ({ ...s, seen: [...s.seen, msg] }),
    onTimer(s, _name, ctx) {
      ctx.reply(0, 'done');
      return s;
    },
    workload: [[{ node: 0, input: 7 }]],
    ...overrides,
  });
}

/** Runs the first enabled action matching `pick`, failing if there is none. */
function step<S, M, T>(model: { actions(s: SystemState<S, M, any, T>): readonly SystemAction<M, T>[]; next(s: SystemState<S, M, any, T>, a: SystemAction<M, T>): SystemState<S, M, any, T> }, s: SystemState<S, M, any, T>, pick: (a: SystemAction<M, T>) => boolean): SystemState<S, M, any, T> {
  const action = model.actions(s).find(pick);
  if (!action) throw new Error('action not enabled');
  return model.next(s, action);
}

const always = <S>(name: string, check: (s: S) => boolean | string): Property<S> => ({ name, kind: 'always', check });

describe('system layer', () => {
  it('a crash loses volatile state and timers, keeps durable state; restart brings the node back', () => {
    const model = toy({ faults: { budget: 1, crash: true }, clock: { horizon: 1 } });
    let s: ToyState = model.init()[0]!;
    s = step(model, s, (a) => a.kind === 'invoke');
    expect(s.nodes[0]).toEqual({ kept: 7, seen: ['req'] });
    expect(s.timers).toEqual([{ node: 0, timer: 't', at: 1 }]);

    s = step(model, s, (a) => a.kind === 'crash' && a.node === 0);

    expect(s.nodes[0]).toEqual({ kept: 7, seen: [] });
    expect(s.timers).toEqual([]);
    expect(model.isUp(s, 0)).toBe(false);
    expect(model.actions(s).some((a) => a.kind === 'crash')).toBe(false); // budget spent
    s = step(model, s, (a) => a.kind === 'restart' && a.node === 0);
    expect(model.isUp(s, 0)).toBe(true);
  });

  it('unordered delivery allows any order; FIFO keeps send order per link', () => {
    const receivedBOnlyAfterA = always<ToyState>('fifo', (s) => s.nodes[1]!.seen[0] !== 'b');
    const unordered = toy({ properties: () => [receivedBOnlyAfterA] });
    const fifo = toy({ network: 'fifo', properties: () => [receivedBOnlyAfterA] });

    const u = bfs(unordered);
    const f = bfs(fifo);

    expect(u.properties[0]!.verdict).toBe('violated');
    expect(f.properties[0]!.verdict).toBe('holds');
    expect(f.complete).toBe(true);
  });

  it('the network is a canonical multiset: equal contents give equal states whatever the send order', () => {
    const ab = toy();
    const ba = toy({
      onRequest(s, req, ctx) {
        ctx.send(1, 'b');
        ctx.send(1, 'a');
        ctx.setTimer('t', 1);
        return { kept: req.input, seen: [...s.seen, 'req'] };
      },
    });
    const s1 = step(ab, ab.init()[0]!, (a) => a.kind === 'invoke');
    const s2 = step(ba, ba.init()[0]!, (a) => a.kind === 'invoke');
    expect(s1).toEqual(s2);
  });

  it('never spends more faults than the budget', () => {
    const faultKinds = new Set(['drop', 'duplicate', 'crash', 'partition']);
    let model!: ReturnType<typeof toy>;
    const withinBudget = always<ToyState>('budget', (s) => s.budget >= 0 && (s.budget > 0 || model.actions(s).every((a) => !faultKinds.has(a.kind))));
    model = toy({ faults: { budget: 2, drop: true, duplicate: true, crash: true, partition: true }, clock: { horizon: 1 }, properties: () => [withinBudget] });

    const result = bfs(model);

    expect(result.complete).toBe(true);
    expect(result.properties[0]!.verdict).toBe('holds');
  });

  it('a partition blocks delivery across the cut until the heal', () => {
    const model = toy({ faults: { budget: 1, partition: [[0]] } });
    let s: ToyState = step(model, model.init()[0]!, (a) => a.kind === 'partition');
    s = step(model, s, (a) => a.kind === 'invoke');

    expect(s.net.length).toBe(2);
    expect(model.actions(s).some((a) => a.kind === 'deliver')).toBe(false);
    expect(model.describeAction!(model.actions(model.init()[0]!).find((a) => a.kind === 'partition')!, model.init()[0]!)).toBe('partition {n0} | {n1,n2}');
    s = step(model, s, (a) => a.kind === 'heal');
    expect(model.actions(s).filter((a) => a.kind === 'deliver').length).toBe(2);
  });

  it('clock offsets stay within the skew bound, and timers fire on the local clock', () => {
    const bounded = always<ToyState>('skew', (s) => s.offsets.every((o) => o >= 0 && o <= 1));
    const model = toy({ clock: { horizon: 2, skew: 1 }, properties: () => [bounded] });
    expect(bfs(model).properties[0]!.verdict).toBe('holds');

    let s: ToyState = step(model, model.init()[0]!, (a) => a.kind === 'invoke');
    expect(model.actions(s).some((a) => a.kind === 'timer')).toBe(false);
    s = step(model, s, (a) => a.kind === 'drift' && a.node === 0);
    expect(model.describeAction!({ kind: 'drift', node: 0 }, s)).toBe('n0 clock +1');
    expect(s.time).toBe(0);
    expect(model.actions(s).some((a) => a.kind === 'timer')).toBe(true); // local clock 1 reached the deadline
    expect(model.actions(s).some((a) => a.kind === 'drift' && a.node === 0)).toBe(false);
  });

  it('a request to a crashed node stays pending forever and blocks the client', () => {
    const model = toy({ workload: [[{ node: 0, input: 1 }, { node: 0, input: 2 }]], faults: { budget: 1, crash: true } });
    let s: ToyState = step(model, model.init()[0]!, (a) => a.kind === 'crash' && a.node === 0);
    s = step(model, s, (a) => a.kind === 'invoke');
    s = step(model, s, (a) => a.kind === 'restart');

    expect(model.history(s)).toEqual([{ id: 0, client: 0, node: 0, input: 1, call: 0 }]);
    expect(model.actions(s).some((a) => a.kind === 'invoke')).toBe(false);
    expect(s.nodes[0]!.seen).toEqual([]);
  });

  it('records responses with logical steps: A precedes B exactly when A.return < B.call', () => {
    const model = compileSystem<number, never, string, string>({
      nodes: 2,
      network: 'unordered',
      init: () => 0,
      onRequest(s, req, ctx) {
        ctx.reply(req.op, req.input);
        return s;
      },
      workload: [[{ node: 0, input: 'x' }, { node: 1, input: 'y' }], [{ node: 1, input: 'z' }]],
    });
    let s = model.init()[0]!;
    for (let i = 0; i < 3; i++) s = model.next(s, model.actions(s)[0]!);
    expect(model.history(s).map((op) => [op.input, op.call, op.return, op.output])).toEqual([
      ['x', 0, 0, 'x'],
      ['y', 1, 1, 'y'],
      ['z', 2, 2, 'z'],
    ]);
  });

  it('sweeps obsolete messages, and under bounded delay time waits for deliverable messages', () => {
    const model = toy({ obsolete: (msg) => msg === 'b', clock: { horizon: 1, synchronous: true } });
    const s: ToyState = step(model, model.init()[0]!, (a) => a.kind === 'invoke');
    expect(s.net.map((e) => e.msg)).toEqual(['a']);
    expect(model.actions(s).some((a) => a.kind === 'tick')).toBe(false);
    const delivered = step(model, s, (a) => a.kind === 'deliver');
    expect(model.actions(delivered).some((a) => a.kind === 'tick')).toBe(true);
  });

  it('describes actions in one readable line, with the responses they produce', () => {
    const model = toy({ clock: { horizon: 1 }, faults: { budget: 1, crash: true, drop: true } });
    let s: ToyState = model.init()[0]!;
    const lines = () => model.actions(s).map((a) => model.describeAction!(a, s));
    expect(lines()).toContain('c0 invokes 7 at n0');
    s = step(model, s, (a) => a.kind === 'invoke');
    expect(lines()).toEqual(expect.arrayContaining(['deliver "a" n0→n1', 'drop "b" n0→n1', 'crash n1', 'time 0→1']));
    s = step(model, s, (a) => a.kind === 'tick');
    expect(lines()).toContain('n0 timer t fires; n0 answers c0 7 → "done"');
  });
});
