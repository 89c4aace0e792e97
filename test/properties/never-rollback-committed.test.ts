import { describe, expect, it } from 'vitest';
import { neverRollbackCommitted, type CommittedEntry, type LogEntry, type NodeLog } from '../../properties/logs/index.ts';

const e = (label: string, term: number): LogEntry => ({ label, term });
const judge = (logs: Record<string, LogEntry[]>, committed: CommittedEntry[]) => {
  const nodeLogs: NodeLog[] = Object.entries(logs).map(([node, entries]) => ({ node, entries }));
  return neverRollbackCommitted({ logs: () => nodeLogs, committed: () => committed }).check(null);
};

describe('never-rollback-committed', () => {
  it('catches the published RaftMongo trace: a term-1 entry on a majority counted as committed while a term-2 log lacks it', () => {
    // s1 wrote x1 in term 1; s3 was elected in term 2 without it and wrote y2; s2 copied x1 from s1.
    const verdict = judge({ s1: [e('x1', 1)], s2: [e('x1', 1)], s3: [e('y2', 2)] }, [{ index: 0, entry: e('x1', 1) }]);
    expect(verdict).toBe('x1@1 at index 1 is committed, but s1 [x1@1] would roll it back: s3 [y2@2] ends in a later term and does not hold it');
  });

  it('holds when the conflicting entry is older than the committed one (it is the one rolled back)', () => {
    // s1 wrote x1 in term 1 alone; s2, elected in term 2, wrote y2 and committed it with s3.
    expect(judge({ s1: [e('x1', 1)], s2: [e('y2', 2)], s3: [e('y2', 2)] }, [{ index: 0, entry: e('y2', 2) }])).toBe(true);
  });

  it('holds when the holder of the committed entry has moved on to a later term than the conflicting log', () => {
    // x1 committed through z3 (term 3) on s1 and s2; s3 still holds a stale y2 it will drop.
    const logs = { s1: [e('x1', 1), e('z3', 3)], s2: [e('x1', 1), e('z3', 3)], s3: [e('y2', 2)] };
    expect(judge(logs, [{ index: 0, entry: e('x1', 1) }, { index: 1, entry: e('z3', 3) }])).toBe(true);
  });

  it('holds for lagging logs that end in an earlier term, and for logs that hold the entry', () => {
    expect(judge({ s1: [e('x1', 1), e('x2', 1)], s2: [e('x1', 1)], s3: [] }, [{ index: 0, entry: e('x1', 1) }])).toBe(true);
    expect(judge({ s1: [e('x1', 1)], s2: [e('x1', 1), e('y2', 2)], s3: [] }, [{ index: 0, entry: e('x1', 1) }])).toBe(true);
  });

  it('is an invariant named never-rollback-committed', () => {
    const property = neverRollbackCommitted({ logs: () => [], committed: () => [] }, { expect: 'violated' });
    expect([property.name, property.kind, property.expect]).toEqual(['never-rollback-committed', 'always', 'violated']);
  });
});
