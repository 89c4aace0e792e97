import type { Property } from '../../src/core/model.ts';
import type { HistorySource } from './memo.ts';
import { numberedNode, showOp, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterResult } from './register-history.ts';
import { judgeConstraints, sessionProperty, sessionView, type OrderConstraint, type SessionOptions } from './session.ts';

/**
 * Monotonic writes (Terry et al. 1994): if a write W1 comes before a write W2 in a session, W1
 * is before W2 in the write order, and every server holding W2 holds W1. A register history shows
 * this only through reads, with the shared constraints of `session.ts`: a replica that served W2
 * and later serves W1's value (or an older one) has them in the wrong order. Only an acknowledged
 * W1 counts (a failed write may never have happened).
 */
export function judgeMonotonicWrites(history: RegisterHistory, initial: unknown = null, nodeName: NodeNamer = numberedNode): true | string {
  const view = sessionView(history, initial, nodeName);
  const own: OrderConstraint[] = [];
  for (const second of history.filter((op) => op.input.f === 'write')) {
    for (const first of view.acknowledged) {
      if (!view.sessionBefore(first, second)) continue;
      own.push({ from: first.id, to: second.id, reason: `${showOp(second)} follows ${showOp(first)} in c${second.client}'s session` });
    }
  }
  return judgeConstraints(view, own);
}

/** The monotonic-writes property (kind `history`). */
export function monotonicWrites<St>(source: HistorySource<St, RegisterOp, RegisterResult>, options: SessionOptions = {}): Property<St> {
  const defaults = { name: 'monotonic-writes', description: 'the writes of one session are applied everywhere in the order the session made them' };
  return sessionProperty(source, defaults, judgeMonotonicWrites, options);
}
