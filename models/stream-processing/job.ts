import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import { RECORDS, showUpdate, type JobStep, type SinkMessage, type StreamSetup, type Update } from './messages.ts';

/** Counts per key. */
export type Counts = Readonly<Record<string, number>>;

/** The job: its working counts and next offset (in memory), and what it saved (on disk). */
export interface JobState {
  readonly counts: Counts;
  /** The offset of the next record to read. */
  readonly next: number;
  /** Saved counts (the state store, or the checkpoint's state). */
  readonly savedCounts: Counts;
  /** Saved offset (the committed offset, or the checkpoint's offset): where a restart resumes. */
  readonly savedOffset: number;
  /** Updates made since the last checkpoint, held back for a transactional sink (in memory). */
  readonly held: readonly Update[];
}

type Ctx = RoleContext<SinkMessage, never, JobStep>;

/** The job over the first `records` records of the input, for one design. */
export function job(setup: StreamSetup, records: number, sinkNode: NodeId) {
  /** The steps of one record, in order: read and count, then save as the design says. */
  const steps: readonly JobStep['type'][] =
    setup.order === 'checkpoint' ? ['process', 'checkpoint', ...(setup.outputs === 'after-checkpoint' ? (['send-outputs'] as const) : [])]
    : setup.order === 'state-then-offset' ? ['process', 'commit']
    : ['commit', 'process'];
  const first = (state: JobState, ctx: Ctx): JobState => {
    if (state.next < records) ctx.setTimer({ type: steps[0]! }, 0);
    return state;
  };
  /** After one step: the record's next step, or the next record's first. */
  const then = (done: JobStep['type'], state: JobState, ctx: Ctx): JobState => {
    const following = steps[steps.indexOf(done) + 1];
    if (following === undefined) return first(state, ctx);
    ctx.setTimer({ type: following }, 0);
    return state;
  };
  /** Sends the held updates to a transactional sink. */
  const sendHeld = (state: JobState, ctx: Ctx): JobState => {
    if (state.held.length > 0) ctx.send(sinkNode, { type: 'CommitOutputs', updates: state.held });
    return { ...state, held: [] };
  };

  return defineRole<JobState, SinkMessage, never, never, JobStep>({
    init: () => ({ counts: {}, next: 0, savedCounts: {}, savedOffset: 0, held: [] }),
    durable: ['savedCounts', 'savedOffset'],
    onStart: first,
    on: {},
    onTimer(state, timer, ctx) {
      if (timer.type === 'process') {
        const key = RECORDS[state.next]!;
        const counts = { ...state.counts, [key]: (state.counts[key] ?? 0) + 1 };
        const update: Update = { offset: state.next, key, count: counts[key]! };
        const held = setup.sink === 'transactional' ? [...state.held, update] : state.held;
        if (setup.sink !== 'transactional') ctx.send(sinkNode, { type: 'Output', ...update });
        // Without a checkpoint, the state store is written as the record is processed.
        const saved = setup.order === 'checkpoint' ? state.savedCounts : counts;
        return then('process', { ...state, counts, next: state.next + 1, savedCounts: saved, held }, ctx);
      }
      if (timer.type === 'checkpoint') {
        const saved = { ...state, savedCounts: state.counts, savedOffset: state.next };
        // The held updates go out in the same step as the checkpoint: both happen, or (a crash first) neither.
        return then('checkpoint', setup.outputs === 'with-checkpoint' ? sendHeld(saved, ctx) : saved, ctx);
      }
      if (timer.type === 'send-outputs') return then('send-outputs', sendHeld(state, ctx), ctx);
      // Committing before processing commits the offset of the record about to be read.
      const offset = setup.order === 'offset-then-state' ? state.next + 1 : state.next;
      return then('commit', { ...state, savedOffset: offset }, ctx);
    },
    // Recovery: resume from the saved offset with the saved counts (or, restoring the offset only, from zero counts).
    onRestart: (state, ctx) => first({ ...state, next: state.savedOffset, counts: setup.restore === 'offset-only' ? {} : state.savedCounts }, ctx),
    describe: (state) => {
      const show = (counts: Counts) => Object.keys(counts).sort().map((key) => `${key}=${counts[key]}`).join(' ') || 'none';
      const held = state.held.length > 0 ? `, holding ${state.held.map(showUpdate).join(' ')}` : '';
      return `next offset ${state.next}, counts ${show(state.counts)}${held}; saved: offset ${state.savedOffset}, counts ${show(state.savedCounts)}`;
    },
  });
}
