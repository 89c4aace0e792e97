/**
 * Properties over the nodes' replicated logs (Raft-like): committed entries are never rolled
 * back. A model exposes its logs and committed entries as a {@link ReplicatedLogSource}.
 */
export { lastTerm, sameEntry, showEntries, showEntry, type CommittedEntry, type LogEntry, type NodeLog, type ReplicatedLogSource } from './log-source.ts';
export { neverRollbackCommitted, type NeverRollbackOptions } from './never-rollback-committed.ts';
