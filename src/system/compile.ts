import { ModelContractError } from '../core/errors.ts';
import { fingerprintHex } from '../core/fingerprint.ts';
import type { Model } from '../core/model.ts';
import { makeContext, type Context, type Topology } from './context.ts';
import { describeSystemState, describeValue, envelopeLine, type Printer } from './describe.ts';
import { drift, faultConfig, separated, type Fault, type Wiring } from './faults/index.ts';
import { isBuiltInKind } from './faults/kind.ts';
import { answer, completed, planWorkload, type PlannedOperation } from './history.ts';
import { systemCommuting } from './commuting.ts';
import { candidates, enqueue, removeAt } from './network.ts';
import type { Observer, SystemSpec } from './spec.ts';
import { makeSymmetry, neighbourSwaps, type Symmetry } from './symmetry.ts';
import { sameTimer, updateTimers } from './timers.ts';
import type { Envelope, FaultAction, NodeId, OpSlot, StepAction, SystemAction, SystemState } from './types.ts';

export type { PlannedOperation } from './history.ts';

/** A compiled system: a kernel model that is also an observer of its own states. */
export interface SystemModel<S, M, I, O, T = unknown> extends Model<SystemState<S, M, O, T>, SystemAction<M, T>>, Observer<S, M, I, O, T> {
  /** The spec it was compiled from. */
  readonly spec: SystemSpec<S, M, I, O, T>;
  /** Every workload operation, client-major; an operation's id is its index here. */
  readonly operations: readonly PlannedOperation<I>[];
  /** Whether an action is the adversary's: one of the wired fault kinds' injections or repairs. */
  isFault(action: SystemAction<M, T>): boolean;
  /** The declared symmetry, when the spec declares one with a group of two or more nodes (its representative is `canonical`). */
  readonly symmetry?: Symmetry<S, M, O, T>;
}

/**
 * Compiles a node-indexed spec into a kernel model: the wiring of the network (delivery under
 * receive guards and partitions), the clock (ticks, bounded delay), the workload's history, the
 * handlers' effects and the fault kinds (`faults/`), which alone say what is a fault.
 */
