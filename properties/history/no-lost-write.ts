import type { Property } from '../../src/core/model.ts';
import { memoiseHistory, type HistorySource } from './memo.ts';
import { completedReads, nodeNamesOf, numberedNode, precedes, showOp, writesOn, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterResult } from './register-history.ts';

/** Options of {@link noLostAcknowledgedWrite}. */
export interface NoLostWriteOptions {
  /** The register's value before any write (default null). */
  readonly initial?: unknown;
  readonly name?: string;
  readonly expect?: 'holds' | 'violated';
}

/**
 * Judges one history: once a write is acknowledged, no read that begins afterwards returns
 * a value it overwrote, that is, the value of a write that completed before it began (or the
 * initial value). Weaker than regularity: it says nothing about concurrent writes. `nodeName`
 * names the read's node in the message.
 */
export function judgeNoLostWrite(history: RegisterHistory, initial: unknown = null, nodeName: NodeNamer = numberedNode): true | string {
  for (const read of completedReads(history)) {
    const got = read.output?.value;
    for (const acked of writesOn(history, read)) {
      if (!precedes(acked, read)) continue;
      const superseded = writesOn(history, read).filter((w) => precedes(w, acked));
      const lostTo = superseded.find((w) => (w.input as { value: unknown }).value === got);
      const sawInitial = got === initial && !writesOn(history, read).some((w) => (w.input as { value: unknown }).value === initial);
      if (lostTo || sawInitial) {
        const old = lostTo ? `the value of ${showOp(lostTo)}, which completed before it began` : 'the initial value';
        return `acknowledged ${showOp(acked)} is lost: ${showOp(read)} at ${nodeName(read.node)}, which began after it completed, returns ${old}`;
      }
    }
  }
  return true;
}

/** The no-lost-acknowledged-write property (kind `history`). */
export function noLostAcknowledgedWrite<St>(source: HistorySource<St, RegisterOp, RegisterResult>, options: NoLostWriteOptions = {}): Property<St> {
  const nodeName = nodeNamesOf(source);
  const judge = memoiseHistory((h: RegisterHistory) => judgeNoLostWrite(h, options.initial ?? null, nodeName));
  return {
    name: options.name ?? 'no-lost-ack-write',
    kind: 'history',
    expect: options.expect ?? 'holds',
    description: 'a read that begins after a write was acknowledged never returns a value that write overwrote',
    check: (state) => judge(source.history(state)),
  };
}
