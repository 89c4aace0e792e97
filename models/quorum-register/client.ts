import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { Phase, RegisterInput, RegisterMessage, RegisterOutput, SendNext } from './messages.ts';

/** How a client sends a phase's requests: all in one step (as `qreg3_fl.pml` does), or one a step. */
export type Sending = 'batch' | 'stepwise';

/**
 * A mistake the sensitivity check injects: replies of a phase that is over counted in the current
 * one; a query that keeps the last answer instead of the highest version; a write that reuses the
 * highest version's round instead of going one round above it.
 */
export type ClientMistake = 'none' | 'counts-stale-replies' | 'keeps-last-answer' | 'same-round-version';

/** The client's configuration. */
export interface ClientOptions {
  /** Answers a phase waits for. */
  readonly quorum: number;
  /** Number of clients: versions are `k * clients + index`, so two clients never pick the same one. */
  readonly clients: number;
  readonly sending: Sending;
  /** Stepwise only: hold replies back until the phase's last request is sent (the receive guard). */
  readonly guard: boolean;
  readonly mistake?: ClientMistake;
}

/** A client: it coordinates its own operations, one phase at a time. */
export interface ClientState {
  /** The phase under way, or `idle` between operations. */
  readonly phase: Phase | 'idle';
  /** The operation under way. */
  readonly op: number;
  /** Replies counted in this phase. */
  readonly answers: number;
  /** The highest version (and its value) the query phase has seen. */
  readonly highest: number;
  readonly highestValue: number;
  /** The value this client writes, and the version it chose. */
  readonly value: number;
  readonly version: number;
  /** Stepwise sending: the replicas this phase's request has not been sent to yet. */
  readonly unsent: readonly NodeId[];
}

type Ctx = RoleContext<RegisterMessage, RegisterOutput, SendNext>;

/** The client role for one configuration. */
export function client(options: ClientOptions) {
  const mistake = options.mistake ?? 'none';
  const request = (state: ClientState, phase: Phase): RegisterMessage =>
    phase === 'write-update' ? { type: 'Update', phase, version: state.version, value: state.value } : { type: 'Query', phase };

  /** Starts a phase: its requests go to every replica, at once or one a step. */
  const begin = (state: ClientState, phase: Phase, ctx: Ctx): ClientState => {
    const next: ClientState = { ...state, phase, answers: 0, highest: 0, highestValue: 0 };
    if (options.sending === 'batch') {
      ctx.broadcast(ctx.nodes('replica'), request(next, phase));
      return next;
    }
    ctx.setTimer({ type: 'send-next' }, 0);
    return { ...next, unsent: ctx.nodes('replica') };
  };

  /** A quorum answered the current phase. */
  const complete = (state: ClientState, ctx: Ctx): ClientState => {
    switch (state.phase) {
      case 'write-query': {
        const round = Math.floor(state.highest / options.clients) + (mistake === 'same-round-version' ? 0 : 1);
        const version = round * options.clients + ctx.nodes('client').indexOf(ctx.self);
        return begin({ ...state, version }, 'write-update', ctx);
      }
      case 'write-update':
        ctx.reply(state.op, {});
        return { ...state, phase: 'idle' };
      case 'read-query':
        ctx.reply(state.op, { value: state.highestValue });
        return { ...state, phase: 'idle' };
      case 'idle':
        return state;
    }
  };

  /** One reply of the current phase (stale ones, of a phase that is over, are dropped). */
  const answered = (state: ClientState, phase: Phase, version: number, value: number, ctx: Ctx): ClientState => {
    if (phase !== state.phase && mistake !== 'counts-stale-replies') return state;
    const higher = phase !== 'write-update' && (version > state.highest || mistake === 'keeps-last-answer');
    const next = { ...state, answers: state.answers + 1, ...(higher ? { highest: version, highestValue: value } : {}) };
    return next.answers === options.quorum ? complete(next, ctx) : next;
  };

  return defineRole<ClientState, RegisterMessage, RegisterInput, RegisterOutput, SendNext>({
    init: () => ({ phase: 'idle', op: -1, answers: 0, highest: 0, highestValue: 0, value: 0, version: 0, unsent: [] }),
    onRequest(state, request, ctx) {
      const started = { ...state, op: request.op };
      if (request.input.f === 'read') return begin(started, 'read-query', ctx);
      return begin({ ...started, value: request.input.value }, 'write-query', ctx);
    },
    on: {
      QueryReply: (state, msg, _from, ctx) => answered(state, msg.phase, msg.version, msg.value, ctx),
      UpdateAck: (state, msg, _from, ctx) => answered(state, msg.phase, 0, 0, ctx),
    },
    defer: (state) => options.guard && state.unsent.length > 0,
    onTimer(state, _timer, ctx) {
      const [to, ...rest] = state.unsent;
      if (to === undefined || state.phase === 'idle') return state;
      ctx.send(to, request(state, state.phase));
      if (rest.length > 0) ctx.setTimer({ type: 'send-next' }, 0);
      return { ...state, unsent: rest };
    },
    describe: (state) =>
      state.phase === 'idle' ? 'idle' : `#${state.op} ${state.phase}, ${state.answers} answers, highest version ${state.highest}${state.unsent.length > 0 ? `, to send: ${state.unsent.length}` : ''}`,
  });
}