export function compileSystem<S, M, I, O, T = string>(spec: SystemSpec<S, M, I, O, T>): SystemModel<S, M, I, O, T> {
  type State = SystemState<S, M, O, T>;
  const n = spec.nodes;
  if (!Number.isInteger(n) || n < 1 || n > 30) throw new ModelContractError(`a system needs 1 to 30 nodes, got ${n}`);
  const semantics = spec.network;
  const horizon = spec.clock?.horizon ?? 0;
  const skew = spec.clock?.skew ?? 0;
  const synchronous = spec.clock?.synchronous ?? false;
  const forTimers = spec.clock?.forTimersOnly ?? false;
  const obsolete = spec.obsolete?.bind(spec);
  const defer = spec.defer?.bind(spec);

  const names = nodeNames(n, spec.describeNodeId?.bind(spec));
  const name = (node: NodeId) => names[node] ?? `n${node}`;
  const everyNode = [...Array(n).keys()];
  const declared = spec.durable ?? [];
  const durableOf: readonly (readonly string[])[] = everyNode.map((node) => (typeof declared === 'function' ? declared(node) : declared));
  const topology: Topology = { size: n, name, nodesOf: (role) => (spec.nodesOf ? spec.nodesOf(role) : everyNode) };
  const resolve = (node: NodeId | string, where: string): NodeId => {
    const id = typeof node === 'string' ? names.indexOf(node) : node;
    if (!Number.isInteger(id) || id < 0 || id >= n) throw new ModelContractError(`${where} names unknown node ${JSON.stringify(node)}`);
    return id;
  };
  const print: Printer<S, M, I, O, T> = {
    name,
    message: (m) => (spec.describeMessage ? spec.describeMessage(m) : JSON.stringify(m)),
    timer: (t) => (spec.describeTimer ? spec.describeTimer(t) : describeValue(t)),
    input: (i) => (spec.describeInput ? spec.describeInput(i) : JSON.stringify(i)),
    output: (o) => (spec.describeOutput ? spec.describeOutput(o) : JSON.stringify(o)),
    node: (local, i) => (spec.describeNode ? spec.describeNode(local, i) : local),
  };
  const plan = planWorkload<I, O>(spec.workload, resolve);
  const config = faultConfig(spec.faults);
  // A fault kind from elsewhere may keep fields of its own in the state: then successors are spread.
  const withParts = config.kinds.every(isBuiltInKind) ? withKnownParts : withAllParts;
  const operations = plan.operations;

  const isUp = (s: State, node: NodeId) => ((s.down >> node) & 1) === 0;
  const symmetry = declaredSymmetry();
  let startChecked = false;
  // The last successor a step built and what its handler sent: the footprint partial-order reduction reads.
  let stepped: State | undefined;
  let stepSends: readonly Envelope<M>[] = [];
  const recorded = (after: State, sends: readonly Envelope<M>[]): State => {
    stepped = after;
    stepSends = sends;
    return after;
  };
  /** Initial states: built without a sweep, so obsolete messages may still be in flight there. */
  const unswept = new WeakSet<State>();

  /** A node's own clock: global time plus its drift. */
  const localClock = (s: State, node: NodeId) => s.time + s.offsets[node]!;
  /**
   * Runs a handler on a node and applies its effects (sends, timers, answers) to the parts given,
   * building the successor in one object. With `sweep`, obsolete messages leave the network too.
   */
  const runOn = (
    s: State,
    node: NodeId,
    handler: (local: S, ctx: Context<M, O, T>) => S,
    net: readonly Envelope<M>[],
    timers: State['timers'],
    ops: State['ops'],
    sweep: boolean,
  ): State => {
    const ctx = makeContext<M, O, T>(node, localClock(s, node), topology);
    const before = s.nodes[node]!;
    const local = handler(before, ctx);
    if (local === undefined) throw new ModelContractError(`a handler of ${name(node)} returned undefined instead of the node's state`);
    const nodes = before === local ? s.nodes : replaceAt(s.nodes, node, local);
    const sent = enqueue(net, ctx.sends, semantics);
    return recorded(withParts(s, nodes, sweep ? live(sent, nodes) : sent, updateTimers(timers, node, ctx.timers), answer(ops, ctx.replies, node, operations, name)), ctx.sends);
  };
  /** Runs a handler on a node of `base` (at the start, or inside a fault's effect: no sweep). */
  const run = (base: State, node: NodeId, handler: (local: S, ctx: Context<M, O, T>) => S): State => runOn(base, node, handler, base.net, base.timers, base.ops, false);
  /** The network without the messages that can have no effect any more (the same array when none). */
  const live = (net: readonly Envelope<M>[], nodes: readonly S[]): readonly Envelope<M>[] => {
    if (!obsolete || net.length === 0) return net;
    const kept = net.filter((e) => !obsolete(e.msg, e.from, e.to, nodes));
    return kept.length === net.length ? net : kept;
  };
  /** A successor built whole (a tick, a fault) with obsolete messages swept. */
  const swept = (after: State): State => {
    const net = live(after.net, after.nodes);
    return net === after.net ? after : withParts(after, after.nodes, net, after.timers, after.ops);
  };

  const wiring: Wiring<S, M, O, T> = {
    size: n,
    semantics,
    name,
    resolve,
    describeEnvelope: (env) => envelopeLine(env, print),
    isUp,
    afterCrash(node, local) {
      const fresh = spec.init(node);
      const durable = durableOf[node]!;
      if (durable.length === 0) return fresh;
      const kept: Record<string, unknown> = { ...(fresh as object) };
      for (const field of durable) kept[field] = (local as Record<string, unknown>)[field];
      return kept as S;
    },
    run,
    ...(spec.onPeerCrash ? { onPeerCrash: spec.onPeerCrash.bind(spec) } : {}),
    ...(spec.onRestart ? { onRestart: spec.onRestart.bind(spec) } : {}),
  };
  const faults: Fault<S, M, O, T>[] = [...(skew > 0 ? [drift(skew)] : []), ...config.kinds].map((kind) => kind.wire(wiring));
  const faultOf = new Map<string, Fault<S, M, O, T>>();
  for (const fault of faults) for (const kind of [...fault.injects, ...fault.undoes]) faultOf.set(kind, fault);
  const spending = new Set(faults.flatMap((f) => (f.spends ? f.injects : [])));

  const deliverable = (s: State, at: number): boolean => {
    const { from, to, msg } = s.net[at]!;
    if (separated(s.partition, from, to)) return false;
    return !(defer && isUp(s, to) && defer(s.nodes[to]!, msg, from, to));
  };

  const tick: StepAction<M, T> = { kind: 'tick' };

  const model: SystemModel<S, M, I, O, T> = {
    spec,
    operations,
    history: (s) => plan.history(s.ops),
    isUp,
    nodeName: name,
    isFault: (a) => faultOf.has(a.kind),
    properties: [],
    bounds: describeBounds(),
    ...(symmetry ? { symmetry, canonical: symmetry.representative, fingerprint: symmetry.fingerprint } : {}),
    // A fault kind from elsewhere may keep state the layer cannot see a step leave alone.
    ...(config.kinds.every(isBuiltInKind)
      ? {
          commuting: systemCommuting<S, M, O, T>({
            size: n,
            coordinators: operations.map((op) => op.node),
            sweeps: obsolete !== undefined,
            lastStep: () => stepped,
            lastSends: () => stepSends,
            unswept: (s) => unswept.has(s),
          }),
        }
      : {}),

    init() {
      let start: State = {
        nodes: Array.from({ length: n }, (_, i) => spec.init(i)),
        down: 0,
        net: [],
        timers: [],
        time: 0,
        offsets: new Array<number>(n).fill(0),
        partition: 0,
        budget: config.budget,
        ops: new Array<OpSlot<O> | null>(operations.length).fill(null),
      };
      // onStart runs on every node in turn, its effects applied as a step's are.
      if (spec.onStart) for (let node = 0; node < n; node++) start = run(start, node, (local, ctx) => spec.onStart!(local, ctx));
      // Checked once: the start and its first steps are the same for every init() call.
      if (symmetry && !startChecked) {
        expectSymmetricStart(start, symmetry, name, model);
        startChecked = true;
      }
      unswept.add(start);
      return [start];
    },

    actions(s) {
      const enabled: SystemAction<M, T>[] = [];
      for (const at of candidates(s.net, semantics)) if (deliverable(s, at)) enabled.push({ kind: 'deliver', at, env: s.net[at]! });
      for (const t of s.timers) if (localClock(s, t.node) >= t.at) enabled.push({ kind: 'timer', node: t.node, timer: t.timer });
      for (let c = 0; c < spec.workload.length; c++) {
        const op = plan.nextOp(s.ops, c);
        if (op >= 0) enabled.push({ kind: 'invoke', client: c, op });
      }
      // Under bounded delay, a deliverable message must arrive before the clock moves on.
      // With forTimersOnly, time moves only to bring a timer due, never past a due one.
      const timersWait = !forTimers || (s.timers.length > 0 && !enabled.some((a) => a.kind === 'timer'));
      if (s.time < horizon && !(synchronous && enabled.some((a) => a.kind === 'deliver')) && timersWait) enabled.push(tick);
      for (const fault of faults) if (!fault.spends || s.budget > 0) for (const a of fault.enabled(s)) enabled.push(a);
      for (const fault of faults) if (fault.repairs) for (const a of fault.repairs(s)) enabled.push(a);
      return enabled;
    },

    next: (s, a) => step(s, a),

    describeAction(a, s) {
      const line = describeBare(a, s);
      // Name the responses this step produced: they are what a history property judges.
      const after = model.next(s, a);
      if (after.ops === s.ops) return line;
      const answers: string[] = [];
      after.ops.forEach((slot, id) => {
        if (slot?.ret === undefined || s.ops[id]?.ret !== undefined) return;
        const p = operations[id]!;
        const result = slot.error !== undefined ? `error: ${slot.error}` : print.output(slot.output as O);
        answers.push(`${name(p.node)} answers c${p.client} ${print.input(p.input)} → ${result}`);
      });
      return answers.length > 0 ? `${line}; ${answers.join('; ')}` : line;
    },

    describeState: (s) => describeSystemState(s, plan.history(s.ops), print, { time: horizon > 0, clocks: skew > 0, budget: config.budget > 0 }),
  };

  /** The successor, obsolete messages swept; a handler's step is built in one object. */
  function step(s: State, a: SystemAction<M, T>): State {
    switch (a.kind) {
      case 'deliver': {
        const net = removeAt(s.net, a.at);
        const { from, to, msg } = a.env;
        // A crashed node loses what arrives.
        if (!isUp(s, to) || !spec.onMessage) return recorded(withParts(s, s.nodes, live(net, s.nodes), s.timers, s.ops), NO_SENDS);
        return runOn(s, to, (local, ctx) => spec.onMessage!(local, msg, from, ctx), net, s.timers, s.ops, true);
      }
      case 'timer': {
        const timers = s.timers.filter((t) => !(t.node === a.node && sameTimer(t.timer, a.timer)));
        if (!spec.onTimer) return recorded(withParts(s, s.nodes, live(s.net, s.nodes), timers, s.ops), NO_SENDS);
        return runOn(s, a.node, (local, ctx) => spec.onTimer!(local, a.timer, ctx), s.net, timers, s.ops, true);
      }
      case 'invoke': {
        const ops = s.ops.slice();
        ops[a.op] = { call: completed(s.ops) };
        const p = operations[a.op]!;
        if (!isUp(s, p.node)) return recorded(withParts(s, s.nodes, live(s.net, s.nodes), s.timers, ops), NO_SENDS); // nobody answers: pending forever
        return runOn(s, p.node, (local, ctx) => spec.onRequest(local, { op: a.op, client: p.client, input: p.input }, ctx), s.net, s.timers, ops, true);
      }
      case 'tick':
        return swept({ ...s, time: s.time + 1 });
      default: {
        const fault = faultOf.get(a.kind)!;
        const after = fault.apply(s, a);
        return swept(spending.has(a.kind) ? { ...after, budget: after.budget - 1 } : after);
      }
    }
  }

  function describeBare(a: SystemAction<M, T>, s: State): string {
    switch (a.kind) {
      case 'deliver':
        return `deliver ${envelopeLine(a.env, print)}${isUp(s, a.env.to) ? '' : ` (${name(a.env.to)} is down: lost)`}`;
      case 'timer':
        return `${name(a.node)} timer ${print.timer(a.timer)} fires`;
      case 'invoke': {
        const p = operations[a.op]!;
        return `c${a.client} invokes ${print.input(p.input)} at ${name(p.node)}${isUp(s, p.node) ? '' : ` (${name(p.node)} is down)`}`;
      }
      case 'tick':
        return `time ${s.time}→${s.time + 1}`;
      default:
        return faultOf.get(a.kind)!.line(a as FaultAction<M>, s);
    }
  }

  /** The bounds this compiled system fixes, for `holds` verdicts: nodes, network, faults, time, workload. */
  function describeBounds(): string {
    const clients = spec.workload.map((script, c) => `c${c}: ${script.map((step) => `${print.input(step.input)} at ${name(resolve(step.node, 'workload'))}`).join(', ')}`);
    const budgeted = faults.filter((f) => f.spends).map((f) => f.bound);
    const faultText = config.budget > 0 && budgeted.length > 0 ? `at most ${config.budget} fault${config.budget === 1 ? '' : 's'} (${budgeted.join(', ')})` : 'no faults';
    // Without a horizon no tick is ever enabled, so bounded delay constrains nothing.
    const time = horizon > 0 ? [`time 0..${horizon}`, ...(synchronous ? ['bounded delay'] : [])] : ['time stays 0'];
    const clock = [...time, ...faults.filter((f) => !f.spends).map((f) => f.bound)];
    const symmetric = symmetry ? `; ${symmetry.bound}` : '';
    const workload = clients.length > 0 ? `workload ${clients.join(' | ')}` : 'no workload';
    return `${n} node${n === 1 ? '' : 's'}, ${semantics} network, ${faultText}, ${clock.join(', ')}; ${workload}${symmetric}`;
  }

  /** The spec's symmetry, checked against the workload and the fault kinds (undefined when no group has two nodes). */
  function declaredSymmetry(): Symmetry<S, M, O, T> | undefined {
    if (!spec.symmetry) return undefined;
    if (!config.kinds.every(isBuiltInKind)) throw new ModelContractError('symmetry: a fault kind from outside the layer keeps state of its own, which the layer cannot relabel');
    const coordinators = new Set(operations.map((op) => op.node));
    const made = makeSymmetry<S, M, O, T>(spec.symmetry, n, semantics, coordinators, name);
    return made.groups.length > 0 ? made : undefined;
  }

  const properties = spec.properties ? spec.properties(model) : [];
  return Object.assign(model, { properties });
}

