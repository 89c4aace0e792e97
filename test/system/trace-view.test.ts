import { describe, expect, it } from 'vitest';
import { ModelContractError } from '../../src/core/errors.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { compileSystem, type SystemAction, type SystemSpec, type SystemState } from '../../src/system/index.ts';
import { diffStates, renderCounterexample } from '../../src/trace/render.ts';

/**
 * A toy: n0 takes the request, sends `b`, `a`, `b` to n1 and sets a timer; n1 answers `a` with
 * `c`, and n0 answers the client on `c`. Nodes record what they received.
 */
interface Toy {
  readonly seen: readonly string[];
}
type ToyState = SystemState<Toy, string, string, string>;

function toy(overrides: Partial<SystemSpec<Toy, string, number, string>> = {}) {
  return compileSystem<Toy, string, number, string>({
    nodes: 3,
    network: 'unordered',
    init: () => ({ seen: [] }),
    onRequest(s, _req, ctx) {
      ctx.send(1, 'b');
      ctx.send(1, 'a');
      ctx.send(1, 'b');
      ctx.setTimer('t', 1);
      return s;
    },
    onMessage(s, msg, _from, ctx) {
      if (msg === 'a') ctx.send(0, 'c');
      if (msg === 'c') ctx.reply(0, 'done');
      return { seen: [...s.seen, msg] };
    },
    describeMessage: (m) => m.toUpperCase(),
    describeOutput: (o) => o,
    describeNode: (s) => (s.seen.length > 0 ? `got ${s.seen.join(' ')}` : 'idle'),
    workload: [[{ node: 0, input: 7 }]],
    ...overrides,
  });
}

type Toyish = ReturnType<typeof toy>;

function step(model: Toyish, s: ToyState, pick: (a: SystemAction<string>) => boolean): ToyState {
  const action = model.actions(s).find(pick);
  if (!action) throw new Error('action not enabled');
  return model.next(s, action);
}

const deliver = (msg: string) => (a: SystemAction<string>) => a.kind === 'deliver' && a.env.msg === msg;

