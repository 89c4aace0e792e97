import type { Property } from '../core/model.ts';
import type { Context, Request } from './context.ts';
import type { FaultConfig, FaultSpec } from './faults/index.ts';
import type { NetworkSemantics } from './network.ts';
import type { SymmetrySpec } from './symmetry.ts';
import type { ClientHistory, NodeId, SystemState, Workload } from './types.ts';

/** What a property sees of a run, besides the raw state. */
export interface Observer<S, M, I, O, T = unknown> {
  /** The history recorded in a state (memoised: cheap to call in every state). */
  history(state: SystemState<S, M, O, T>): ClientHistory<I, O>;
  /** Whether a node is up in a state. */
  isUp(state: SystemState<S, M, O, T>, node: NodeId): boolean;
  /** A node's name in traces (`n0`, or the role-based system's name such as `b0`). */
  nodeName(node: NodeId): string;
}

/**
 * A distributed system, node-indexed: the compiled intermediate form. Families write roles
 * (`roles.ts`: `defineRole`, `defineSystem`), which compile to this. Handlers over the node's
 * local state `S`, messages `M`, client inputs `I`, outputs `O` and timers `T` are pure: they
 * return the node's new state (never mutate the old one) and act only through `ctx`.
 */
export interface SystemSpec<S, M, I, O, T = string> {
  /** Number of nodes, n0 .. n(nodes-1) (named in traces by `describeNodeId`). */
  readonly nodes: number;
  /** Delivery order of the network. */
  readonly network: NetworkSemantics;
  /** A node's state at the start (and the base its durable part is laid over on a crash). */
  init(node: NodeId): S;
  /**
   * Fields of `S` that survive a crash; the rest is reset to `init`. Default: none. Either one list
   * for every node or, where nodes differ (roles), a list per node.
   */
  readonly durable?: readonly (keyof S & string)[] | ((node: NodeId) => readonly (keyof S & string)[]);
  /** A client invokes an operation on this node (its coordinator). */
  onRequest(state: S, request: Request<I>, ctx: Context<M, O, T>): S;
  /** A message is delivered. */
  onMessage?(state: S, msg: M, from: NodeId, ctx: Context<M, O, T>): S;
  /**
   * Receive guard: true leaves the message in flight, not deliverable while the node is in this
   * state (P's `defer`, SPIN's guarded receive). Under FIFO a deferred head holds back its link.
   * Not asked of a node that is down (what reaches it is lost). Default: accept everything.
   */
  defer?(state: S, msg: M, from: NodeId, to: NodeId): boolean;
  /** A timer fired (it is removed first; set it again to repeat). */
  onTimer?(state: S, timer: T, ctx: Context<M, O, T>): S;
  /**
   * Another node crashed: a perfect failure detector (like a ZooKeeper session watch), called
   * right after the crash on every node that is up. What the node does about it (e.g. a
   * controller electing a new leader) still travels as messages. Default: nothing.
   */
  onPeerCrash?(state: S, peer: NodeId, ctx: Context<M, O, T>): S;
  /** The node restarts after a crash, with its durable state over `init`. */
  onRestart?(state: S, ctx: Context<M, O, T>): S;
  /** Runs once on every node in the initial state, to set its first timers or send its first messages. Default: nothing. */
  onStart?(state: S, ctx: Context<M, O, T>): S;
  /**
   * Optional reduction: true when a message in flight can have no effect any more, now or
   * later, given the nodes' current states (e.g. an answer for an operation its coordinator
   * has finished, or a request whose answer would be such). The layer removes such messages
   * after every step, so states that differ only in dead messages are one state. Must be
   * sound: a message it calls obsolete would only ever be ignored. It may read only `nodes[from]`
   * and `nodes[to]` (partial-order reduction counts on it; a role-based system's view enforces it).
   */
  obsolete?(msg: M, from: NodeId, to: NodeId, nodes: readonly S[]): boolean;
  /**
   * Optional reduction: groups of interchangeable nodes (none named by the workload) and where node
   * ids hide in states, messages and timers. States that differ only by a renaming of the members of
   * a group are one state (the layer computes each orbit's representative; traces stay concrete).
   * Sound only if handlers, `obsolete` and properties treat the members alike; `expectSymmetric`
   * (test kit) checks that on sampled states.
   */
  readonly symmetry?: SymmetrySpec<S, M, T>;
  /** What each client invokes, in order. */
  readonly workload: Workload<I>;
  /** Faults: a budget and the kinds allowed (`faults/`), or the older flags. Default: none. */
  readonly faults?: FaultConfig | FaultSpec;
  /**
   * Time. `horizon`: global time advances by explicit ticks from 0 to this (0: time never moves,
   * so timers set with a positive delay never fire). `skew`: how far ahead of global time a
   * node's clock may drift, by explicit +1 steps. Both default to 0. `synchronous`: message
   * delay is bounded by one tick, so time does not advance while a message can be delivered
   * (only messages held by a partition outlast a tick); timeouts then mean a fault, not a
   * slow network. Default false (asynchronous: time may pass anytime). `forTimersOnly`: time
   * moves only while a timer is pending and none is due (for models that read the clock through timers alone,
   * so a run cannot spend its horizon before the operations that need it begin).
   */
  readonly clock?: { readonly horizon: number; readonly skew?: number; readonly synchronous?: boolean; readonly forTimersOnly?: boolean };
  /** The properties, built over an observer of histories and node status. */
  properties?(observer: Observer<S, M, I, O, T>): readonly Property<SystemState<S, M, O, T>>[];
  /** One short line for a message, e.g. `Write(v=1, ts=3)`. Default: JSON. */
  describeMessage?(msg: M): string;
  /** One short line for a timer, e.g. `retry(op=3)`. Default: a string as it is, else like a message. */
  describeTimer?(timer: T): string;
  /** One short line for a client input, e.g. `write 1`. Default: JSON. */
  describeInput?(input: I): string;
  /** One short line for a client output. Default: JSON. */
  describeOutput?(output: O): string;
  /** A readable view of a node's state for traces. Default: the state. */
  describeNode?(state: S, node: NodeId): unknown;
  /**
   * A node's name in traces, e.g. `b0` or `ctl`: used wherever the layer prints a node (actions,
   * the state view, history, partitions, errors). Names must be non-empty and distinct.
   * Default: `n0`, `n1`, ...
   */
  describeNodeId?(node: NodeId): string;
  /** The nodes of a role, for `ctx.nodes(role)` and workload names. Default: one role, every node. */
  nodesOf?(role?: string): readonly NodeId[];
}
