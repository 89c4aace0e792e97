import { describe, expect, it } from 'vitest';
import { streamProcessingModel } from '../../models/stream-processing/stream-processing.ts';
import { expectFastCheckWithin } from '../helpers/fast-check-within.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('stream-processing family', () => {
  it('meets every expectation at the defaults (2 records, 1 job crash)', async () => {
    const reports = await expectFamily(streamProcessingModel);
    const checkpoint = reports.find((r) => r.variant === 'checkpoint')!;
    expect([checkpoint.result.distinctStates, checkpoint.result.complete]).toEqual([52, true]);
  });

  it('an atomic checkpoint still holds over 3 records (a shared key) and 2 crashes', async () => {
    const report = await checkModel(streamProcessingModel, { variant: 'checkpoint', params: { records: 3, crashes: 2 } });
    expect(report.ok).toBe(true);
    expect([report.result.distinctStates, report.result.complete]).toEqual([275, true]);
  });

  it('offsets committed after the state update: process; crash before the commit; restart; process again (at least once)', async () => {
    const lines = await expectShortest(streamProcessingModel, 'commit-after-update', 'exactly-once', { length: 4 });
    expect(lines).toEqual(['job timer process fires', 'crash job', 'restart job', 'job timer process fires']);
  });

  it('offsets committed before processing: commit; crash before processing; restart from the committed offset (at most once)', async () => {
    const lines = await expectShortest(streamProcessingModel, 'commit-before-processing', 'no-input-lost', { length: 3 });
    expect(lines).toEqual(['job timer commit fires', 'crash job', 'restart job']);
  });

  it('a plain sink takes the replayed update a second time, though the counts are exactly once', async () => {
    const lines = await expectShortest(streamProcessingModel, 'checkpoint-plain-sink', 'output-once', { length: 6 });
    expect(lines.filter((line) => line.startsWith('deliver Output(#0 a=1)'))).toHaveLength(2);
  });

  it('fast-check finds every violation within 1.5x of the shortest', async () => {
    await expectFastCheckWithin(streamProcessingModel, [
      ['commit-after-update', 'exactly-once', 4],
      ['commit-before-processing', 'no-input-lost', 3],
      ['commit-before-processing', 'output-complete', 3],
      ['checkpoint-plain-sink', 'output-once', 6],
    ]);
  });

  it('catches the checkpoint split in two, the offset committed first, the counts not restored and a plain sink', async () => {
    const outcomes = await expectSensitivity(streamProcessingModel, 'checkpoint');
    expect(outcomes.map((o) => [o.mutation, o.missed.map((m) => m.split(':')[0])])).toEqual([
      ['checkpoint-split', ['exactly-once']],
      ['offset-first', ['exactly-once']],
      ['offset-only-restored', ['exactly-once']],
      ['plain-sink', ['output-once']],
    ]);
  });

  it('a transactional sink (updates sent with the checkpoint) catches updates sent as made, and updates sent in a step after the checkpoint', async () => {
    const outcomes = await expectSensitivity(streamProcessingModel, 'checkpoint-transactional-sink');
    expect(outcomes.map((o) => [o.mutation, o.missed.map((m) => m.split(':')[0])])).toEqual([
      ['outputs-before-checkpoint', ['output-once']],
      ['outputs-after-checkpoint', ['output-complete']],
    ]);
  });

  it('offsets committed before processing: the lost record never reaches the sink', async () => {
    await expectShortest(streamProcessingModel, 'commit-before-processing', 'output-complete', { length: 3 });
  });

  it('keeps the kernel contract', () => {
    expect(expectContract(streamProcessingModel, 'checkpoint').states).toBe(52);
  });
});
