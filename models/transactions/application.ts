import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { ReaderOp, ReaderResult, TxnMessage, TxnSetup, TxnTimer } from './messages.ts';

/** An application instance: its producer epoch, the batch whose transaction it is ending, and how far it got. */
export interface ApplicationState {
  /** Its producer epoch (null until its InitProducerId is answered). */
  readonly epoch: number | null;
  /** The end of the batch whose transaction it asked to commit, until the answer. */
  readonly ending: number | null;
  /** Transactions of its own that committed. */
  readonly commits: number;
  /** Refused with an old epoch: a zombie, stopped. */
  readonly fenced: boolean;
  /** Its restarts so far (durable): requests carry it, and an answer to an earlier one is dropped. */
  readonly incarnation: number;
}

type Ctx = RoleContext<TxnMessage, ReaderResult, TxnTimer>;

const BROKER: NodeId = 0;

/**
 * An instance of one setup. The first (p1) starts initialised at epoch 1; the second (p2) starts
 * by registering the same transactional id, which takes the work over from p1 whenever it lands.
 */
export function application(setup: TxnSetup) {
  return defineRole<ApplicationState, TxnMessage, ReaderOp, ReaderResult, TxnTimer>({
    init: (node) => ({ epoch: node.index === 0 ? 1 : null, ending: null, commits: 0, fenced: false, incarnation: 0 }),
    durable: ['commits', 'incarnation'],
    onStart(state, ctx: Ctx) {
      const { incarnation } = state;
      ctx.send(BROKER, state.epoch === null ? { type: 'InitProducerId', incarnation } : { type: 'Fetch', incarnation, offset: null });
      return state;
    },
    // Back from a crash it registers the transactional id again, as a new instance would.
    onRestart(state, ctx) {
      const incarnation = state.incarnation + 1;
      ctx.send(BROKER, { type: 'InitProducerId', incarnation });
      return { ...state, epoch: null, incarnation };
    },
    on: {
      ProducerId(state, msg, _from, ctx) {
        if (msg.incarnation !== state.incarnation) return state;
        ctx.send(BROKER, { type: 'Fetch', incarnation: state.incarnation, offset: null });
        return { ...state, epoch: msg.epoch };
      },
      // Read, process, write: one output per record, and the commit, in one transaction.
      Records(state, msg, _from, ctx) {
        if (msg.incarnation !== state.incarnation || state.fenced || state.epoch === null) return state;
        const { incarnation, epoch } = state;
        const inputs = Array.from({ length: msg.to - msg.from }, (_, i) => msg.from + i);
        ctx.send(BROKER, { type: 'Produce', incarnation, epoch, inputs });
        ctx.send(BROKER, { type: 'EndTxn', incarnation, epoch, offset: setup.offsetsInTransaction ? msg.to : null });
        return { ...state, ending: msg.to };
      },
      EndTxnResult(state, msg, _from, ctx) {
        if (msg.incarnation !== state.incarnation || state.ending === null) return state;
        const { incarnation } = state;
        if (!msg.committed) {
          // Aborted under it: read the batch again from the committed offset.
          ctx.send(BROKER, { type: 'Fetch', incarnation, offset: null });
          return { ...state, ending: null };
        }
        if (!setup.offsetsInTransaction) ctx.send(BROKER, { type: 'CommitOffset', offset: state.ending });
        ctx.send(BROKER, { type: 'Fetch', incarnation, offset: state.ending });
        return { ...state, ending: null, commits: state.commits + 1 };
      },
      ProducerFenced: (state, msg) => (msg.incarnation === state.incarnation ? { ...state, ending: null, fenced: true } : state),
    },
    describe: (state) =>
      state.fenced ? 'fenced' : `${state.epoch === null ? 'not initialised' : `epoch ${state.epoch}`}${state.ending === null ? '' : `, committing up to ${state.ending}`}${state.commits > 0 ? `, ${state.commits} committed` : ''}`,
  });
}
