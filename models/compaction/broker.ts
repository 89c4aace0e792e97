import { defineRole } from '../../src/system/index.ts';
import type { CleanerTimer, CompactionMessage, CompactionSetup, LogRecord, ProducerOp, ProducerResult } from './messages.ts';

/** The broker: the partition's log, its end and start offsets, the consumer's committed position, and the cleaner's runs left. */
export interface BrokerState {
  readonly log: readonly LogRecord[];
  /** The next offset to write (the log end offset). */
  readonly end: number;
  /** The first offset retention kept (0 under compaction). */
  readonly start: number;
  readonly committed: number;
  readonly cleaningsLeft: number;
}

/** What the cleaner keeps of a log, for one setup, given the consumer's committed position. */
export function clean(setup: CompactionSetup, log: readonly LogRecord[], committed: number): LogRecord[] {
  // Retention: every record has aged past retention.ms, read or not.
  if (setup.policy === 'delete') return [];
  const kept = log.filter((record) => {
    const others = log.filter((other) => other.key === record.key);
    return (setup.keepFirst ? others[0] : others.at(-1)) === record;
  });
  const tombstoneGone = (record: LogRecord) => record.value === null && (setup.tombstones === 'at-once' || committed > record.offset);
  return kept.filter((record) => !tombstoneGone(record));
}

/** The broker of one setup, with `cleanings` runs of the cleaner, each at any moment. */
export function broker(setup: CompactionSetup, cleanings: number) {
  return defineRole<BrokerState, CompactionMessage, ProducerOp, ProducerResult, CleanerTimer>({
    init: () => ({ log: [], end: 0, start: 0, committed: 0, cleaningsLeft: cleanings }),
    onStart(state, ctx) {
      if (state.cleaningsLeft > 0) ctx.setTimer({ type: 'clean' }, 0);
      return state;
    },
    onRequest(state, request, ctx) {
      ctx.reply(request.op, { offset: state.end });
      return { ...state, log: [...state.log, { offset: state.end, ...request.input.write }], end: state.end + 1 };
    },
    on: {
      Fetch(state, msg, from, ctx) {
        // Below the log start the consumer is reset to the earliest offset still there.
        const at = Math.max(msg.offset, state.start);
        const record = state.log.find((r) => r.offset >= at) ?? null;
        ctx.send(from, { type: 'Records', record, next: record ? record.offset + 1 : state.end });
        return { ...state, committed: msg.offset };
      },
    },
    // Long polling: a fetch at the log end waits for a write.
    defer: (state, msg) => msg.type === 'Fetch' && Math.max(msg.offset, state.start) >= state.end,
    onTimer(state, _timer, ctx) {
      const cleaningsLeft = state.cleaningsLeft - 1;
      if (cleaningsLeft > 0) ctx.setTimer({ type: 'clean' }, 0);
      const log = clean(setup, state.log, state.committed);
      return { ...state, log, start: setup.policy === 'delete' ? state.end : state.start, cleaningsLeft };
    },
    describe: (state) =>
      `[${state.log.map((r) => `${r.offset}:${r.key}=${r.value ?? '⊥'}`).join(' ')}] end ${state.end}${state.start > 0 ? `, start ${state.start}` : ''}, committed ${state.committed}`,
  });
}
