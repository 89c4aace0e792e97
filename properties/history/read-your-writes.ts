import type { Property } from '../../src/core/model.ts';
import type { HistorySource } from './memo.ts';
import { numberedNode, showOp, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterResult } from './register-history.ts';
import { judgeConstraints, sessionProperty, sessionView, type OrderConstraint, type SessionOptions } from './session.ts';

/**
 * Read your writes (Terry et al. 1994): if a read R follows a write W in a session, the server
 * that serves R holds W. Holding W, its latest write (whose value R returns) is W or comes after
 * W in the write order. So each acknowledged write of a session must be at or before the value of
 * every later read of the same session, in one write order with the shared constraints of
 * `session.ts`. Judged alone, as in the paper: "write 1, write 2, read → 1" in one session meets
 * it (the write order may put 2 before 1); with monotonic writes as well it does not.
 */
export function judgeReadYourWrites(history: RegisterHistory, initial: unknown = null, nodeName: NodeNamer = numberedNode): true | string {
  const view = sessionView(history, initial, nodeName);
  const own: OrderConstraint[] = [];
  for (const read of view.reads) {
    for (const write of view.acknowledged) {
      if (!view.sessionBefore(write, read)) continue;
      own.push({ from: write.id, to: view.source(read), reason: `${showOp(read)} at ${view.nodeName(read.node)} follows ${showOp(write)} in c${read.client}'s session` });
    }
  }
  return judgeConstraints(view, own);
}

/** The read-your-writes property (kind `history`). */
export function readYourWrites<St>(source: HistorySource<St, RegisterOp, RegisterResult>, options: SessionOptions = {}): Property<St> {
  const defaults = { name: 'read-your-writes', description: "a read reflects every write its own session made before it" };
  return sessionProperty(source, defaults, judgeReadYourWrites, options);
}
