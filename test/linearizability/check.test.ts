import { describe, expect, it } from 'vitest';
import type { CasRegisterInput, CasRegisterOutput, HistoryOperation, SequentialSpec } from '../../properties/linearizability/index.ts';
import {
  casRegister,
  checkLinearizability,
  keyValueMap,
  kv,
  readHistoryFile,
  register,
  specForHistory,
} from '../../properties/linearizability/index.ts';
import { UsageError } from '../../src/core/errors.ts';
import { dataFile } from './data.ts';

/** Shorthand for a history operation. */
function op<I, O>(id: number, call: number, ret: number | undefined, input: I, output?: O | null): HistoryOperation<I, O> {
  return { id, client: id, call, ...(ret === undefined ? {} : { return: ret }), input, ...(output === undefined ? {} : { output }) };
}

describe('checkLinearizability on small histories', () => {
  it('accepts the empty history', () => {
    const result = checkLinearizability(register(0), []);
    expect(result.verdict).toBe('linearizable');
    expect(result.steps).toBe(0);
  });

  it('finds a stale read and explains it', () => {
    // Arrange: write 1 completes, then a read returns the old value 0.
    const history = [op(0, 0, 1, { f: 'write' as const, value: 1 }, {}), op(1, 2, 3, { f: 'read' as const }, { value: 0 })];
    // Act
    const result = checkLinearizability(register(0), history);
    // Assert
    expect(result.verdict).toBe('not linearizable');
    const ex = result.explanation!;
    expect(ex.prefix.map((p) => [p.operation.id, p.stateAfter])).toEqual([[0, 1]]);
    expect(ex.stateAfterPrefix).toBe(1);
    expect(ex.stuck.map((s) => [s.operation.id, s.reason, s.description])).toEqual([[1, 'illegal', 'read → 0']]);
    expect(ex.message).toBe(
      'not linearizable: at most 1 of 2 operations linearize (reaching state 1); none can come next: #1 read → 0 (illegal)',
    );
  });

  it('accepts the same read when it overlaps the write', () => {
    const history = [op(0, 0, 3, { f: 'write' as const, value: 1 }, {}), op(1, 1, 2, { f: 'read' as const }, { value: 0 })];
    const result = checkLinearizability(register(0), history);
    expect(result.verdict).toBe('linearizable');
    expect(result.partitions[0]!.linearization).toEqual([1, 0]);
  });

  it('lets a pending write take effect later, or never', () => {
    // A write of 5 that never returns; a read sees 5; a later read sees 5 again.
    const write = { f: 'write' as const, value: 5 };
    const seen = [op(0, 0, undefined, write), op(1, 1, 2, { f: 'read' as const }, { value: 5 }), op(2, 3, 4, { f: 'read' as const }, { value: 5 })];
    expect(checkLinearizability(register(0), seen).verdict).toBe('linearizable');
    // Never taking effect is allowed too (return: Infinity is the same as absent).
    const unseen = [op(0, 0, Infinity, write), op(1, 1, 2, { f: 'read' as const }, { value: 0 })];
    expect(checkLinearizability(register(0), unseen).verdict).toBe('linearizable');
    // But once seen, it cannot be undone.
    const undone = [op(0, 0, undefined, write), op(1, 1, 2, { f: 'read' as const }, { value: 5 }), op(2, 3, 4, { f: 'read' as const }, { value: 0 })];
    expect(checkLinearizability(register(0), undone).verdict).toBe('not linearizable');
  });

  it('treats an unknown output as any response, but the operation still happens', () => {
    const cas = { f: 'cas' as const, from: 0, to: 7 };
    type CasOp = HistoryOperation<CasRegisterInput, CasRegisterOutput>;
    const history: CasOp[] = [op<CasRegisterInput, CasRegisterOutput>(0, 0, 1, cas, null), op(1, 2, 3, { f: 'read' as const }, { value: 7 })];
    expect(checkLinearizability(casRegister(0), history).verdict).toBe('linearizable');
    const failed: CasOp[] = [op(0, 0, 1, cas, { ok: false }), op(1, 2, 3, { f: 'read' as const }, { value: 7 })];
    expect(checkLinearizability(casRegister(0), failed).verdict).toBe('not linearizable');
  });

  it('cas-register: a failed cas is a definite observation', () => {
    const history: HistoryOperation<CasRegisterInput, CasRegisterOutput>[] = [op(0, 0, 1, { f: 'cas' as const, from: 0, to: 1 }, { ok: false })];
    expect(checkLinearizability(casRegister(0), history).verdict).toBe('not linearizable');
    expect(checkLinearizability(casRegister(3), history).verdict).toBe('linearizable');
  });

  it('kv: partitions by key, and reports the illegal partition', () => {
    const history = [
      op(0, 0, 1, { f: 'append' as const, key: 'a', value: 'x' }, {}),
      op(1, 2, 3, { f: 'append' as const, key: 'b', value: 'y' }, {}),
      op(2, 4, 5, { f: 'get' as const, key: 'a' }, { value: 'x' }),
      op(3, 6, 7, { f: 'get' as const, key: 'b' }, { value: 'yy' }),
    ];
    const result = checkLinearizability(kv(), history);
    expect(result.verdict).toBe('not linearizable');
    expect(result.partitions.map((p) => p.operations)).toEqual([2, 2]);
    expect(result.explanation!.partition).toBe(1);
    expect(result.explanation!.stateAfterPrefix).toEqual(expect.objectContaining({ key: 'b', value: 'y' }));
    // Without partitioning the verdict is the same.
    expect(checkLinearizability(kv(), history, { partition: false }).verdict).toBe('not linearizable');
  });

  it('keyValueMap: keys are independent registers starting at the initial value', () => {
    const history = [
      op(0, 0, 10, { f: 'write' as const, key: 'x', value: 1 }, {}),
      op(1, 1, 2, { f: 'read' as const, key: 'y' }, { value: 'init' }),
      op(2, 3, 4, { f: 'read' as const, key: 'x' }, { value: 1 }),
      op(3, 5, 6, { f: 'read' as const, key: 'x' }, { value: 'init' }),
    ];
    expect(checkLinearizability(keyValueMap('init'), history).verdict).toBe('not linearizable');
    expect(checkLinearizability(keyValueMap('init'), history.slice(0, 3)).verdict).toBe('linearizable');
  });

  it('rejects an operation that returns before its call', () => {
    const history = [op(0, 5, 4, { f: 'read' as const }, { value: 0 })];
    expect(() => checkLinearizability(register(0), history)).toThrow(UsageError);
    expect(() => checkLinearizability(register(0), history)).toThrow('history[0].return');
  });

  it('supports a spec with a custom hash and equality', () => {
    // A counter whose state is an object: equal states must be recognised via equal().
    const counter: SequentialSpec<{ n: number }, { f: 'inc' } | { f: 'get' }, { value?: number }> = {
      name: 'counter',
      init: () => ({ n: 0 }),
      step: (s, input, output) =>
        input.f === 'inc' ? { ok: true, next: { n: s.n + 1 } } : { ok: output === undefined || output.value === s.n, next: s },
      hash: (s) => s.n % 2,
      equal: (a, b) => a.n === b.n,
    };
    const history = [
      op(0, 0, 10, { f: 'inc' as const }, {}),
      op(1, 1, 11, { f: 'inc' as const }, {}),
      op(2, 12, 13, { f: 'get' as const }, { value: 2 }),
    ];
    expect(checkLinearizability(counter, history).verdict).toBe('linearizable');
    expect(checkLinearizability(counter, [...history.slice(0, 2), op(2, 12, 13, { f: 'get' as const }, { value: 1 })]).verdict).toBe(
      'not linearizable',
    );
  });
});

