/**
 * Action coverage of the random engines: per kind of action, how often it was enabled and taken,
 * so that a report can say which kinds a search never exercised.
 */
import type { Model } from '../core/model.ts';
import { describeAction } from '../core/trace.ts';

/** How often one kind of action was enabled and taken. */
export interface KindCoverage {
  /** Times an action of this kind was taken. */
  fired: number;
  /** Steps at which at least one action of this kind was enabled. */
  enabled: number;
  /** Whether the kind is a fault. */
  fault: boolean;
}

/**
 * The kind of an action, for coverage: its `type` field, else its `kind` field, else the first
 * word of its readable line.
 */
export function actionKind<S, A>(model: Model<S, A>, action: A, state: S): string {
  if (action !== null && typeof action === 'object') {
    const tag = (action as { type?: unknown }).type ?? (action as { kind?: unknown }).kind;
    if (typeof tag === 'string') return tag;
  }
  const line = describeAction(model, action, state);
  return line.split(/[\s(]/, 1)[0] || line;
}

/** Coverage per action kind, kinds in first-seen order. */
export class Coverage<S, A> {
  private readonly kinds = new Map<string, KindCoverage>();
  private readonly kindCache = new Map<unknown, string>();

  constructor(private readonly model: Model<S, A>) {}

  /** Counts one step: the actions enabled in `state` (with which are faults) and the one taken. */
  step(state: S, enabled: readonly A[], fault: readonly boolean[], taken: number): void {
    const seen = new Set<string>();
    for (let i = 0; i < enabled.length; i++) {
      const kind = this.kindOf(enabled[i]!, state);
      let entry = this.kinds.get(kind);
      if (!entry) this.kinds.set(kind, (entry = { fired: 0, enabled: 0, fault: fault[i]! }));
      if (!seen.has(kind)) {
        seen.add(kind);
        entry.enabled++;
      }
      if (i === taken) entry.fired++;
    }
  }

  /** Coverage as a plain object. */
  toJson(): Record<string, KindCoverage> {
    return Object.fromEntries([...this.kinds].map(([k, v]) => [k, { ...v }]));
  }

  private kindOf(action: A, state: S): string {
    // Actions are usually constants or strings: cache by identity, but only those.
    const cacheable = typeof action === 'string' || typeof action === 'number';
    if (cacheable) {
      const cached = this.kindCache.get(action);
      if (cached !== undefined) return cached;
    }
    const kind = actionKind(this.model, action, state);
    if (cacheable && this.kindCache.size < 10_000) this.kindCache.set(action, kind);
    return kind;
  }
}