/** What a step that runs no handler sent. */
const NO_SENDS: readonly never[] = [];

/** Builds `{ ...s, nodes, net, timers, ops }`. */
type WithParts = <S, M, O, T>(
  s: SystemState<S, M, O, T>,
  nodes: readonly S[],
  net: readonly Envelope<M>[],
  timers: SystemState<S, M, O, T>['timers'],
  ops: SystemState<S, M, O, T>['ops'],
) => SystemState<S, M, O, T>;

/**
 * For a state of `SystemState`'s fields alone, written out: the same fields in the same order
 * (the optional `unnoticed` last, only when present), built by one literal of a fixed shape. The
 * spread took 13% of a system model's CPU in the hot path.
 */
const withKnownParts: WithParts = (s, nodes, net, timers, ops) => {
  const { down, time, offsets, partition, budget, unnoticed } = s;
  if (unnoticed === undefined) return { nodes, down, net, timers, time, offsets, partition, budget, ops };
  return { nodes, down, net, timers, time, offsets, partition, budget, ops, unnoticed };
};

/** The spread itself: for a state that may hold fields a fault kind added. */
const withAllParts: WithParts = (s, nodes, net, timers, ops) => ({ ...s, nodes, net, timers, ops });

/** A copy of `items` with `item` at `index`. */
function replaceAt<X>(items: readonly X[], index: number, item: X): readonly X[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

/**
 * The initial state must be its own image under every swap within a group, and so must the set of
 * its successors (a fault kind restricted to some members, such as `crash({ nodes })` or partition
 * sides, shows there), or the groups are not interchangeable. The rest is `expectSymmetric`'s.
 */
function expectSymmetricStart<S, M, O, T>(
  start: SystemState<S, M, O, T>,
  symmetry: Symmetry<S, M, O, T>,
  name: (node: NodeId) => string,
  model: Model<SystemState<S, M, O, T>, SystemAction<M, T>>,
): void {
  const key = fingerprintHex(start);
  const successors = model.actions(start).map((action) => model.next(start, action));
  const keys = (states: readonly SystemState<S, M, O, T>[]) => states.map((s) => fingerprintHex(s)).sort().join();
  const plain = keys(successors);
  for (const { a, b, permutation } of neighbourSwaps(symmetry.groups, start.nodes.length)) {
    const fail = (what: string) => new ModelContractError(`symmetry: ${name(a)} and ${name(b)} are not interchangeable: swapping them changes ${what}`);
    if (fingerprintHex(symmetry.relabel(start, permutation)) !== key) throw fail('the initial state');
    if (keys(successors.map((s) => symmetry.relabel(s, permutation))) !== plain) throw fail("the initial state's successors (a fault kind or handler treats them apart)");
  }
}

/** The nodes' names in traces: the spec's (checked: non-empty, distinct) or n0, n1, ... */
function nodeNames(n: number, describe: ((node: NodeId) => string) | undefined): string[] {
  const names = Array.from({ length: n }, (_, i) => (describe ? describe(i) : `n${i}`));
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') throw new ModelContractError(`describeNodeId(${i}) must return a non-empty string, got ${JSON.stringify(name)}`);
    const other = names.indexOf(name);
    if (other !== i) throw new ModelContractError(`describeNodeId names nodes ${other} and ${i} both "${name}"`);
  });
  return names;
}
