import { describe, expect, it } from 'vitest';
import { transactionsModel } from '../../models/transactions/transactions.ts';
import { expectFastCheckWithin } from '../helpers/fast-check-within.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('transactions family', () => {
  it('meets every expectation at the defaults (1 record, 1 abort, 1 crash, the takeover), exhaustively', async () => {
    const reports = await expectFamily(transactionsModel);
    expect(Object.fromEntries(reports.map((r) => [r.variant, [r.result.distinctStates, r.result.complete]]))).toEqual({
      'exactly-once': [5495, true],
      'read-uncommitted': [7871, true],
      'zombie-producer': [15020, true],
    });
  });

  // known-bugs.md derives about 5 (p1 in a transaction; p1 pauses; p2 initialises; p1 resumes
  // and commits). p1's commit only does harm once p2 has processed the same input into the
  // transaction p1 commits: p2's ProducerId, Fetch, Records and Produce are the 4 steps more.
  it('a zombie producer without epoch fencing commits the new instance’s output with its own: twice (9 steps)', async () => {
    const lines = await expectShortest(transactionsModel, 'zombie-producer', 'exactly-once-output', { length: 9 });
    expect(lines.filter((line) => line.startsWith('deliver Produce(epoch=1, o0)'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('deliver EndTxn(epoch=1, commit, offset 1) p1→b');
  });

  // Derived about 3 (produce in a transaction; the reader reads it; the abort marker): the input's
  // poll is 2 steps more here, and the abort is the new instance's initialisation.
  it('a read_uncommitted reader is given a record of an aborted transaction (5 steps)', async () => {
    const lines = await expectShortest(transactionsModel, 'read-uncommitted', 'read-committed', { length: 5 });
    expect(lines.at(-1)).toBe('c0 invokes read out at b; b answers c0 read out → [o0@t0]');
  });

  it('catches the epoch bump skipped, the epoch not checked, the open transaction kept, offsets outside the transaction, read_uncommitted', async () => {
    const outcomes = await expectSensitivity(transactionsModel, 'exactly-once');
    expect(outcomes.map((o) => [o.mutation, o.missed])).toEqual([
      ['no-epoch-bump', ['exactly-once-output: violated, expected holds']],
      ['no-epoch-check', ['exactly-once-output: violated, expected holds']],
      ['init-keeps-open-transaction', ['exactly-once-output: violated, expected holds']],
      ['offsets-outside-transaction', ['exactly-once-output: violated, expected holds']],
      ['read-uncommitted', ['read-committed: violated, expected holds']],
    ]);
  });

  it('holds with two input records too (and 1 crash)', async () => {
    const report = await checkModel(transactionsModel, { variant: 'exactly-once', params: { records: 2 } });
    expect(report.ok).toBe(true);
    expect(report.result.complete).toBe(true);
  });

  it('keeps the kernel contract', () => {
    expect(expectContract(transactionsModel, 'exactly-once', { maxStates: 300 }).states).toBe(300);
  });

  it('fast-check finds every violation within 1.5 times the shortest', () =>
    expectFastCheckWithin(transactionsModel, [['zombie-producer', 'exactly-once-output', 9], ['read-uncommitted', 'read-committed', 5]]));
});
