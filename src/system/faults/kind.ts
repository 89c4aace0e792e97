import type { Context } from '../context.ts';
import type { NetworkSemantics } from '../network.ts';
import type { Envelope, FaultAction, NodeId, SystemState } from '../types.ts';

/**
 * What a fault kind sees of the compiled system it is wired into: its size and names, its
 * network, and how to run a node's handler (for kinds whose effect calls one, such as crash
 * and restart).
 */
export interface Wiring<S, M, O, T> {
  /** Number of nodes. */
  readonly size: number;
  readonly semantics: NetworkSemantics;
  /** A node's name in traces. */
  name(node: NodeId): string;
  /** A message in flight as a trace line: `Write(op=0) n0→n1`. */
  describeEnvelope(env: Envelope<M>): string;
  /** A node id from its id or name; throws a contract error naming `where` when there is no such node. */
  resolve(node: NodeId | string, where: string): NodeId;
  isUp(state: SystemState<S, M, O, T>, node: NodeId): boolean;
  /** The state a node comes back with after a crash: its initial state with its durable fields kept. */
  afterCrash(node: NodeId, local: S): S;
  /** Runs a handler on a node and applies its effects. */
  run(state: SystemState<S, M, O, T>, node: NodeId, handler: (local: S, ctx: Context<M, O, T>) => S): SystemState<S, M, O, T>;
  /** The nodes' optional hooks for faults: another node crashed; this node restarted. */
  readonly onPeerCrash?: (local: S, peer: NodeId, ctx: Context<M, O, T>) => S;
  readonly onRestart?: (local: S, ctx: Context<M, O, T>) => S;
}

/**
 * One kind of fault wired into a system. The common shape of every file in this folder:
 * - `enabled`: the injections possible in a state (asked only while the budget allows, for a kind that `spends`);
 * - `repairs`: the free actions that undo it (restart, heal), listed after every kind's injections;
 * - `apply`: what an action does (the layer takes the budget unit: that is not the kind's business);
 * - `line`: the action's line in a trace;
 * - `bound`: how the kind reads in a `holds` verdict's bounds line.
 */
export interface Fault<S, M, O, T> {
  readonly name: string;
  /** The action kinds this fault kind injects (each spends one unit of the budget if `spends`). */
  readonly injects: readonly FaultAction<M>['kind'][];
  /** The action kinds that undo it, free of charge. */
  readonly undoes: readonly FaultAction<M>['kind'][];
  /** Whether an injection spends the fault budget (clock drift is bounded by the skew instead). */
  readonly spends: boolean;
  enabled(state: SystemState<S, M, O, T>): FaultAction<M>[];
  repairs?(state: SystemState<S, M, O, T>): FaultAction<M>[];
  apply(state: SystemState<S, M, O, T>, action: FaultAction<M>): SystemState<S, M, O, T>;
  line(action: FaultAction<M>, state: SystemState<S, M, O, T>): string;
  readonly bound: string;
}

/** A fault kind as a system lists it (`drop()`, `crash({ nodes: ['b0'] })`): wired into a system when it is compiled. */
export interface FaultKind {
  readonly name: string;
  wire<S, M, O, T>(wiring: Wiring<S, M, O, T>): Fault<S, M, O, T>;
}

/** Faults a system allows: the kinds, and how many injections one run may make in total. */
export interface FaultConfig {
  readonly budget: number;
  readonly kinds: readonly FaultKind[];
}

/**
 * The kinds defined in this folder, which keep to the fields of `SystemState` (a kind written
 * elsewhere may add its own, as the partitioned log's isolation adds `expired`): while only these
 * are wired, the layer may build a successor field by field instead of spreading the whole state.
 */
const builtIn = new WeakSet<FaultKind>();

/** Marks a kind of this folder as keeping to `SystemState`'s fields. */
export function builtInKind(kind: FaultKind): FaultKind {
  builtIn.add(kind);
  return kind;
}

/** Whether a kind is one of this folder's (so it adds no field of its own to the state). */
export function isBuiltInKind(kind: FaultKind): boolean {
  return builtIn.has(kind);
}
