/**
 * What the log properties see of a replicated log (Raft-like): every node's entries, each with
 * the term of the leader that wrote it, and the entries the system counts as committed. A model
 * provides a {@link ReplicatedLogSource}; the properties in this folder judge it.
 */

/** One log entry: the term it was written in, and a label naming what it holds (e.g. `x1`). */
export interface LogEntry {
  readonly term: number;
  readonly label: string;
}

/** One node's log. */
export interface NodeLog {
  /** A readable name of the node, e.g. `s1`. */
  readonly node: string;
  readonly entries: readonly LogEntry[];
}

/** An entry the system counts as committed, at its position (0-based) in the log. */
export interface CommittedEntry {
  readonly index: number;
  readonly entry: LogEntry;
}

/** Where the log properties read a state from. */
export interface ReplicatedLogSource<St> {
  logs(state: St): readonly NodeLog[];
  /** Every entry counted as committed so far (by whatever rule the system uses). */
  committed(state: St): readonly CommittedEntry[];
}

/** Same term and label. */
export const sameEntry = (a: LogEntry | undefined, b: LogEntry): boolean => a !== undefined && a.term === b.term && a.label === b.label;

/** The term of a log's last entry, 0 for an empty log. */
export const lastTerm = (entries: readonly LogEntry[]): number => entries[entries.length - 1]?.term ?? 0;

/** `x1@1` (label, then term). */
export const showEntry = (e: LogEntry): string => `${e.label}@${e.term}`;

/** `[x1@1, y1@2]`. */
export const showEntries = (entries: readonly LogEntry[]): string => `[${entries.map(showEntry).join(', ')}]`;
