import { describe, expect, it } from 'vitest';
import { consumerGroupModel, consumerGroupSystem, FENCED, UNFENCED } from '../../models/consumer-group/consumer-group.ts';
import { expectFastCheckWithin, type ShortestRow } from '../helpers/fast-check-within.ts';
import { checkModel, expectContract, expectFamily, expectReductionSound, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

/** The violated rows, with bfs's shortest length (the tests below compare them with known-bugs.md's derived lengths). */
const VIOLATIONS: readonly ShortestRow[] = [
  ['unfenced', 'fenced-commits-rejected', 5],
  ['unfenced', 'single-owner', 2],
  ['fenced', 'no-duplicate', 8],
  ['commit-after-processing', 'no-duplicate', 10],
  ['commit-before-processing', 'no-lost-message', 4],
];

describe('consumer-group family', () => {
  it('meets every expectation at the defaults, exhaustively', async () => {
    const reports = await expectFamily(consumerGroupModel);
    const counts = Object.fromEntries(reports.map((r) => [r.variant, [r.result.distinctStates, r.result.complete]]));
    expect(counts).toEqual({ fenced: [241, true], unfenced: [875, true], 'commit-after-processing': [125, true], 'commit-before-processing': [116, true] });
  });

  it('a member paused across a rebalance resumes and commits with its old generation: accepted without fencing (5 steps, as derived)', async () => {
    const lines = await expectShortest(consumerGroupModel, 'unfenced', 'fenced-commits-rejected', { length: 5 });
    expect(lines).toEqual([
      'deliver Fetch(generation=1, from the committed offset) c1→b',
      'deliver Records(generation=1, offsets 0..0) b→c1',
      'b timer session-timeout(c1) fires',
      'c1 timer process fires',
      'deliver Commit(generation=1, offset=1) c1→b',
    ]);
  });

  it('without fencing the expelled member is still served a fetch: two owners in 2 steps', async () => {
    const lines = await expectShortest(consumerGroupModel, 'unfenced', 'single-owner', { length: 2 });
    expect(lines[0]).toBe('b timer session-timeout(c1) fires');
  });

  // known-bugs.md derives 4 steps (poll; process; crash; re-poll and reprocess): here a poll is a
  // Fetch and its Records (2 steps), and the restarted member rejoins first (restart, JoinGroup,
  // Assignment): 2 + 1 + 1 + 3 + 2 + 1 = 10.
  it('committing after processing: a crash before the commit lands reprocesses the record (10 steps)', async () => {
    const lines = await expectShortest(consumerGroupModel, 'commit-after-processing', 'no-duplicate', { length: 10 });
    expect(lines[3]).toBe('crash c1');
    expect(lines.filter((line) => line === 'c1 timer process fires')).toHaveLength(2);
  });

  // known-bugs.md derives 3 (poll; commit; crash): the poll is two steps here.
  it('committing before processing: the commit lands, the member crashes, the record is lost (4 steps)', async () => {
    const lines = await expectShortest(consumerGroupModel, 'commit-before-processing', 'no-lost-message', { length: 4 });
    expect(lines.slice(2)).toEqual(['deliver Commit(generation=1, offset=1, sync) c1→b', 'crash c1']);
  });

  it('fenced, commits still come after processing: a zombie reprocesses (at-least-once), in 8 steps', async () => {
    await expectShortest(consumerGroupModel, 'fenced', 'no-duplicate', { length: 8 });
  });

  it('catches the generation check removed from commits only, from fetches only, and the offset committed one message early', async () => {
    const outcomes = await expectSensitivity(consumerGroupModel, 'fenced');
    expect(outcomes.map((o) => [o.mutation, o.missed])).toEqual([
      ['commits-unfenced', ['fenced-commits-rejected: violated, expected holds']],
      ['fetches-unfenced', ['single-owner: violated, expected holds']],
      ['commit-one-early', ['no-lost-message: violated, expected holds']],
    ]);
  });

  it('catches a commit one message early and a commit before processing in the at-least-once consumer', async () => {
    const outcomes = await expectSensitivity(consumerGroupModel, 'commit-after-processing');
    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['commit-one-early', true],
      ['commit-before-processing', true],
    ]);
  });

  it('holds with two records (batches of two, one processed a step), and the mistakes are still caught there', async () => {
    const report = await checkModel(consumerGroupModel, { variant: 'fenced', params: { records: 2 } });
    expect([report.ok, report.result.distinctStates, report.result.complete]).toEqual([true, 446, true]);
    const outcomes = await expectSensitivity(consumerGroupModel, 'fenced', { params: { records: 2 } });
    expect(outcomes.every((o) => o.caught)).toBe(true);
  });

  it('holds with a member that leaves the group at any moment', async () => {
    const report = await checkModel(consumerGroupModel, { variant: 'fenced', params: { leave: true } });
    expect([report.ok, report.result.distinctStates, report.result.complete]).toEqual([true, 1102, true]);
  });

  it('sweeping messages that can have no effect changes no verdict and no shortest length', async () => {
    for (const [variant, setup] of [['fenced', FENCED], ['unfenced', UNFENCED], ['commit-after-processing', FENCED]] as const) {
      const without = (_reduced: unknown, params: Record<string, unknown>) => consumerGroupSystem(setup, params as never, { obsolete: false });
      const { reduced, plain } = await expectReductionSound(consumerGroupModel, variant, { name: 'obsolete', without });
      expect(reduced.distinctStates).toBeLessThan(plain.distinctStates);
    }
  });

  it('keeps the kernel contract (the group with a pause, the member with a crash)', () => {
    expect(expectContract(consumerGroupModel, 'fenced').states).toBe(241);
    expect(expectContract(consumerGroupModel, 'commit-before-processing').states).toBe(116);
  });

  it('fast-check finds every violation within 1.5 times the shortest', () => expectFastCheckWithin(consumerGroupModel, VIOLATIONS));
});
