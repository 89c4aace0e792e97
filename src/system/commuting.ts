import type { Commuting } from '../core/model.ts';
import { messageKey } from './network.ts';
import type { Envelope, NodeId, SystemAction, SystemState } from './types.ts';

/** What {@link systemCommuting} needs of the compiled system. */
export interface CommutingWiring<S, M, O, T> {
  /** Number of nodes (at most 30). */
  readonly size: number;
  /** Each workload operation's coordinator, by operation id. */
  readonly coordinators: readonly NodeId[];
  /** Whether the system sweeps obsolete messages after every step. */
  readonly sweeps: boolean;
  /** The successor the last handler step built (read right after the engine computed one). */
  lastStep(): SystemState<S, M, O, T> | undefined;
  /** What that step's handler sent. */
  lastSends(): readonly Envelope<M>[];
  /** Whether a state is one the layer built without a sweep (the initial state). */
  unswept(state: SystemState<S, M, O, T>): boolean;
}

const NODE = 32;
const HISTORY = 64;

/**
 * Which steps of a compiled system commute, for the engine's sleep sets. A step (a delivery, a
 * timer firing, an invocation) runs one node's handler: it changes that node's state, takes its
 * own message or timer, adds its node's sends and timers to sorted (or per-link FIFO) collections,
 * and may record in the history. Two steps at different nodes therefore commute, unless both record
 * in the history (the logical clock of calls and returns counts them in order). When obsolete
 * messages are swept, whose verdict reads the states of their sender and receiver, the two nodes
 * must also have no message between them, in flight or sent by either step. Ticks and faults
 * commute with nothing.
 *
 * A footprint is the step's node, whether it recorded in the history, and the nodes it sent to:
 * `node + 32·history + 64·sentTo`. A step's handler sees only its node's state and clock, so it
 * does the same after any step at another node: its footprint stays exact there.
 */
export function systemCommuting<S, M, O, T>(wiring: CommutingWiring<S, M, O, T>): Commuting<SystemState<S, M, O, T>, SystemAction<M, T>> {
  // The links of the state last asked about: for each node, the nodes it has a message to or from.
  let linkedState: SystemState<S, M, O, T> | undefined;
  const linked = new Int32Array(wiring.size);
  let unswept = false;
  const links = (state: SystemState<S, M, O, T>): Int32Array => {
    if (state === linkedState) return linked;
    linked.fill(0);
    for (const env of state.net) {
      linked[env.from] = linked[env.from]! | (1 << env.to);
      linked[env.to] = linked[env.to]! | (1 << env.from);
    }
    unswept = wiring.unswept(state);
    linkedState = state;
    return linked;
  };
  return {
    key(action) {
      switch (action.kind) {
        case 'deliver':
          return `${action.env.from}>${action.env.to}:${messageKey(action.env.msg)}`;
        case 'timer':
          return `${action.node}@${messageKey(action.timer)}`;
        case 'invoke':
          return action.op;
        default:
          return undefined;
      }
    },
    footprint(state, action, after) {
      const node = action.kind === 'deliver' ? action.env.to : action.kind === 'timer' ? action.node : action.kind === 'invoke' ? wiring.coordinators[action.op]! : -1;
      if (node < 0 || after !== wiring.lastStep()) return undefined;
      const history = action.kind === 'invoke' || after.ops !== state.ops ? 1 : 0;
      let sentTo = 0;
      for (const env of wiring.lastSends()) sentTo |= 1 << env.to;
      return node + NODE * history + HISTORY * sentTo;
    },
    independent(state, first, second) {
      const [a, b] = [first % NODE, second % NODE];
      if (a === b) return false;
      if (Math.floor(first / NODE) % 2 === 1 && Math.floor(second / NODE) % 2 === 1) return false;
      if (!wiring.sweeps) return true;
      const between = links(state)[a]!;
      if (unswept || ((between >> b) & 1) === 1) return false;
      return ((Math.floor(first / HISTORY) >> b) & 1) === 0 && ((Math.floor(second / HISTORY) >> a) & 1) === 0;
    },
  };
}
