import { messageKey } from './network.ts';
import type { NodeId, PendingTimer } from './types.ts';

/** Timers after a node's handler set or cancelled some: its own re-sorted by key, the others' untouched. */
export function updateTimers<T>(timers: readonly PendingTimer<T>[], node: NodeId, changes: readonly { timer: T; at: number | null }[]): readonly PendingTimer<T>[] {
  if (changes.length === 0) return timers;
  const mine = new Map<string, PendingTimer<T>>();
  for (const t of timers) if (t.node === node) mine.set(messageKey(t.timer), t);
  for (const change of changes) {
    const key = messageKey(change.timer);
    if (change.at === null) mine.delete(key);
    else mine.set(key, { node, timer: change.timer, at: change.at });
  }
  const own = [...mine.keys()].sort().map((key) => mine.get(key)!);
  return [...timers.filter((t) => t.node < node), ...own, ...timers.filter((t) => t.node > node)];
}

/** Whether two timer values are one timer. */
export function sameTimer<T>(a: T, b: T): boolean {
  return a === b || messageKey(a) === messageKey(b);
}
