import type { Property } from '../../src/core/model.ts';
import type { HistorySource } from './memo.ts';
import { numberedNode, showOp, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterResult } from './register-history.ts';
import { judgeConstraints, sessionProperty, sessionView, type OrderConstraint, type SessionOptions } from './session.ts';

/**
 * Writes follow reads (Terry et al. 1994): if a read R1 comes before a write W2 in a session,
 * every write relevant to R1 (the write R1 returned, and those before it) is before W2 in the
 * write order, and every server holding W2 holds them. So the value R1 returned is before W2; a
 * register history shows a breach through reads, with the shared constraints of `session.ts`: a
 * replica that served W2 and later serves the value R1 returned (or an older one).
 */
export function judgeWritesFollowReads(history: RegisterHistory, initial: unknown = null, nodeName: NodeNamer = numberedNode): true | string {
  const view = sessionView(history, initial, nodeName);
  const own: OrderConstraint[] = [];
  for (const write of history.filter((op) => op.input.f === 'write')) {
    for (const read of view.reads) {
      if (!view.sessionBefore(read, write)) continue;
      own.push({ from: view.source(read), to: write.id, reason: `${showOp(write)} follows ${showOp(read)} in c${write.client}'s session` });
    }
  }
  return judgeConstraints(view, own);
}

/** The writes-follow-reads property (kind `history`). */
export function writesFollowReads<St>(source: HistorySource<St, RegisterOp, RegisterResult>, options: SessionOptions = {}): Property<St> {
  const defaults = { name: 'writes-follow-reads', description: 'a write is ordered after every write its session had read before it' };
  return sessionProperty(source, defaults, judgeWritesFollowReads, options);
}
