import { ModelContractError } from '../core/errors.ts';
import type { Model } from '../core/model.ts';
import { makeContext, type Context, type Effects } from './context.ts';
import { crashableNodes, describePartition, partitionSides, separated } from './faults.ts';
import { candidates, describeNetwork, distinctMessages, enqueue, removeAt } from './network.ts';
import type { Observer, SystemSpec } from './spec.ts';
import type { ClientHistory, ClientOperation, Envelope, NodeId, OpSlot, SystemAction, SystemState, Timer } from './types.ts';

/** A workload operation, flattened: its client, coordinator and input. */
export interface PlannedOperation<I> {
  readonly id: number;
  readonly client: number;
  readonly node: NodeId;
  readonly input: I;
}

/** A compiled system: a kernel model that is also an observer of its own states. */
export interface SystemModel<S, M, I, O> extends Model<SystemState<S, M, O>, SystemAction<M>>, Observer<S, M, I, O> {
  /** The spec it was compiled from. */
  readonly spec: SystemSpec<S, M, I, O>;
  /** Every workload operation, client-major; an operation's id is its index here. */
  readonly operations: readonly PlannedOperation<I>[];
}

type State<S, M, O> = SystemState<S, M, O>;

/**
 * Compiles a system spec into a kernel model. Actions: deliver a message, fire a due timer,
 * let a client invoke its next operation, advance time, drift a clock, and the faults the
 * spec allows within its budget (restart and heal are free).
 */
