import type { Property } from '../../src/core/model.ts';
import { memoiseHistory, type HistorySource } from './memo.ts';
import { nodeNamesOf, numberedNode, precedes, showOp, type NodeNamer, type RegisterHistory, type RegisterOp, type RegisterOperation, type RegisterResult } from './register-history.ts';

/**
 * The common ground of the four session guarantees of Terry et al., "Session Guarantees for
 * Weakly Consistent Replicated Data" (PDIS 1994), judged over a register history.
 *
 * A session is one client's operations, in the order of their ids (the system layer numbers a
 * client's script in order). Terry et al. state each guarantee over the servers' databases and a
 * global write order: reading value v at server S means the write of v is the last, in the write
 * order, of the writes S holds. A history shows the databases only through what reads return, so
 * a guarantee is judged as a set of constraints on that order, and a history violates it when no
 * total write order meets them: when the constraints contain a cycle through one of the
 * guarantee's own constraints. The constraints every guarantee shares:
 *
 * - the initial value comes before every write (per key);
 * - a replica keeps what it acknowledged or served (its database only grows, as Terry et al.
 *   assume): when an operation completed at node S before a read at S began, the write it
 *   acknowledged, or the write whose value it returned, is at or before the read's value.
 *   Crashes that lose state and rollbacks break this; a cycle made of these constraints alone is
 *   a lost write, not a session-guarantee violation, and is not reported here.
 *
 * Values must identify writes (give each write a distinct value); a read of a value no write
 * wrote (nor the initial value) is not judged. Keys are judged separately. Only writes that
 * completed without error count as having happened before later operations of their session.
 */

/** A point of the write order: a write (by operation id) or a key's initial value. */
type Point = number | `initial:${string}`;

/** One constraint: `from` is at or before `to` in the write order (distinct points: strictly before). */
export interface OrderConstraint {
  readonly from: Point;
  readonly to: Point;
  /** Why, in words, e.g. `c0 read → 0 (#1) follows c0 write 1 (#0) in its session`. */
  readonly reason: string;
}

/** What a guarantee is judged over: the history, the writes each read returned, and readable names. */
export interface SessionView {
  readonly history: RegisterHistory;
  /** Completed, successful reads whose value names a write or the initial value. */
  readonly reads: readonly RegisterOperation[];
  /** The point a judged read returned. */
  source(read: RegisterOperation): Point;
  /** Writes that completed without error. */
  readonly acknowledged: readonly RegisterOperation[];
  /** `a` comes before `b` in one client's session (same key). */
  sessionBefore(a: RegisterOperation, b: RegisterOperation): boolean;
  /** A node's name in messages. */
  readonly nodeName: NodeNamer;
}

/** The initial point of an operation's key. */
const initialOf = (op: RegisterOperation): Point => `initial:${op.input.key ?? ''}`;

/** Builds the view of a history; `initial` is the register's value before any write. */
export function sessionView(history: RegisterHistory, initial: unknown, nodeName: NodeNamer = numberedNode): SessionView {
  const sources = new Map<number, Point>();
  const valueOf = (w: RegisterOperation) => (w.input as { value: unknown }).value;
  const reads = history.filter((op) => {
    if (op.input.f !== 'read' || op.return === undefined || op.error !== undefined) return false;
    const got = op.output?.value;
    const writer = history.find((w) => w.input.f === 'write' && w.input.key === op.input.key && valueOf(w) === got);
    if (writer) sources.set(op.id, writer.id);
    else if (got === initial) sources.set(op.id, initialOf(op));
    return sources.has(op.id);
  });
  return {
    history,
    reads,
    source: (read) => sources.get(read.id)!,
    acknowledged: history.filter((op) => op.input.f === 'write' && op.return !== undefined && op.error === undefined),
    sessionBefore: (a, b) => a.client === b.client && a.id < b.id && a.input.key === b.input.key,
    nodeName,
  };
}

/** Constraints every guarantee shares: initial values first, replicas keep what they acknowledged or served. */
function sharedConstraints(view: SessionView): OrderConstraint[] {
  const constraints: OrderConstraint[] = [];
  for (const write of view.history.filter((op) => op.input.f === 'write')) {
    constraints.push({ from: initialOf(write), to: write.id, reason: 'the initial value comes before every write' });
  }
  for (const read of view.reads) {
    for (const earlier of [...view.acknowledged, ...view.reads]) {
      if (earlier.node !== read.node || earlier.input.key !== read.input.key || !precedes(earlier, read)) continue;
      const what = earlier.input.f === 'write' ? 'acknowledged' : 'served';
      const from = earlier.input.f === 'write' ? earlier.id : view.source(earlier);
      constraints.push({ from, to: view.source(read), reason: `${view.nodeName(read.node)} ${what} ${showOp(earlier)} before it served ${showOp(read)}, and a replica keeps what it ${what}` });
    }
  }
  return constraints;
}

/** A path of constraints from `start` to `goal`, breadth-first (shortest), or null. */
function pathBetween(constraints: readonly OrderConstraint[], start: Point, goal: Point): OrderConstraint[] | null {
  const via = new Map<Point, OrderConstraint | null>([[start, null]]);
  const queue: Point[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    if (at === goal) {
      const path: OrderConstraint[] = [];
      for (let step = via.get(goal); step; step = via.get(step.from)!) path.unshift(step);
      return path;
    }
    for (const c of constraints) {
      if (c.from !== at || c.from === c.to || via.has(c.to)) continue;
      via.set(c.to, c);
      queue.push(c.to);
    }
  }
  return null;
}

/**
 * Judges a guarantee given as its own constraints: true when some total write order meets them
 * together with the shared ones; otherwise a message naming the guarantee's constraint and the
 * cycle it closes.
 */
export function judgeConstraints(view: SessionView, own: readonly OrderConstraint[]): true | string {
  const all = [...sharedConstraints(view), ...own];
  const name = (p: Point) => (typeof p === 'number' ? showOp(view.history.find((op) => op.id === p)!) : 'the initial value');
  for (const c of own) {
    if (c.from === c.to) continue;
    const back = pathBetween(all, c.to, c.from);
    if (back) {
      return `${c.reason}, so ${name(c.from)} must come before ${name(c.to)} in the write order; but ${back.map((b) => b.reason).join(', and ')}`;
    }
  }
  return true;
}

/** Options of a session-guarantee property. */
export interface SessionOptions {
  /** The register's value before any write (default null). */
  readonly initial?: unknown;
  readonly name?: string;
  readonly expect?: 'holds' | 'violated';
}

/** A session guarantee as a property of kind `history` (a violating history stays violating as it grows). */
export function sessionProperty<St>(
  source: HistorySource<St, RegisterOp, RegisterResult>,
  defaults: { readonly name: string; readonly description: string },
  judge: (history: RegisterHistory, initial: unknown, nodeName: NodeNamer) => true | string,
  options: SessionOptions,
): Property<St> {
  const nodeName = nodeNamesOf(source);
  const judgeOnce = memoiseHistory((h: RegisterHistory) => judge(h, options.initial ?? null, nodeName));
  return {
    name: options.name ?? defaults.name,
    kind: 'history',
    expect: options.expect ?? 'holds',
    description: defaults.description,
    check: (state) => judgeOnce(source.history(state)),
  };
}
