import { describe, expect, it } from 'vitest';
import { buildReplication, REPLICATION_VARIANTS, replicationModel } from '../../models/replication/replication.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';

const explore = (variant: string, mutation?: string): ExplorationResult => bfs(buildReplication(variant, resolveParams(replicationModel, variant, {}), mutation));
const results = new Map<string, ExplorationResult>();
const result = (variant: string) => results.get(variant) ?? results.set(variant, explore(variant)).get(variant)!;
const missed = (r: ExplorationResult) => r.properties.filter((p) => (p.verdict === 'holds') !== ((p.expected ?? 'holds') === 'holds'));

describe('replication', () => {
  it('meets every expectation of every variant with bfs at the defaults', () => {
    for (const variant of Object.keys(REPLICATION_VARIANTS)) expect(missed(result(variant)).map((p) => p.name), variant).toEqual([]);
  });

  it('explores every correct variant exhaustively, with these state counts', () => {
    const exhaustive = ['single-master', 'sync', 'failover-majority', 'lease-safe', 'raft'];
    for (const variant of exhaustive) expect(result(variant).complete, variant).toBe(true);
    expect(exhaustive.map((v) => result(v).distinctStates)).toEqual([85, 1_804, 41_683, 13_440, 16_790]);
  });

  it('finds shortest counterexamples near the minimal scenarios of known-bugs.md', () => {
    const length = (variant: string, property: string) => result(variant).properties.find((p) => p.name === property)!.counterexample!.steps.length;
    expect(length('ack-before-durable', 'no-lost-ack-write')).toBe(4);
    expect([length('async', 'read-your-writes'), length('async', 'linearizable'), length('async', 'monotonic-reads')]).toEqual([2, 2, 4]);
    expect(length('failover-async', 'no-lost-ack-write')).toBe(4);
    expect(length('lease-short', 'linearizable')).toBe(6);
    expect(length('raft-any-term', 'never-rollback-committed')).toBe(14);
    const lease = result('lease-short').properties.find((p) => p.name === 'linearizable')!.counterexample!.steps.map((s) => s.description);
    expect(lease).toEqual([
      'c0 invokes write 1 at n1',
      'time 0→1',
      'el clock +1',
      'deliver Campaign(e0) n1→el',
      'deliver Elected(e1) el→n1; n1 answers c0 write 1 → ok',
      'c1 invokes read at n0; n0 answers c1 read → 0',
    ]);
  });

  describe('every mutation of a correct variant is caught by its default check', () => {
    for (const [variant, row] of Object.entries(REPLICATION_VARIANTS)) {
      for (const mutation of Object.keys(row.mutations ?? {})) {
        it(`${variant}: ${mutation}`, () => expect(missed(explore(variant, mutation)).length).toBeGreaterThan(0));
      }
    }
  });
});
