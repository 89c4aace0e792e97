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
 */
export interface Context<M, O> {
  /** This node. */
  readonly self: NodeId;
  /** Number of nodes in the system. */
  readonly nodes: number;
  /** This node's local clock (global time plus its skew offset). */
  readonly now: number;
  /** Sends a message; it goes into the network (to oneself too). */
  send(to: NodeId, msg: M): void;
  /** Sends `msg` to every node, itself included. */
  sendAll(msg: M): void;
  /** Sets (or resets) the named timer to fire `delay` ticks from now on the local clock. */
  setTimer(name: string, delay: number): void;
  /** Cancels the named timer, if set. */
  cancelTimer(name: string): void;
  /** Answers a pending client operation. Ignored if it has already been answered. */
  reply(op: number, output: O): void;
  /** Answers a pending client operation with an error. */
  fail(op: number, error: string): void;
}

/** The effects one handler call produced. */
export interface Effects<M, O> {
  readonly sends: Envelope<M>[];
  /** Timers set (`at` on the local clock) or cancelled (`at` null), in call order. */
  readonly timers: { name: string; at: number | null }[];
  readonly replies: { op: number; output?: O; error?: string }[];
}

/** Creates a fresh context for one handler call, and the effects it collects. `name` names a node in errors. */
export function makeContext<M, O>(
  self: NodeId,
  nodes: number,
  now: number,
  name: (node: NodeId) => string = (node) => `n${node}`,
): { ctx: Context<M, O>; effects: Effects<M, O> } {
  const effects: Effects<M, O> = { sends: [], timers: [], replies: [] };
  const ctx: Context<M, O> = {
    self,
    nodes,
    now,
    send: (to, msg) => {
      if (!Number.isInteger(to) || to < 0 || to >= nodes) throw new Error(`${name(self)} sent to unknown node ${to}`);
      effects.sends.push({ from: self, to, msg });
    },
    sendAll: (msg) => {
      for (let to = 0; to < nodes; to++) effects.sends.push({ from: self, to, msg });
    },
    setTimer: (name, delay) => effects.timers.push({ name, at: now + delay }),
    cancelTimer: (name) => effects.timers.push({ name, at: null }),
    reply: (op, output) => effects.replies.push({ op, output }),
    fail: (op, error) => effects.replies.push({ op, error }),
  };
  return { ctx, effects };
}
