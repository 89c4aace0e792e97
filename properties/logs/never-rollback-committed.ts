import type { Property } from '../../src/core/model.ts';
import { lastTerm, sameEntry, showEntries, showEntry, type ReplicatedLogSource } from './log-source.ts';

/** Options of {@link neverRollbackCommitted}. */
export interface NeverRollbackOptions {
  readonly name?: string;
  readonly expect?: 'holds' | 'violated';
}

/**
 * Committed entries are never rolled back (an invariant, kind `always`), after
 * `NeverRollbackCommitted` of RaftMongo.tla (mongo-repl-tla, Siyuan Zhou). Logs are ordered as
 * in Raft: a node whose last entry has a lower term than another node's log gives way to it
 * (rolls back the entries that log does not hold). So a committed entry is in danger as soon as
 * a node holds it while another node's log ends in a later term and does not hold it at that
 * index: the holder may be told to truncate it. The published predicate checks a node's last
 * entry; this one checks every committed entry a node holds, which is the same at one entry a log
 * and stronger beyond. In a correct protocol a later-term log always holds every committed entry
 * (Raft's leader completeness), so this never fires there.
 */
export function neverRollbackCommitted<St>(source: ReplicatedLogSource<St>, options: NeverRollbackOptions = {}): Property<St> {
  return {
    name: options.name ?? 'never-rollback-committed',
    kind: 'always',
    expect: options.expect ?? 'holds',
    description: 'no node holds a committed entry that a log ending in a later term lacks (which would roll it back)',
    check(state) {
      const logs = source.logs(state);
      for (const { index, entry } of source.committed(state)) {
        for (const holder of logs) {
          if (!sameEntry(holder.entries[index], entry)) continue;
          const winner = logs.find((other) => lastTerm(other.entries) > lastTerm(holder.entries) && !sameEntry(other.entries[index], entry));
          if (winner) {
            return `${showEntry(entry)} at index ${index + 1} is committed, but ${holder.node} ${showEntries(holder.entries)} would roll it back: ` +
              `${winner.node} ${showEntries(winner.entries)} ends in a later term and does not hold it`;
          }
        }
      }
      return true;
    },
  };
}
