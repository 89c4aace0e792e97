import { defineRole, type RoleContext } from '../../src/system/index.ts';
import { replaceAt } from '../shared/lists.ts';
import { showRecord, type OutputRecord, type ReaderOp, type ReaderResult, type TxnMessage, type TxnSetup, type TxnStatus, type TxnTimer } from './messages.ts';

/** The broker: `in` (a fixed number of records), the group's committed offset, `out`, and the transaction coordinator. */
export interface BrokerState {
  readonly committed: number;
  /** The transactional id's current producer epoch. */
  readonly epoch: number;
  readonly output: readonly OutputRecord[];
  /** Every transaction's status, by number. */
  readonly transactions: readonly TxnStatus[];
  /** The id's open transaction, if any. */
  readonly open: number | null;
  /** Transaction timeouts still to come (the abort budget). */
  readonly abortsLeft: number;
}

type Ctx = RoleContext<TxnMessage, ReaderResult, TxnTimer>;

/** What a reader at this isolation level is given of `out`. read_committed stops at the first open transaction (the last stable offset). */
export function visible(state: BrokerState, isolation: TxnSetup['isolation']): OutputRecord[] {
  if (isolation === 'read_uncommitted') return [...state.output];
  const stable = state.output.findIndex((r) => state.transactions[r.txn] === 'ongoing');
  return state.output.slice(0, stable < 0 ? undefined : stable).filter((r) => state.transactions[r.txn] === 'committed');
}

/** The broker of one setup, over an input partition of `records` records and `aborts` transaction timeouts. */
export function broker(setup: TxnSetup, records: number, aborts: number) {
  const fenced = (state: BrokerState, epoch: number) => setup.checkEpoch && epoch < state.epoch;
  /** Writes the open transaction's marker. */
  const end = (state: BrokerState, status: 'committed' | 'aborted', ctx: Ctx): BrokerState => {
    if (state.open === null) return state;
    ctx.cancelTimer({ type: 'transaction-timeout' });
    return { ...state, transactions: replaceAt(state.transactions, state.open, status), open: null };
  };

  return defineRole<BrokerState, TxnMessage, ReaderOp, ReaderResult, TxnTimer>({
    init: () => ({ committed: 0, epoch: 1, output: [], transactions: [], open: null, abortsLeft: aborts }),
    // The downstream reader: one fetch of `out` at its isolation level.
    onRequest(state, request, ctx) {
      ctx.reply(request.op, { records: visible(state, setup.isolation) });
      return state;
    },
    on: {
      InitProducerId(state, msg, from, ctx) {
        const epoch = setup.bumpEpoch ? state.epoch + 1 : state.epoch;
        ctx.send(from, { type: 'ProducerId', incarnation: msg.incarnation, epoch });
        return { ...(setup.abortOnInit ? end(state, 'aborted', ctx) : state), epoch };
      },
      Fetch(state, msg, from, ctx) {
        ctx.send(from, { type: 'Records', incarnation: msg.incarnation, from: msg.offset ?? state.committed, to: records });
        return state;
      },
      Produce(state, msg, from, ctx) {
        if (fenced(state, msg.epoch)) return ctx.send(from, { type: 'ProducerFenced', incarnation: msg.incarnation }), state;
        const txn = state.open ?? state.transactions.length;
        if (state.open === null && state.abortsLeft > 0) ctx.setTimer({ type: 'transaction-timeout' }, 0);
        return {
          ...state,
          output: [...state.output, ...msg.inputs.map((input) => ({ input, txn }))],
          transactions: state.open === null ? [...state.transactions, 'ongoing'] : state.transactions,
          open: txn,
        };
      },
      EndTxn(state, msg, from, ctx) {
        if (fenced(state, msg.epoch)) return ctx.send(from, { type: 'ProducerFenced', incarnation: msg.incarnation }), state;
        // Nothing open: the transaction was aborted (a timeout, or a new instance's initialisation).
        ctx.send(from, { type: 'EndTxnResult', incarnation: msg.incarnation, committed: state.open !== null });
        if (state.open === null) return state;
        return { ...end(state, 'committed', ctx), committed: msg.offset ?? state.committed };
      },
      CommitOffset: (state, msg) => ({ ...state, committed: msg.offset }),
    },
    // Long polling: a fetch at the end of `in` waits for records (here: for ever).
    defer: (state, msg) => msg.type === 'Fetch' && (msg.offset ?? state.committed) >= records,
    onTimer: (state, _timer, ctx) => ({ ...end(state, 'aborted', ctx), abortsLeft: state.abortsLeft - 1 }),
    describe: (state) =>
      `committed ${state.committed}, epoch ${state.epoch}, out [${state.output.map(showRecord).join(' ')}]` +
      `${state.transactions.length > 0 ? ` (${state.transactions.map((s, txn) => `t${txn} ${s}`).join(', ')})` : ''}`,
  });
}
