import { defineModel, type Expectations, type Property } from '../../src/core/model.ts';
import { crash, defineSystem, type SystemState } from '../../src/system/index.ts';
import { countedExactlyOnce, noInputLost, type CountSource } from '../../properties/computation/index.ts';
import { firstRepeat } from '../../properties/consumers/index.ts';
import { job, type JobState } from './job.ts';
import { RECORDS, showUpdate, type JobStep, type SinkMessage, type StreamSetup } from './messages.ts';
import { sink, type SinkState } from './sink.ts';

type State = SystemState<JobState | SinkState, SinkMessage, never, JobStep>;

/** The count per key of the first `records` records: what one pass gives. */
export const totalsOf = (records: number): Record<string, number> => {
  const totals: Record<string, number> = {};
  for (const key of RECORDS.slice(0, records)) totals[key] = (totals[key] ?? 0) + 1;
  return totals;
};

/**
 * The counting job `job` over the first `records` records of the source, sending updates to
 * `sink`; the job may crash `crashes` times (each followed by a restart from what it saved).
 */
export function streamSystem(setup: StreamSetup, records: number, crashes: number) {
  const JOB = 0;
  const SINK = 1;
  return defineSystem({
    roles: { job: job(setup, records, SINK), sink: sink(setup.sink) },
    nodes: [
      { role: 'job', name: 'job' },
      { role: 'sink', name: 'sink' },
    ],
    network: 'fifo',
    workload: [],
    faults: { budget: crashes, kinds: crashes > 0 ? [crash({ nodes: ['job'] })] : [] },
    properties: (observer) => {
      const jobOf = (s: State) => s.nodes[JOB] as JobState;
      const finished = (s: State) => observer.isUp(s, JOB) && jobOf(s).next === records;
      const counts: CountSource<State> = { counts: (s) => (observer.isUp(s, JOB) ? jobOf(s).counts : undefined), finished, totals: totalsOf(records) };
      const outputs = (s: State) => (s.nodes[SINK] as SinkState).outputs;
      const outputOnce: Property<State> = {
        name: 'output-once',
        kind: 'always',
        description: 'the sink holds at most one update per input record',
        check: (s) => {
          const seen = outputs(s).map((output) => output.offset);
          const twice = firstRepeat(seen);
          return twice === undefined || `the sink holds the update of record #${twice} twice: ${outputs(s).map(showUpdate).join(', ')}`;
        },
      };
      const outputComplete: Property<State> = {
        name: 'output-complete',
        kind: 'eventually',
        description: 'every run that can go no further has an update of every input record at the sink',
        check: (s) => {
          const missing = RECORDS.slice(0, records).map((_key, offset) => offset).filter((offset) => !outputs(s).some((output) => output.offset === offset));
          return missing.length === 0 || `the sink has no update of record${missing.length > 1 ? 's' : ''} ${missing.map((offset) => `#${offset}`).join(', ')}`;
        },
      };
      return [
        countedExactlyOnce(counts),
        noInputLost(counts),
        outputOnce,
        outputComplete,
        { name: 'catches-up', kind: 'eventually', description: 'every run that can go no further has processed the whole input', check: (s: State) => finished(s) || `stopped at offset ${jobOf(s).next} of ${records}` },
        { name: 'input-processed', kind: 'sometimes' as const, description: 'witness: the job processes the whole input', check: finished },
        ...(crashes > 0 ? [{ name: 'caught-up-after-a-crash', kind: 'sometimes' as const, description: 'witness: the job processes the whole input after a crash', check: (s: State) => finished(s) && s.budget < crashes }] : []),
      ];
    },
    describeMessage: (msg) =>
      msg.type === 'Output' ? `Output(${showUpdate(msg)})` : `CommitOutputs(${msg.updates.map(showUpdate).join(' ')})`,
    describeTimer: (timer) => timer.type,
  });
}

const CHECKPOINT: StreamSetup = { order: 'checkpoint', restore: 'counts-and-offset', sink: 'idempotent', outputs: 'with-checkpoint' };
const design = (changes: Partial<StreamSetup>): StreamSetup => ({ ...CHECKPOINT, ...changes });

/** Expectations: every property holds but the violated ones given (the crash witness, where crashes are allowed). */
const expecting = (violated: Expectations) => (params: { readonly crashes: number }): Expectations => ({
  'exactly-once': 'holds',
  'no-input-lost': 'holds',
  'output-once': 'holds',
  'output-complete': 'holds',
  'catches-up': 'holds',
  'input-processed': 'holds',
  ...(params.crashes > 0 ? { 'caught-up-after-a-crash': 'holds' } : {}),
  ...violated,
});

/** The catalog entry. */
export const streamProcessingModel = defineModel({
  name: 'stream-processing',
  description: 'a counting job over a source with offsets, restarted after crashes: how it saves state and offsets decides exactly-once',
  params: {
    records: { type: 'int', default: 2, min: 1, max: RECORDS.length, description: 'input records (keys a, b, a)' },
    crashes: { type: 'int', default: 1, min: 0, max: 2, description: 'job crashes, each followed by a restart' },
  },
  variants: {
    checkpoint: {
      description: 'counts and input offset saved together in one atomic checkpoint; the sink ignores an update it already has',
      setup: CHECKPOINT,
      expect: expecting({}),
      mutations: {
        'checkpoint-split': { description: 'the checkpoint split in two: counts saved with the record, the offset committed after', setup: { order: 'state-then-offset' } },
        'offset-first': { description: 'the offset is committed as the record is read, before it is counted', setup: { order: 'offset-then-state' } },
        'offset-only-restored': { description: 'a restart restores the offset but not the counts', setup: { restore: 'offset-only' } },
        'plain-sink': { description: 'the sink appends every update, replays included', setup: { sink: 'plain' } },
      },
    },
    'checkpoint-plain-sink': {
      description: 'an atomic checkpoint, but a plain sink: the updates replayed after a restart reach the output twice',
      setup: design({ sink: 'plain' }),
      expect: expecting({ 'output-once': 'violated' }),
    },
    'checkpoint-transactional-sink': {
      description: 'an atomic checkpoint, and the updates since the last one sent to the sink with it (a transactional sink)',
      setup: design({ sink: 'transactional' }),
      expect: expecting({}),
      mutations: {
        'outputs-before-checkpoint': { description: 'the sink takes each update as it is made, not with the checkpoint', setup: { sink: 'plain' } },
        'outputs-after-checkpoint': { description: 'the updates are sent in a step of their own after the checkpoint, so a crash between loses them', setup: { outputs: 'after-checkpoint' } },
      },
    },
    'commit-after-update': {
      description: 'counts saved as each record is processed, its offset committed separately afterwards (at least once)',
      params: { records: 1 },
      setup: design({ order: 'state-then-offset' }),
      expect: expecting({ 'exactly-once': 'violated' }),
    },
    'commit-before-processing': {
      description: 'the offset committed as each record is read, before it is counted (at most once)',
      params: { records: 1 },
      setup: design({ order: 'offset-then-state' }),
      expect: expecting({ 'exactly-once': 'violated', 'no-input-lost': 'violated', 'output-complete': 'violated' }),
    },
  },
  build: (variant, params) => streamSystem(variant.setup, params.records, params.crashes),
});
