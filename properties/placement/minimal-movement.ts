import type { Judgement } from '../../src/core/model.ts';

/** A membership change of a placement: a machine joined or left. */
export interface MembershipChange {
  readonly kind: 'join' | 'leave';
  readonly machine: string;
}

/**
 * Minimal movement (Karger et al., 1997; Dynamo, 2007): after a join, every key whose owner changed
 * is now owned by the machine that joined; after a leave, every key whose owner changed was owned by
 * the machine that left. `before` and `after` name each key's owner, key by key.
 */
export function minimalMovement(
  change: MembershipChange,
  keys: readonly string[],
  before: readonly string[],
  after: readonly string[],
): Judgement {
  for (let index = 0; index < keys.length; index++) {
    const from = before[index];
    const to = after[index];
    if (from === to) continue;
    const allowed = change.kind === 'join' ? to === change.machine : from === change.machine;
    if (!allowed) {
      const moved = keys.filter((_, i) => before[i] !== after[i]).length;
      return `${change.machine} ${change.kind === 'join' ? 'joined' : 'left'}, yet ${keys[index]} moved from ${from} to ${to} (${moved} of ${keys.length} keys moved)`;
    }
  }
  return true;
}

/** How many keys changed owner between two placements. */
export function movedKeys(before: readonly string[], after: readonly string[]): number {
  let moved = 0;
  for (let index = 0; index < before.length; index++) if (before[index] !== after[index]) moved++;
  return moved;
}
