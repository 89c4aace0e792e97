import type { Judgement } from '../../src/core/model.ts';
import type { ClientHistory } from '../../src/system/index.ts';

/** Where a property reads a state's history from (a compiled system model is one). */
export interface HistorySource<St, I, O> {
  history(state: St): ClientHistory<I, O>;
}

/**
 * Memoises a judgement of a history. Many states share one history (the system layer reuses
 * the same array while the history is unchanged), and many more share equal histories, so
 * the cache is keyed by identity first and by content second.
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
      byContent.set(key, verdict);
    }
    byIdentity.set(history, verdict);
    return verdict;
  };
}
