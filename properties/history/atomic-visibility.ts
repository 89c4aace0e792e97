import type { Property } from '../../src/core/model.ts';
import type { ClientHistory, ClientOperation } from '../../src/system/index.ts';
import { memoiseHistory, type HistorySource } from './memo.ts';

/** A client operation on a keyed store: a write of several keys at once, or a read of one key. */
export type MultiKeyOp = { readonly f: 'write'; readonly values: Readonly<Record<string, number>> } | { readonly f: 'read'; readonly key: string };
/** A write's answer is `{}`; a read's carries the value it saw. */
export type MultiKeyResult = { readonly value?: number };

type Operation = ClientOperation<MultiKeyOp, MultiKeyResult>;

const completedBefore = (a: Operation, b: Operation) => a.return !== undefined && a.error === undefined && a.return < b.call;
const readOf = (op: Operation) => (op.input.f === 'read' && op.return !== undefined && op.error === undefined ? op.input.key : undefined);
const show = (op: Operation) => (op.input.f === 'read' ? `c${op.client} read ${op.input.key} → ${op.output?.value}` : `c${op.client} write ${Object.entries(op.input.values).map(([key, value]) => `${key}=${value}`).join(' ')}`);

/**
 * Atomic visibility (Bailis et al., "Scalable Atomic Visibility with RAMP Transactions", 2014),
 * judged over single-key reads: once a read has seen one key of a multi-key write, no read that
 * begins after it returns, for another key of that write, a value the write overwrote (the
 * initial value, or that of a write that completed before this one began). Written values must
 * be unique per key, so a value names its write.
 */
export function judgeAtomicVisibility(history: ClientHistory<MultiKeyOp, MultiKeyResult>, initial = 0): true | string {
  const writes = history.filter((op) => op.input.f === 'write');
  const writerOf = (key: string, value: number | undefined) => writes.find((w) => w.input.f === 'write' && w.input.values[key] === value);
  for (const first of history) {
    const firstKey = readOf(first);
    if (firstKey === undefined) continue;
    const seen = writerOf(firstKey, first.output?.value);
    if (seen === undefined || seen.input.f !== 'write') continue;
    for (const later of history) {
      const laterKey = readOf(later);
      if (laterKey === undefined || laterKey === firstKey || !(laterKey in seen.input.values) || !completedBefore(first, later)) continue;
      const writer = writerOf(laterKey, later.output?.value);
      const overwritten = later.output?.value === initial && writer === undefined ? 'the initial value' : writer && completedBefore(writer, seen) ? `the value of ${show(writer)}` : undefined;
      if (overwritten) return `${show(seen)} is half visible: ${show(first)} saw it, then ${show(later)} (begun after) returns ${overwritten}`;
    }
  }
  return true;
}

/** Options of {@link atomicVisibility}. */
export interface AtomicVisibilityOptions {
  readonly initial?: number;
  readonly name?: string;
}

/** The atomic-visibility property (kind `history`): a multi-key write is seen whole or not at all. */
export function atomicVisibility<St>(source: HistorySource<St, MultiKeyOp, MultiKeyResult>, options: AtomicVisibilityOptions = {}): Property<St> {
  const judge = memoiseHistory((history: ClientHistory<MultiKeyOp, MultiKeyResult>) => judgeAtomicVisibility(history, options.initial ?? 0));
  return {
    name: options.name ?? 'atomic-visibility',
    kind: 'history',
    description: 'once a read sees one key of a multi-key write, later reads see its other keys too',
    check: (state) => judge(source.history(state)),
  };
}
