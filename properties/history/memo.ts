import type { Judgement } from '../../src/core/model.ts';
import type { ClientHistory, NodeId } from '../../src/system/index.ts';

/** Where a property reads a state's history from (a compiled system model is one). */
export interface HistorySource<St, I, O> {
  history(state: St): ClientHistory<I, O>;
  /** A node's name in messages (a compiled system's observer has it; `n<index>` otherwise). */
  nodeName?(node: NodeId): string;
}

/**
 * At most this many histories are remembered by content; past it the oldest is forgotten (and
 * judged again if it comes back). The shipped models give at most about 150 distinct histories.
 */
const MAX_BY_CONTENT = 1 << 12;

/**
 * Memoises a judgement of a history. Many states share one history (the system layer reuses
 * the same array while the history is unchanged), and many more share equal histories, so
 * the cache is keyed by identity first and by content second. The content cache is bounded;
 * a judgement is a function of the history alone, so forgetting one changes no verdict.
 */
export function memoiseHistory<H extends object>(judge: (history: H) => Judgement): (history: H) => Judgement {
  const byIdentity = new WeakMap<H, Judgement>();
  const byContent = new Map<string, Judgement>();
  return (history) => {
    let verdict = byIdentity.get(history);
    if (verdict !== undefined) return verdict;
    const key = JSON.stringify(history);
    verdict = byContent.get(key);
    if (verdict === undefined) {
      verdict = judge(history);
      if (byContent.size >= MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value!);
      byContent.set(key, verdict);
    }
    byIdentity.set(history, verdict);
    return verdict;
  };
}