describe('trace view of a system state', () => {
  it('shows the network as a multiset keyed by message line, so a step diffs as exactly what it sent and consumed', () => {
    const model = toy();
    const s0 = model.init()[0]!;
    const s1 = step(model, s0, (a) => a.kind === 'invoke');
    expect(model.describeState!(s1)).toMatchObject({ network: { 'A n0→n1': 'in flight', 'B n0→n1': '2× in flight' } });
    expect(diffStates(model.describeState!(s0), model.describeState!(s1))).toEqual([
      'network.A n0→n1: + in flight',
      'network.B n0→n1: + 2× in flight',
      'timers.n0 t: + at 1',
      'history.#0: + c0 7 at n0 [0, ∞] → pending',
    ]);

    // A sorts before B: positionally, delivering A would "change" every later message.
    const s2 = step(model, s1, deliver('a'));
    expect(diffStates(model.describeState!(s1), model.describeState!(s2))).toEqual([
      'nodes.n1: idle → got a',
      'network.C n1→n0: + in flight',
      'network.A n0→n1: − in flight',
    ]);
    const s3 = step(model, s2, deliver('b'));
    expect(diffStates(model.describeState!(s2), model.describeState!(s3))).toEqual(['nodes.n1: got a → got a b', 'network.B n0→n1: 2× in flight → in flight']);
  });

  it('leaves empty collections out, so the first message or operation is not also a change of its own', () => {
    const model = toy();
    const view = model.describeState!(model.init()[0]!) as Record<string, unknown>;
    expect(Object.keys(view)).toEqual(['nodes']);
  });

  it('lists a FIFO link in send order', () => {
    const model = toy({ network: 'fifo' });
    const s1 = step(model, model.init()[0]!, (a) => a.kind === 'invoke');
    expect(Object.keys((model.describeState!(s1) as { network: object }).network)).toEqual(['B n0→n1', 'A n0→n1']);
    const s2 = step(model, s1, (a) => a.kind === 'deliver');
    expect(diffStates(model.describeState!(s1), model.describeState!(s2))).toEqual(['nodes.n1: idle → got b', 'network.B n0→n1: 2× in flight → in flight']);
  });

  it('names nodes with describeNodeId in actions, the state view, history, partitions and timers', () => {
    const names = ['client', 'left', 'right'];
    const model = toy({ describeNodeId: (node) => names[node]!, faults: { budget: 2, crash: true, partition: true }, clock: { horizon: 1, skew: 1 } });
    let s: ToyState = model.init()[0]!;
    const lines = () => model.actions(s).map((a) => model.describeAction!(a, s));
    expect(lines()).toEqual(
      expect.arrayContaining(['c0 invokes 7 at client', 'left clock +1', 'crash right', 'partition {client,right} | {left}', 'partition {client} | {left,right}']),
    );
    s = step(model, s, (a) => a.kind === 'invoke');
    expect(lines()).toEqual(expect.arrayContaining(['deliver A client→left', 'deliver B client→left']));
    s = step(model, s, deliver('a'));
    const answer = model.actions(s).find(deliver('c'))!;
    expect(model.describeAction!(answer, s)).toBe('deliver C left→client; client answers c0 7 → done');
    s = model.next(s, answer);
    s = step(model, s, (a) => a.kind === 'partition' && a.side === 0b010);
    s = step(model, s, (a) => a.kind === 'crash' && a.node === 1);
    expect(model.describeState!(s)).toEqual({
      time: 0,
      clocks: 'client=0 left=0 right=0',
      nodes: { client: 'got c', 'left (down)': 'idle', right: 'idle' },
      partition: '{client,right} | {left}',
      network: { 'B client→left': '2× in flight' },
      timers: { 'client t': 'at 1' },
      history: { '#0': 'c0 7 at client [0, 0] → done' },
      'faults left': 0,
    });
    expect(lines()).toContain('restart left');
    expect(lines()).toContain('heal');
    s = step(model, s, (a) => a.kind === 'heal');
    expect(lines()).toContain('deliver B client→left (left is down: lost)');
  });

  it('names nodes in contract errors too', () => {
    const model = toy({ describeNodeId: (node) => ['x', 'y', 'z'][node]!, onRequest: (s, req, ctx) => (ctx.reply(req.op + 1, 'no'), s) });
    expect(() => model.next(model.init()[0]!, { kind: 'invoke', client: 0, op: 0 })).toThrow('x replied to unknown operation 1');
  });

  it('rejects names that are empty or not distinct', () => {
    const twice = (node: number) => ['a', 'b', 'a'][node]!;
    expect(() => toy({ describeNodeId: twice })).toThrow(ModelContractError);
    expect(() => toy({ describeNodeId: twice })).toThrow('describeNodeId names nodes 0 and 2 both "a"');
    expect(() => toy({ describeNodeId: () => '' })).toThrow('describeNodeId(0) must return a non-empty string');
  });

  it('only changes the view: naming nodes leaves the state space and every state as it was', () => {
    const spec = { faults: { budget: 1, drop: true, crash: true }, clock: { horizon: 1 } } as const;
    const plain = bfs(toy(spec));
    const named = bfs(toy({ ...spec, describeNodeId: (node) => `node-${node}` }));
    expect(named.distinctStates).toBe(plain.distinctStates);
  });

  it('renders a counterexample with named nodes and message-level network changes', () => {
    const model = toy({ describeNodeId: (node) => ['client', 'left', 'right'][node]!, properties: () => [{ name: 'never done', kind: 'always', check: (s) => s.ops[0]?.ret === undefined }] });
    const result = bfs(model);
    const cx = result.properties.find((p) => p.name === 'never done')!.counterexample!;
    const text = renderCounterexample(model, cx).join('\n');
    expect(text).toContain('deliver A client→left');
    expect(text).toContain('network.C left→client: + in flight');
    expect(text).toContain('client answers c0 7 → done');
    expect(text).not.toMatch(/network\[\d+\]|\bn\d\b/);
  });
});
