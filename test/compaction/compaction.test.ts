import { describe, expect, it } from 'vitest';
import { compactionModel } from '../../models/compaction/compaction.ts';
import { expectFastCheckWithin } from '../helpers/fast-check-within.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('compaction family', () => {
  it('meets every expectation at the defaults (bfs stops once every property is settled)', async () => {
    const reports = await expectFamily(compactionModel);
    expect(Object.fromEntries(reports.map((r) => [r.variant, [r.result.distinctStates, r.result.complete]]))).toEqual({
      compact: [110, true],
      'tombstone-removed-early': [20, false],
      retention: [33, true],
    });
  });

  it('compaction that keeps tombstones until the consumer passed them holds at 3 values and 3 cleanings too', async () => {
    const report = await checkModel(compactionModel, { variant: 'compact', params: { puts: 3, cleanings: 3 } });
    expect([report.ok, report.result.complete]).toEqual([true, true]);
  });

  // known-bugs.md derives 4 (write; delete; compaction; the consumer had read k = v): the read is a Fetch and its Records here.
  it('a tombstone removed before the slow consumer read it leaves the consumer with k=1 for ever (5 steps)', async () => {
    const lines = await expectShortest(compactionModel, 'tombstone-removed-early', 'compacted-replay-equals-full', { length: 5 });
    expect(lines).toEqual([
      'c0 invokes write k=1 at b; b answers c0 write k=1 → offset 0',
      'deliver Fetch(from 0) c→b',
      'deliver Records(0:k=1, next 1) b→c',
      'c0 invokes delete k at b; b answers c0 delete k → offset 1',
      'b timer clean fires',
    ]);
  });

  it('retention deleting a record nobody read is reported as loss (2 steps)', async () => {
    const lines = await expectShortest(compactionModel, 'retention', 'no-lost-message', { length: 2 });
    expect(lines.at(-1)).toBe('b timer clean fires');
  });

  it('catches a tombstone removed at once and compaction keeping the first value of a key', async () => {
    const outcomes = await expectSensitivity(compactionModel, 'compact');
    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['tombstone-removed-at-once', true],
      ['keeps-first-value', true],
    ]);
  });

  it('keeps the kernel contract', () => {
    expect(expectContract(compactionModel, 'compact').states).toBe(110);
  });

  it('fast-check finds every violation within 1.5 times the shortest', () =>
    expectFastCheckWithin(compactionModel, [['tombstone-removed-early', 'compacted-replay-equals-full', 5], ['retention', 'no-lost-message', 2]]));
});
