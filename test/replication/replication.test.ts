import { describe, expect, it } from 'vitest';
import { replicationModel } from '../../models/replication/replication.ts';
import { replicationVariants } from '../../models/replication/variants.ts';
import { expectContract, expectFamily, expectReductionSound, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

type Reports = Awaited<ReturnType<typeof expectFamily>>;

describe('replication', () => {
  let reports: Reports;
  const reportOf = (variant: string) => reports.find((r) => r.variant === variant)!;
  const length = (variant: string, property: string) => reportOf(variant).properties.find((p) => p.name === property)!.counterexample!.steps.length;

  it('meets every expectation of every variant with bfs at the defaults, the correct ones exhaustively', async () => {
    reports = await expectFamily(replicationModel);
    const exhaustive = ['single-master', 'sync', 'failover-majority', 'lease-safe', 'raft', 'checkpoint-lease'];
    expect(exhaustive.map((v) => [reportOf(v).result.distinctStates, reportOf(v).result.complete])).toEqual([
      [85, true],
      [1_804, true],
      [41_683, true],
      [13_440, true],
      [16_790, true],
      [12_636, true],
    ]);
  });

  it('finds shortest counterexamples near the minimal scenarios of known-bugs.md', () => {
    expect(length('ack-before-durable', 'no-lost-ack-write')).toBe(4);
    expect([length('async', 'read-your-writes'), length('async', 'linearizable'), length('async', 'monotonic-reads')]).toEqual([2, 2, 4]);
    expect(length('failover-async', 'no-lost-ack-write')).toBe(4);
    expect(length('lease-short', 'linearizable')).toBe(6);
    expect(length('raft-any-term', 'never-rollback-committed')).toBe(14);
  });

  it('lease-short: a deposed leader serves a stale read from its lease once the new leader acknowledged a write', async () => {
    await expectShortest(replicationModel, 'lease-short', 'linearizable', {
      length: 6,
      lines: [
        'c0 invokes write 1 at n1',
        'time 0→1',
        'el clock +1',
        'deliver Campaign(e0) n1→el',
        'deliver Elected(e1) el→n1; n1 answers c0 write 1 → ok',
        'c1 invokes read at n0; n0 answers c1 read → 0',
      ],
    });
  });

  it("checkpoint-preempt: the published model's 11 steps, two secondaries both holding a checkpoint lease", async () => {
    await expectShortest(replicationModel, 'checkpoint-preempt', 'one-checkpoint-at-a-time', {
      length: 11,
      lines: [
        'n1 is elected primary',
        'n1 grants the checkpoint lease to n2 at log position 1',
        'n2 executes position 1 (lease to n2)',
        'n3 executes position 1 (lease to n2)',
        'n1 crashes',
        'n2 is elected primary',
        'n2 grants the checkpoint lease to n3 at log position 2',
        'n3 executes position 2 (lease to n3)',
        'n2 crashes',
        'n2 recovers from the latest checkpoint and its own log',
        'n2 executes position 1 (lease to n2)',
      ],
    });
  });

  it('checkpoint variants: node symmetry changes no verdict and no shortest length', async () => {
    const { reduced, plain } = await expectReductionSound(replicationModel, 'checkpoint-preempt', 'canonical');
    expect([reduced.distinctStates, plain.distinctStates]).toEqual([4_391, 22_204]);
  });

  const correct = Object.entries(replicationVariants).filter(([, row]) => 'mutations' in row).map(([name]) => name);
  it.each(correct)('%s: its default check catches every mutation', async (variant) => {
    const outcomes = await expectSensitivity(replicationModel, variant);
    expect(outcomes.every((o) => o.caught)).toBe(true);
  });

  it('keeps to the model contract (primary-backup, lease, raft and checkpoint)', () => {
    for (const variant of ['sync', 'lease-safe', 'raft', 'checkpoint-lease']) expectContract(replicationModel, variant, { maxStates: 300 });
  });
});
