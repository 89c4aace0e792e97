import type { Property } from '../../src/core/model.ts';
import type { HistorySource } from './memo.ts';
import { numberedNode, showOp, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterResult } from './register-history.ts';
import { judgeConstraints, sessionProperty, sessionView, type OrderConstraint, type SessionOptions } from './session.ts';

/**
 * Monotonic reads (Terry et al. 1994): if a read R1 comes before a read R2 in a session, the
 * server that serves R2 holds every write relevant to R1. The write R1 returned is relevant, so
 * it is at or before the value R2 returns in the write order: a session's reads move forward
 * along one write order (with the shared constraints of `session.ts`). "Read → 1, then read → 0"
 * (the initial value) violates it; so does "read → 1, read → 2, read → 1" for writes of another
 * session, since no single write order puts 1 both before and after 2.
 */
export function judgeMonotonicReads(history: RegisterHistory, initial: unknown = null, nodeName: NodeNamer = numberedNode): true | string {
  const view = sessionView(history, initial, nodeName);
  const own: OrderConstraint[] = [];
  for (const later of view.reads) {
    for (const earlier of view.reads) {
      if (!view.sessionBefore(earlier, later)) continue;
      own.push({ from: view.source(earlier), to: view.source(later), reason: `${showOp(later)} at ${view.nodeName(later.node)} follows ${showOp(earlier)} at ${view.nodeName(earlier.node)} in c${later.client}'s session` });
    }
  }
  return judgeConstraints(view, own);
}

/** The monotonic-reads property (kind `history`). */
export function monotonicReads<St>(source: HistorySource<St, RegisterOp, RegisterResult>, options: SessionOptions = {}): Property<St> {
  const defaults = { name: 'monotonic-reads', description: 'a read never returns a value older than one an earlier read of its session returned' };
  return sessionProperty(source, defaults, judgeMonotonicReads, options);
}
