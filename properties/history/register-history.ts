import type { ClientHistory, ClientOperation, NodeId } from '../../src/system/index.ts';
import type { HistorySource } from './memo.ts';

/** A register (or key-value map) operation: a read, or a write of a value, on an optional key. */
export type RegisterOp = { readonly f: 'read'; readonly key?: string } | { readonly f: 'write'; readonly key?: string; readonly value: unknown };

/** A register response: the value read (absent for writes). */
export type RegisterResult = { readonly value?: unknown };

/** A register history as the system layer records it. */
export type RegisterHistory = ClientHistory<RegisterOp, RegisterResult>;

/** One register operation of a history. */
export type RegisterOperation = ClientOperation<RegisterOp, RegisterResult>;

/** True when `a` responded before `b` was invoked (the system layer's logical steps). */
export function precedes(a: RegisterOperation, b: RegisterOperation): boolean {
  return a.return !== undefined && a.error === undefined && a.return < b.call;
}

/** Completed, successful reads. */
export function completedReads(history: RegisterHistory): RegisterOperation[] {
  return history.filter((op) => op.input.f === 'read' && op.return !== undefined && op.error === undefined);
}

/** Writes on the same key as `op`. */
export function writesOn(history: RegisterHistory, op: RegisterOperation): RegisterOperation[] {
  return history.filter((w) => w.input.f === 'write' && w.input.key === op.input.key);
}

/** How a message names a node: as the system names it in traces (`s1`, `el`, `b0`). */
export type NodeNamer = (node: NodeId) => string;

/** The name of a node for a source that gives none: `n` and its index. */
export const numberedNode: NodeNamer = (node) => `n${node}`;

/** The node names of a history's source: its own `nodeName` (a compiled system has one), else {@link numberedNode}. */
export function nodeNamesOf(source: { nodeName?(node: NodeId): string }): NodeNamer {
  return source.nodeName ? (node) => source.nodeName!(node) : numberedNode;
}

/** A short name of an operation for messages: `c1 read → 1 (#2)`. */
export function showOp(op: RegisterOperation): string {
  const key = op.input.key !== undefined ? ` ${op.input.key}` : '';
  const what = op.input.f === 'write' ? `write${key} ${JSON.stringify(op.input.value)}` : `read${key}`;
  const result = op.input.f === 'read' && op.output ? ` → ${JSON.stringify(op.output.value)}` : '';
  return `c${op.client} ${what}${result}`;
}

/**
 * A history source whose clients also make other operations (a range move, a membership change)
 * seen as a register's: the register properties judge only the reads and writes in it.
 */
export function registerSource<St>(source: HistorySource<St, { readonly f: string }, RegisterResult>): HistorySource<St, RegisterOp, RegisterResult> {
  return source as HistorySource<St, RegisterOp, RegisterResult>;
}
