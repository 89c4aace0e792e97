import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../../properties/linearizability/index.ts';
import { checkLinearizability, register } from '../../properties/linearizability/index.ts';

/** A register operation of client `id`. */
function op(id: number, call: number, ret: number, input: { f: 'write'; value: number } | { f: 'read' }, output: object): HistoryOperation<typeof input, never> {
  return { id, client: id, call, return: ret, input, output: output as never };
}

/**
 * Intervals are closed: an operation that returns at the instant another is called overlaps it
 * (real-time order is `A.return < B.call`), so either may be linearized first.
 */
describe('operations whose intervals touch', () => {
  it('are concurrent: a read called as a write returns may still see the old value', () => {
    const history = [op(0, 0, 5, { f: 'write', value: 1 }, {}), op(1, 5, 10, { f: 'read' }, { value: 0 })];

    expect(checkLinearizability(register(0), history).verdict).toBe('linearizable');
  });

  it('are concurrent the other way round: a read that returns as a write is called may see the new value', () => {
    const history = [op(0, 0, 5, { f: 'read' }, { value: 1 }), op(1, 5, 10, { f: 'write', value: 1 }, {})];

    expect(checkLinearizability(register(0), history).verdict).toBe('linearizable');
  });

  it('but one instant apart they are ordered: the stale read is not linearizable', () => {
    const history = [op(0, 0, 5, { f: 'write', value: 1 }, {}), op(1, 6, 10, { f: 'read' }, { value: 0 })];

    expect(checkLinearizability(register(0), history).verdict).toBe('not linearizable');
  });
});