export function compileSystem<S, M, I, O>(spec: SystemSpec<S, M, I, O>): SystemModel<S, M, I, O> {
  const n = spec.nodes;
  if (!Number.isInteger(n) || n < 1 || n > 30) throw new ModelContractError(`a system needs 1 to 30 nodes, got ${n}`);
  const semantics = spec.network;
  const faults = spec.faults ?? { budget: 0 };
  const horizon = spec.clock?.horizon ?? 0;
  const skew = spec.clock?.skew ?? 0;
  const synchronous = spec.clock?.synchronous ?? false;
  const obsolete = spec.obsolete?.bind(spec);
  const sides = partitionSides(n, faults.partition);
  const crashable = crashableNodes(n, faults.crash);
  const durable = spec.durable ?? [];

  const operations: PlannedOperation<I>[] = [];
  const pipelined: boolean[] = [];
  const firstOp: number[] = [];
  spec.workload.forEach((script, client) => {
    firstOp.push(operations.length);
    for (const step of script) {
      if (!Number.isInteger(step.node) || step.node < 0 || step.node >= n) {
        throw new ModelContractError(`workload: client c${client} asks unknown node ${step.node}`);
      }
      operations.push({ id: operations.length, client, node: step.node, input: step.input });
      pipelined.push(step.pipelined === true);
    }
  });
  firstOp.push(operations.length);

  const showMsg = (m: M) => (spec.describeMessage ? spec.describeMessage(m) : JSON.stringify(m));
  const showIn = (i: I) => (spec.describeInput ? spec.describeInput(i) : JSON.stringify(i));
  const showOut = (o: O) => (spec.describeOutput ? spec.describeOutput(o) : JSON.stringify(o));

  // How traces and errors name a node: the spec's names (checked: non-empty, distinct) or n0, n1, ...
  const names = Array.from({ length: n }, (_, i) => (spec.describeNodeId ? spec.describeNodeId(i) : `n${i}`));
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') throw new ModelContractError(`describeNodeId(${i}) must return a non-empty string, got ${JSON.stringify(name)}`);
    const other = names.indexOf(name);
    if (other !== i) throw new ModelContractError(`describeNodeId names nodes ${other} and ${i} both "${name}"`);
  });
  const nm = (node: NodeId) => names[node] ?? `n${node}`;
  const showEnv = (e: Envelope<M>) => `${showMsg(e.msg)} ${nm(e.from)}→${nm(e.to)}`;

  const isUp = (s: State<S, M, O>, node: NodeId) => ((s.down >> node) & 1) === 0;
  const completed = (ops: readonly (OpSlot<O> | null)[]) => ops.reduce((k, slot) => (slot?.ret !== undefined ? k + 1 : k), 0);

  /** The state a node comes back with: its initial state with the durable fields kept. */
  const afterCrash = (node: NodeId, local: S): S => {
    const fresh = spec.init(node);
    if (durable.length === 0) return fresh;
    const kept: Record<string, unknown> = { ...(fresh as object) };
    for (const field of durable) kept[field] = (local as Record<string, unknown>)[field];
    return kept as S;
  };

  /** The next operation client `c` may invoke, or -1. */
  const nextOp = (ops: readonly (OpSlot<O> | null)[], c: number): number => {
    for (let id = firstOp[c]!; id < firstOp[c + 1]!; id++) {
      if (ops[id] === null) return id === firstOp[c] || ops[id - 1]!.ret !== undefined || pipelined[id] ? id : -1;
    }
    return -1;
  };

  /** Runs a handler on a node and applies its effects to `base`. */
  const run = (base: State<S, M, O>, node: NodeId, handler: (local: S, ctx: Context<M, O>) => S): State<S, M, O> => {
    const { ctx, effects } = makeContext<M, O>(node, n, base.time + base.offsets[node]!, nm);
    const local = handler(base.nodes[node]!, ctx);
    if (local === undefined) throw new ModelContractError(`a handler of ${nm(node)} returned undefined instead of the node's state`);
    return apply(base, node, local, effects);
  };

  const apply = (base: State<S, M, O>, node: NodeId, local: S, effects: Effects<M, O>): State<S, M, O> => {
    const nodes = base.nodes[node] === local ? base.nodes : base.nodes.map((s, i) => (i === node ? local : s));
    let timers = base.timers;
    if (effects.timers.length > 0) {
      const mine = new Map<string, number>();
      for (const t of base.timers) if (t.node === node) mine.set(t.name, t.at);
      for (const t of effects.timers) {
        if (t.at === null) mine.delete(t.name);
        else mine.set(t.name, t.at);
      }
      const own: Timer[] = [...mine.keys()].sort().map((name) => ({ node, name, at: mine.get(name)! }));
      const before = base.timers.filter((t) => t.node < node);
      const after = base.timers.filter((t) => t.node > node);
      timers = [...before, ...own, ...after];
    }
    let ops = base.ops;
    if (effects.replies.length > 0) {
      let done = completed(ops);
      const copy = ops.slice();
      for (const r of effects.replies) {
        const slot = copy[r.op];
        const planned = operations[r.op];
        if (planned === undefined || slot === undefined) throw new ModelContractError(`${nm(node)} replied to unknown operation ${r.op}`);
        if (planned.node !== node) throw new ModelContractError(`${nm(node)} replied to operation ${r.op}, which was sent to ${nm(planned.node)}`);
        if (slot === null || slot.ret !== undefined) continue; // not invoked yet, or already answered
        copy[r.op] = r.error !== undefined ? { call: slot.call, ret: done++, error: r.error } : { call: slot.call, ret: done++, output: r.output as O };
      }
      ops = copy;
    }
    return { ...base, nodes, net: enqueue(base.net, effects.sends, semantics), timers, ops };
  };

  const localClock = (s: State<S, M, O>, node: NodeId) => s.time + s.offsets[node]!;

  const histories = new WeakMap<object, ClientHistory<I, O>>();
  const history = (s: State<S, M, O>): ClientHistory<I, O> => {
    let h = histories.get(s.ops);
    if (h === undefined) {
      const list: ClientOperation<I, O>[] = [];
      s.ops.forEach((slot, id) => {
        if (slot === null) return;
        const p = operations[id]!;
        list.push({
          id,
          client: p.client,
          node: p.node,
          input: p.input,
          call: slot.call,
          ...(slot.ret !== undefined ? { return: slot.ret } : {}),
          ...(slot.output !== undefined ? { output: slot.output } : {}),
          ...(slot.error !== undefined ? { error: slot.error } : {}),
        });
      });
      h = list;
      histories.set(s.ops, h);
    }
    return h;
  };

  /** The bounds this compiled system fixes, for `holds` verdicts: clients, network, faults, time. */
  function describeBounds(): string {
    const clients = spec.workload.map((script, c) => `c${c}: ${script.map((step) => `${showIn(step.input)} at ${nm(step.node)}`).join(', ')}`);
    const kinds = [
      faults.drop && 'drop',
      faults.duplicate && 'duplicate',
      faults.crash && (Array.isArray(faults.crash) ? `crash of ${faults.crash.map(nm).join('/')}` : 'crash'),
      faults.partition && 'partition',
    ].filter(Boolean);
    const faultText = faults.budget > 0 && kinds.length > 0 ? `at most ${faults.budget} fault${faults.budget === 1 ? '' : 's'} (${kinds.join(', ')})` : 'no faults';
    const time = `time 0..${horizon}${skew > 0 ? `, clock skew <= ${skew}` : ''}${synchronous ? ', bounded delay' : ''}`;
    return `${n} nodes, ${semantics} network, ${faultText}, ${time}; workload ${clients.join(' | ')}`;
  }

  const tick: SystemAction<M> = { kind: 'tick' };
  const heal: SystemAction<M> = { kind: 'heal' };

  const model: SystemModel<S, M, I, O> = {
    spec,
    operations,
    history,
    isUp,
    properties: [],
    bounds: describeBounds(),

    init: () => [
      {
        nodes: Array.from({ length: n }, (_, i) => spec.init(i)),
        down: 0,
        net: [],
        timers: [],
        time: 0,
        offsets: new Array<number>(n).fill(0),
        partition: 0,
        budget: faults.budget,
        ops: new Array<OpSlot<O> | null>(operations.length).fill(null),
      },
    ],

    actions(s) {
      const enabled: SystemAction<M>[] = [];
      for (const i of candidates(s.net, semantics)) {
        const env = s.net[i]!;
        if (!separated(s.partition, env.from, env.to)) enabled.push({ kind: 'deliver', at: i, env });
      }
      for (const t of s.timers) if (localClock(s, t.node) >= t.at) enabled.push({ kind: 'timer', node: t.node, name: t.name });
      for (let c = 0; c < spec.workload.length; c++) {
        const op = nextOp(s.ops, c);
        if (op >= 0) enabled.push({ kind: 'invoke', client: c, op });
      }
      // Under bounded delay, a deliverable message must arrive before the clock moves on.
      if (s.time < horizon && !(synchronous && enabled.some((a) => a.kind === 'deliver'))) enabled.push(tick);
      for (let node = 0; node < n; node++) if (s.offsets[node]! < skew) enabled.push({ kind: 'drift', node });
      if (s.budget > 0) {
        if (faults.drop) for (const i of distinctMessages(s.net)) enabled.push({ kind: 'drop', at: i, env: s.net[i]! });
        if (faults.duplicate) for (const i of distinctMessages(s.net)) enabled.push({ kind: 'duplicate', at: i, env: s.net[i]! });
        if (crashable) for (let node = 0; node < n; node++) if ((crashable >> node) & 1 && isUp(s, node)) enabled.push({ kind: 'crash', node });
        if (s.partition === 0) for (const side of sides) enabled.push({ kind: 'partition', side });
      }
      for (let node = 0; node < n; node++) if (!isUp(s, node)) enabled.push({ kind: 'restart', node });
      if (s.partition !== 0) enabled.push(heal);
      return enabled;
    },

    next(s, a) {
      const after = step(s, a);
      if (!obsolete || after.net.length === 0) return after;
      const live = after.net.filter((e) => !obsolete(e.msg, e.from, e.to, after.nodes));
      return live.length === after.net.length ? after : { ...after, net: live };
    },

    describeAction(a, s) {
      const line = describeBare(a, s);
      if (a.kind !== 'deliver' && a.kind !== 'timer' && a.kind !== 'invoke' && a.kind !== 'restart' && a.kind !== 'crash') return line;
      // Name the responses this step produced: they are what a history property judges.
      const after = model.next(s, a);
      const answers: string[] = [];
      after.ops.forEach((slot, id) => {
        if (slot?.ret === undefined || s.ops[id]?.ret !== undefined) return;
        const p = operations[id]!;
        const result = slot.error !== undefined ? `error: ${slot.error}` : showOut(slot.output as O);
        answers.push(`${nm(p.node)} answers c${p.client} ${showIn(p.input)} → ${result}`);
      });
      return answers.length > 0 ? `${line}; ${answers.join('; ')}` : line;
    },

    describeState(s) {
      // Collections are keyed by what they hold, not by position, so a trace's diff of two
      // states shows exactly what a step added and removed; empty ones are left out.
      const view: Record<string, unknown> = {};
      if (horizon > 0) view['time'] = s.time;
      if (skew > 0) view['clocks'] = s.offsets.map((o, i) => `${nm(i)}=${s.time + o}`).join(' ');
      view['nodes'] = Object.fromEntries(
        s.nodes.map((local, i) => [`${nm(i)}${isUp(s, i) ? '' : ' (down)'}`, spec.describeNode ? spec.describeNode(local, i) : local]),
      );
      if (s.partition !== 0) view['partition'] = describePartition(n, s.partition, nm);
      if (s.net.length > 0) view['network'] = describeNetwork(s.net, showEnv);
      if (s.timers.length > 0) view['timers'] = Object.fromEntries(s.timers.map((t) => [`${nm(t.node)} ${t.name}`, `at ${t.at}`]));
      const ops = history(s);
      if (ops.length > 0) {
        view['history'] = Object.fromEntries(
          ops.map((op) => {
            const end = op.return === undefined ? 'pending' : op.error !== undefined ? `error: ${op.error}` : showOut(op.output as O);
            return [`#${op.id}`, `c${op.client} ${showIn(op.input)} at ${nm(op.node)} [${op.call}, ${op.return ?? '∞'}] → ${end}`];
          }),
        );
      }
      if (faults.budget > 0) view['faults left'] = s.budget;
      return view;
    },
  };

  /** The successor before obsolete messages are swept. */
  function step(s: State<S, M, O>, a: SystemAction<M>): State<S, M, O> {
    switch (a.kind) {
      case 'deliver': {
        const base = { ...s, net: removeAt(s.net, a.at) };
        const { from, to, msg } = a.env;
        if (!isUp(s, to) || !spec.onMessage) return base; // a crashed node loses what arrives
        return run(base, to, (local, ctx) => spec.onMessage!(local, msg, from, ctx));
      }
      case 'timer': {
        const base = { ...s, timers: s.timers.filter((t) => !(t.node === a.node && t.name === a.name)) };
        if (!spec.onTimer) return base;
        return run(base, a.node, (local, ctx) => spec.onTimer!(local, a.name, ctx));
      }
      case 'invoke': {
        const ops = s.ops.slice();
        ops[a.op] = { call: completed(s.ops) };
        const base = { ...s, ops };
        const p = operations[a.op]!;
        if (!isUp(s, p.node)) return base; // nobody answers: pending forever
        return run(base, p.node, (local, ctx) => spec.onRequest(local, { op: a.op, client: p.client, input: p.input }, ctx));
      }
      case 'tick':
        return { ...s, time: s.time + 1 };
      case 'drift':
        return { ...s, offsets: s.offsets.map((o, i) => (i === a.node ? o + 1 : o)) };
      case 'drop':
        return { ...s, net: removeAt(s.net, a.at), budget: s.budget - 1 };
      case 'duplicate':
        return { ...s, net: enqueue(s.net, [a.env], semantics), budget: s.budget - 1 };
      case 'crash': {
        let after: State<S, M, O> = {
          ...s,
          nodes: s.nodes.map((local, i) => (i === a.node ? afterCrash(i, local) : local)),
          down: s.down | (1 << a.node),
          timers: s.timers.filter((t) => t.node !== a.node),
          budget: s.budget - 1,
        };
        if (spec.onPeerCrash) {
          for (let node = 0; node < n; node++) {
            if (isUp(after, node)) after = run(after, node, (local, ctx) => spec.onPeerCrash!(local, a.node, ctx));
          }
        }
        return after;
      }
      case 'restart': {
        const base = { ...s, down: s.down & ~(1 << a.node) };
        if (!spec.onRestart) return base;
        return run(base, a.node, (local, ctx) => spec.onRestart!(local, ctx));
      }
      case 'partition':
        return { ...s, partition: a.side, budget: s.budget - 1 };
      case 'heal':
        return { ...s, partition: 0 };
    }
  }

  function describeBare(a: SystemAction<M>, s: State<S, M, O>): string {
    switch (a.kind) {
      case 'deliver':
        return `deliver ${showEnv(a.env)}${isUp(s, a.env.to) ? '' : ` (${nm(a.env.to)} is down: lost)`}`;
      case 'timer':
        return `${nm(a.node)} timer ${a.name} fires`;
      case 'invoke': {
        const p = operations[a.op]!;
        return `c${a.client} invokes ${showIn(p.input)} at ${nm(p.node)}${isUp(s, p.node) ? '' : ` (${nm(p.node)} is down)`}`;
      }
      case 'tick':
        return `time ${s.time}→${s.time + 1}`;
      case 'drift':
        return `${nm(a.node)} clock +1`;
      case 'drop':
        return `drop ${showEnv(a.env)}`;
      case 'duplicate':
        return `duplicate ${showEnv(a.env)}`;
      case 'crash':
        return `crash ${nm(a.node)}`;
      case 'restart':
        return `restart ${nm(a.node)}`;
      case 'partition':
        return `partition ${describePartition(n, a.side, nm)}`;
      case 'heal':
        return 'heal';
    }
  }

  const properties = spec.properties ? spec.properties(model) : [];
  return Object.assign(model, { properties });
}
