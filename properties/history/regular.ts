import type { Property } from '../../src/core/model.ts';
import { memoiseHistory, type HistorySource } from './memo.ts';
import { completedReads, nodeNamesOf, numberedNode, precedes, showOp, writesOn, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterResult } from './register-history.ts';

/** Options of {@link regularRegister}. */
export interface RegularOptions {
  /** The register's value before any write (default null). */
  readonly initial?: unknown;
  readonly name?: string;
  readonly expect?: 'holds' | 'violated';
}

/**
 * Judges one history: every completed read returns the value of a write concurrent with it,
 * or of a write that completed before it began and was not overwritten by another such
 * write (the latest in real time), or the initial value when no write completed before it.
 * Writes that failed or are pending count as concurrent (they may take effect at any time).
 * Values must identify writes: give each write a distinct value. `nodeName` names the read's node in the message.
 */
export function judgeRegular(history: RegisterHistory, initial: unknown = null, nodeName: NodeNamer = numberedNode): true | string {
  for (const read of completedReads(history)) {
    const writes = writesOn(history, read);
    const before = writes.filter((w) => precedes(w, read));
    const latest = before.filter((w) => !before.some((later) => precedes(w, later)));
    const concurrent = writes.filter((w) => !precedes(w, read) && !precedes(read, w));
    const allowed = [...latest, ...concurrent].map((w) => (w.input as { value: unknown }).value);
    if (before.length === 0) allowed.push(initial);
    const got = read.output?.value;
    if (!allowed.includes(got)) {
      const last = latest.length > 0 ? `the last write completed before it was ${latest.map(showOp).join(' / ')}` : 'no write completed before it';
      return `${showOp(read)} at ${nodeName(read.node)} is not regular: ${last}; allowed values: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
  }
  return true;
}

/** The regular-register property (kind `history`: prefix-closed, so BFS gives shortest traces). */
export function regularRegister<St>(observer: HistorySource<St, RegisterOp, RegisterResult>, options: RegularOptions = {}): Property<St> {
  const nodeName = nodeNamesOf(observer);
  const judge = memoiseHistory((h: RegisterHistory) => judgeRegular(h, options.initial ?? null, nodeName));
  return {
    name: options.name ?? 'regular',
    kind: 'history',
    expect: options.expect ?? 'holds',
    description: 'a read returns the value of the last write completed before it began, or of a concurrent write',
    check: (state) => judge(observer.history(state)),
  };
}
