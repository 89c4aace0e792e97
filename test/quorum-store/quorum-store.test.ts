import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';
import type { SystemState } from '../../src/system/index.ts';
import { quorumStoreModel, type QuorumStoreModel } from '../../models/quorum-store/quorum-store.ts';

function check(variant: string, overrides: Record<string, string> = {}): { model: QuorumStoreModel; result: ExplorationResult } {
  const model = quorumStoreModel.build(variant, resolveParams(quorumStoreModel, variant, overrides)) as QuorumStoreModel;
  return { model, result: bfs(model) };
}

const verdicts = (r: ExplorationResult) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));

describe('quorum-store', () => {
  it('weak (R + W <= N): a read misses a completed write', () => {
    const { result } = check('weak');
    expect(verdicts(result)).toEqual({ regular: 'violated' });
    expect(result.properties.every((p) => p.ok)).toBe(true);
  });

  it('strict (R + W > N): regular holds exhaustively, linearizability is violated', () => {
    const { result } = check('strict');
    expect(result.complete).toBe(true);
    expect(verdicts(result)).toEqual({ regular: 'holds', linearizable: 'violated' });
  });

  it('strict: the counterexample is a new/old inversion', () => {
    const { model, result } = check('strict');
    const cex = result.properties.find((p) => p.name === 'linearizable')!.counterexample!;
    const last = cex.steps[cex.steps.length - 1]!.state as SystemState<any, any, any>;

    const reads = model.history(last).filter((op) => op.input.f === 'read' && op.return !== undefined);
    const write = model.history(last).find((op) => op.input.f === 'write')!;

    expect(reads.map((op) => op.output?.value)).toEqual([1, 0]);
    expect(reads[0]!.return!).toBeLessThan(reads[1]!.call); // the old value is read after the new one returned
    expect(write.return).toBeUndefined(); // both reads are concurrent with the write
    expect(cex.steps.map((s) => s.description)).toContain('c1 invokes read at n2');
  });

  it('abd: linearizable and regular hold exhaustively, with drops, duplicates and crashes', () => {
    const { result } = check('abd');
    expect(result.complete).toBe(true);
    expect(verdicts(result)).toEqual({ linearizable: 'holds', regular: 'holds' });
  });

  it('lww-skew: skewed clocks lose an acknowledged write; without skew none is lost', () => {
    const skewed = check('lww-skew').result;
    const synced = check('lww-skew', { skew: '0' }).result;

    expect(verdicts(skewed)).toEqual({ 'no-lost-ack-write': 'violated' });
    expect(skewed.properties[0]!.ok).toBe(true);
    expect(skewed.properties[0]!.counterexample!.steps.some((s) => s.description.endsWith('clock +1'))).toBe(true);
    expect(synced.complete).toBe(true);
    expect(verdicts(synced)).toEqual({ 'no-lost-ack-write': 'holds' });
    expect(synced.properties[0]!.ok).toBe(true);
  });

  it('sloppy: a hinted write during a partition is missed by a strict read quorum', () => {
    const { result } = check('sloppy');
    const steps = result.properties[0]!.counterexample!.steps.map((s) => s.description);
    expect(verdicts(result)).toEqual({ regular: 'violated' });
    expect(steps.some((s) => s.startsWith('partition'))).toBe(true);
    expect(steps.some((s) => s.includes('hint n'))).toBe(true);
  });

  it('rejects out-of-range parameters with one line naming the parameter and its range', () => {
    const usage = (variant: string, overrides: Record<string, string>) => {
      try {
        resolveParams(quorumStoreModel, variant, overrides);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(usage('strict', { r: '4' })).toBe('quorum-store/strict: r=4 is not allowed: r must be from 1 to replicas (3)');
    expect(usage('lww-skew', { skew: '-1' })).toMatch(/skew=-1 is not allowed: skew must be an integer from 0 to 3/);
    expect(usage('weak', { w: '3' })).toMatch(/r \+ w must be at most replicas \(3\)/);
    expect(usage('abd', { r: '1', w: '2' })).toMatch(/r \+ w must be more than replicas \(3\)/);
    expect(usage('quick', {})).toMatch(/unknown variant 'quick'; variants are: weak, strict, abd, lww-skew, sloppy/);
    for (const message of [usage('strict', { r: '4' }), usage('quick', {})]) expect(message).not.toContain('\n');
  });
});
