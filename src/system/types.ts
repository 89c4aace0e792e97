/**
 * The data a compiled system model keeps in each kernel state. Everything here is plain,
 * immutable data: the kernel fingerprints it, so whatever is stored here multiplies the
 * state space. Keep it minimal.
 */

/** A node's index, 0-based. Rendered as `n0`, `n1`, ..., or as the spec's `describeNodeId` names it. */
export type NodeId = number;

/** A message in flight from one node to another. Messages are plain data. */
export interface Envelope<M> {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: M;
}

/**
 * A pending timer: it may fire once the node's local clock reaches `at`. `timer` is the value the
 * node set (a typed value such as `{ type: 'retry', op: 3 }`, or a plain string); setting an equal
 * value again resets it.
 */
export interface PendingTimer<T> {
  readonly node: NodeId;
  readonly timer: T;
  /** Deadline on the node's local clock. */
  readonly at: number;
}

/**
 * What the state records of one invoked client operation. Times are logical "steps":
 * `call` is the number of operations completed before the invocation and `ret` the number
 * completed before this one's response. So A precedes B in real time exactly when
 * `A.ret < B.call`, and two interleavings with the same real-time order record the same slot.
 */
export interface OpSlot<O> {
  readonly call: number;
  /** Absent while the operation is pending. */
  readonly ret?: number;
  /** The response, when it completed without error. */
  readonly output?: O;
  /** The error it completed with, if any. */
  readonly error?: string;
}

/** The kernel state of a compiled system (`T`: the timers' type). */
export interface SystemState<S, M, O, T = unknown> {
  /** Each node's local state (while a node is down: its durable part over its initial state). */
  readonly nodes: readonly S[];
  /** Bit set of crashed nodes. */
  readonly down: number;
  /** Messages in flight, kept sorted (a canonical multiset, or per-link queues for FIFO). */
  readonly net: readonly Envelope<M>[];
  /** Pending timers, sorted by node then the timer's key. */
  readonly timers: readonly PendingTimer<T>[];
  /** Global time, from 0 up to the horizon. */
  readonly time: number;
  /** Each node's clock offset: local clock = time + offset, 0 <= offset <= skew. */
  readonly offsets: readonly number[];
  /** 0 when connected; otherwise the bit set of one side of the partition (never holding n0). */
  readonly partition: number;
  /** Faults still allowed. */
  readonly budget: number;
  /** Crashed nodes whose crash the others have not heard of yet (crash with delayed detection); absent when none. */
  readonly unnoticed?: number;
  /** One slot per workload operation (client-major order); null until invoked. */
  readonly ops: readonly (OpSlot<O> | null)[];
}

/** The scheduler's actions: deliver a message, fire a due timer, invoke a client operation, advance time. */
export type StepAction<M, T = unknown> =
  | { readonly kind: 'deliver'; readonly at: number; readonly env: Envelope<M> }
  | { readonly kind: 'timer'; readonly node: NodeId; readonly timer: T }
  | { readonly kind: 'invoke'; readonly client: number; readonly op: number }
  | { readonly kind: 'tick' };

/**
 * The adversary's actions, one group per fault kind under `faults/` (each file owns its members;
 * a new kind such as pause or disk loss adds its own here).
 */
export type FaultAction<M> =
  | { readonly kind: 'drift'; readonly node: NodeId }
  | { readonly kind: 'drop'; readonly at: number; readonly env: Envelope<M> }
  | { readonly kind: 'duplicate'; readonly at: number; readonly env: Envelope<M> }
  | { readonly kind: 'crash'; readonly node: NodeId }
  | { readonly kind: 'restart'; readonly node: NodeId }
  | { readonly kind: 'notice'; readonly node: NodeId }
  | { readonly kind: 'partition'; readonly side: number; readonly lasting?: true }
  | { readonly kind: 'heal' };

/** An action of a compiled system: scheduler choices and faults. */
export type SystemAction<M, T = unknown> = StepAction<M, T> | FaultAction<M>;

/** One client operation of a history, as property judges see it. */
export interface ClientOperation<I, O> {
  /** Index in the workload (client-major). */
  readonly id: number;
  readonly client: number;
  /** The node the client sent it to (its coordinator). */
  readonly node: NodeId;
  readonly input: I;
  /** Logical invocation step (see {@link OpSlot}). */
  readonly call: number;
  /** Logical response step; undefined while pending. */
  readonly return?: number;
  /** The response; undefined when pending or failed. */
  readonly output?: O;
  /** Set when the operation completed with an error. */
  readonly error?: string;
}

/** The invoked operations of a run, in workload order. */
export type ClientHistory<I, O> = readonly ClientOperation<I, O>[];

/** One step of a client's script: which node to ask (its id, or its name in a role-based system), and what. */
export interface ClientStep<I> {
  readonly node: NodeId | string;
  readonly input: I;
  /**
   * Invoke this step without waiting for the previous one's response (it still comes after the
   * previous invocation): an asynchronous call such as Kafka's `producer.send`, which returns a
   * future. Default false: the client waits for each response before its next call.
   */
  readonly pipelined?: boolean;
}

/** Per client, the operations it invokes one after another (each waits for the previous response unless `pipelined`). */
export type Workload<I> = readonly (readonly ClientStep<I>[])[];
