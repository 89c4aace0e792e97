import { ModelContractError } from '../core/errors.ts';
import type { Envelope, NodeId } from './types.ts';

/** A client request handed to the coordinator node. */
export interface Request<I> {
  /** Operation id: pass it to `ctx.reply` / `ctx.fail`. */
  readonly op: number;
  readonly client: number;
  readonly input: I;
}

/**
 * What a handler may do besides returning its new local state. Effects are collected and
 * applied after the handler returns, so handlers stay pure functions of (state, input, ctx).
 * `T` is the type of the node's timers (typed values such as `{ type: 'retry', op: 3 }`).
 */
export interface Context<M, O, T = string, R extends string = string> {
  /** This node. */
  readonly self: NodeId;
  /** This node's local clock (global time plus its skew offset). */
  readonly now: number;
  /** The nodes of a role (every node when `role` is omitted), in id order. */
  nodes(role?: R): readonly NodeId[];
  /** Sends a message; it goes into the network (to oneself too). */
  send(to: NodeId, msg: M): void;
  /** Sends `msg` to each of `nodes`. */
  broadcast(nodes: readonly NodeId[], msg: M): void;
  /** Sends `msg` to every node, itself included. */
  sendAll(msg: M): void;
  /** Sets (or resets) a timer to fire `delay` ticks from now on the local clock; equal values name one timer. */
  setTimer(timer: T, delay: number): void;
  /** Cancels a timer, if set. */
  cancelTimer(timer: T): void;
  /** Answers a pending client operation. Ignored if it has already been answered. */
  reply(op: number, output: O): void;
  /** Answers a pending client operation with an error. */
  fail(op: number, error: string): void;
}

/** The effects one handler call produced. */
export interface Effects<M, O, T> {
  readonly sends: Envelope<M>[];
  /** Timers set (`at` on the local clock) or cancelled (`at` null), in call order. */
  readonly timers: { timer: T; at: number | null }[];
  readonly replies: { op: number; output?: O; error?: string }[];
}

/** What a context needs to know of the system it runs in. */
export interface Topology {
  /** Number of nodes. */
  readonly size: number;
  /** A node's name, for errors. */
  name(node: NodeId): string;
  /** The nodes of a role (all nodes without a role), in id order. */
  nodesOf(role?: string): readonly NodeId[];
}

/**
 * The context of one handler call, which is also the record of its effects. A class with methods
 * rather than an object of closures: one allocation per call, and no function objects created on
 * the hot path (under a loader that keeps function names, each closure would also be renamed).
 */
class HandlerContext<M, O, T> implements Context<M, O, T>, Effects<M, O, T> {
  readonly sends: Envelope<M>[] = [];
  readonly timers: { timer: T; at: number | null }[] = [];
  readonly replies: { op: number; output?: O; error?: string }[] = [];

  constructor(
    readonly self: NodeId,
    readonly now: number,
    private readonly topology: Topology,
  ) {}

  nodes(role?: string): readonly NodeId[] {
    return this.topology.nodesOf(role);
  }

  send(to: NodeId, msg: M): void {
    if (!Number.isInteger(to) || to < 0 || to >= this.topology.size) throw new ModelContractError(`${this.topology.name(this.self)} sent to unknown node ${to}`);
    this.sends.push({ from: this.self, to, msg });
  }

  broadcast(nodes: readonly NodeId[], msg: M): void {
    for (const to of nodes) this.send(to, msg);
  }

  sendAll(msg: M): void {
    for (let to = 0; to < this.topology.size; to++) this.sends.push({ from: this.self, to, msg });
  }

  setTimer(timer: T, delay: number): void {
    this.timers.push({ timer, at: this.now + delay });
  }

  cancelTimer(timer: T): void {
    this.timers.push({ timer, at: null });
  }

  reply(op: number, output: O): void {
    this.replies.push({ op, output });
  }

  fail(op: number, error: string): void {
    this.replies.push({ op, error });
  }
}

/** Creates a fresh context for one handler call; the same object collects its effects. */
export function makeContext<M, O, T>(self: NodeId, now: number, topology: Topology): Context<M, O, T> & Effects<M, O, T> {
  return new HandlerContext<M, O, T>(self, now, topology);
}
