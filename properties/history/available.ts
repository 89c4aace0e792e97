import type { Property } from '../../src/core/model.ts';
import type { NodeId } from '../../src/system/index.ts';
import type { HistorySource } from './memo.ts';
import { nodeNamesOf } from './register-history.ts';

/** Options of {@link available}. */
export interface AvailableOptions {
  readonly name?: string;
  readonly expect?: 'holds' | 'violated';
}

/**
 * Availability (kind `eventually`, judged in terminal states): every operation invoked on a
 * node that is up has completed, without an error. Operations sent to a node that is down at
 * the end are not judged.
 */
export function available<St>(source: HistorySource<St, unknown, unknown> & { isUp(state: St, node: NodeId): boolean }, options: AvailableOptions = {}): Property<St> {
  const nodeName = nodeNamesOf(source);
  return {
    name: options.name ?? 'available',
    kind: 'eventually',
    expect: options.expect ?? 'holds',
    description: 'in every terminal state, every operation invoked on a node that is up has completed without error',
    check(state) {
      for (const op of source.history(state)) {
        if (!source.isUp(state, op.node)) continue;
        const what = `c${op.client}'s operation #${op.id} at ${nodeName(op.node)}`;
        if (op.return === undefined) return `${what} never completed`;
        if (op.error !== undefined) return `${what} failed: ${op.error}`;
      }
      return true;
    },
  };
}
