import { describe, expect, it } from 'vitest';
import {
  available,
  monotonicReads,
  noLostAcknowledgedWrite,
  regularRegister,
  type RegisterHistory,
  type RegisterOp,
  type RegisterOperation,
} from '../../properties/history/index.ts';

/** A write and a read as the system layer records them (call/return are its logical steps). */
const write = (id: number, client: number, node: number, value: number, call: number, ret: number): RegisterOperation => ({
  id, client, node, input: { f: 'write', value } as RegisterOp, call, return: ret, output: {},
});
const read = (id: number, client: number, node: number, value: number, call: number, ret?: number): RegisterOperation => ({
  id, client, node, input: { f: 'read' } as RegisterOp, call, ...(ret !== undefined ? { return: ret, output: { value } } : {}),
});

/** c0 writes 1 at the leader (node 0); c1 then reads 1 at node 1 and 0 at node 2. */
const stale: RegisterHistory = [write(0, 0, 0, 1, 0, 0), read(1, 1, 1, 1, 1, 1), read(2, 1, 2, 0, 2, 2)];
const servers = ['s1', 's2', 's3'];

/** A compiled system's observer names its nodes; a bare history source does not. */
const named = (history: RegisterHistory) => ({ history: () => history, nodeName: (node: number) => servers[node]!, isUp: () => true });
const bare = (history: RegisterHistory) => ({ history: () => history, isUp: () => true });

describe('history properties name the node as the system names it', () => {
  it('regular and no-lost-ack-write', () => {
    expect(regularRegister(named(stale), { initial: 0 }).check(null)).toBe('c1 read → 0 at s3 is not regular: the last write completed before it was c0 write 1; allowed values: 1');
    expect(noLostAcknowledgedWrite(named(stale), { initial: 0 }).check(null)).toBe(
      'acknowledged c0 write 1 is lost: c1 read → 0 at s3, which began after it completed, returns the initial value',
    );
  });

  it('monotonic reads, in its own and in the shared constraints', () => {
    expect(monotonicReads(named(stale), { initial: 0 }).check(null)).toMatch(/^c1 read → 0 at s3 follows c1 read → 1 at s2 in c1's session/);
    // s2 acknowledged write 1 before it served c1's read of 2, so 1 comes before 2; c1 then reads 1 at s3.
    const back: RegisterHistory = [write(0, 0, 1, 1, 0, 0), write(1, 2, 1, 2, 0, 5), read(2, 1, 1, 2, 1, 1), read(3, 1, 2, 1, 2, 2)];
    expect(monotonicReads(named(back), { initial: 0 }).check(null)).toBe(
      "c1 read → 1 at s3 follows c1 read → 2 at s2 in c1's session, so c2 write 2 must come before c0 write 1 in the write order; but s2 acknowledged c0 write 1 before it served c1 read → 2, and a replica keeps what it acknowledged",
    );
  });

  it('available', () => {
    const pending: RegisterHistory = [read(0, 0, 2, 0, 0)];
    expect(available(named(pending)).check(null)).toBe("c0's operation #0 at s3 never completed");
  });

  it('n<index> when the source gives no names', () => {
    expect(regularRegister(bare(stale), { initial: 0 }).check(null)).toMatch(/^c1 read → 0 at n2 is not regular/);
    expect(available(bare([read(0, 0, 2, 0, 0)])).check(null)).toBe("c0's operation #0 at n2 never completed");
  });
});