describe('budgets give unknown, never a guess', () => {
  it('a tiny step budget gives unknown', () => {
    // Arrange
    const history = readHistoryFile(dataFile('etcd_002.json'));
    // Act
    const result = checkLinearizability(specForHistory(history), history.operations, { maxSteps: 100 });
    // Assert
    expect(result.verdict).toBe('unknown');
    expect(result.budgetExhausted).toBe('steps');
    expect(result.steps).toBe(100);
    expect(result.explanation).toBeUndefined();
    expect(result.message).toMatch(/^unknown: the step budget of 100 ran out/);
  });

  it('a budget that suffices gives the real verdict', () => {
    const history = readHistoryFile(dataFile('etcd_007.json'));
    const result = checkLinearizability(specForHistory(history), history.operations, { maxSteps: 887_001 });
    expect(result.verdict).toBe('linearizable');
    expect(checkLinearizability(specForHistory(history), history.operations, { maxSteps: 887_000 }).verdict).toBe('unknown');
  });

  it('a tiny time budget gives unknown', () => {
    const history = readHistoryFile(dataFile('kv_c50-ok.json'));
    const result = checkLinearizability(specForHistory(history), history.operations, { timeoutMs: 1 });
    expect(result.verdict).toBe('unknown');
    expect(result.budgetExhausted).toBe('time');
    expect(result.partitions.some((p) => p.verdict === 'unknown')).toBe(true);
  });
});
