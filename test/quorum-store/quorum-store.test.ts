import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';
import { quorumStore, quorumStoreModel } from '../../models/quorum-store/quorum-store.ts';
import { storeVariants, type StoreVariantName } from '../../models/quorum-store/variants.ts';

const build = (variant: StoreVariantName, overrides: Record<string, string> = {}, mutation?: string) => quorumStore(variant, resolveParams(quorumStoreModel, variant, overrides), mutation);
const verdicts = (r: ExplorationResult) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
const shortest = (r: ExplorationResult, name: string) => r.properties.find((p) => p.name === name)!.counterexample!.steps.length;

describe('quorum-store verdicts at defaults (bfs)', () => {
  const cases: [StoreVariantName, Record<string, string>, Record<string, number>, number | undefined][] = [
    ['weak', { regular: 'violated', 'read-sees-a-write': 'holds' }, { regular: 2 }, undefined],
    ['strict', { regular: 'holds', linearizable: 'violated', 'read-sees-a-write': 'holds' }, { linearizable: 9 }, 7419],
    ['counter-versions', { regular: 'violated', 'read-sees-a-write': 'holds' }, { regular: 9 }, undefined],
    ['abd', { linearizable: 'holds', regular: 'holds', 'read-sees-a-write': 'holds' }, {}, 21268],
    ['lww-skew', { 'no-lost-ack-write': 'violated', linearizable: 'violated', 'read-sees-a-write': 'holds' }, { 'no-lost-ack-write': 11, linearizable: 11 }, undefined],
    ['lww', { 'no-lost-ack-write': 'violated', linearizable: 'violated', 'read-sees-a-write': 'holds' }, { 'no-lost-ack-write': 9, linearizable: 9 }, undefined],
    ['lww-commit-wait', { 'no-lost-ack-write': 'holds', 'read-sees-a-write': 'holds' }, {}, 3437],
    ['sloppy', { regular: 'violated', 'read-sees-a-write': 'holds' }, { regular: 9 }, undefined],
  ];
  it.each(cases)('%s', (variant, expected, lengths, states) => {
    const result = bfs(build(variant));
    expect(verdicts(result)).toEqual(expected);
    expect(result.properties.every((p) => p.ok)).toBe(true);
    for (const [name, length] of Object.entries(lengths)) expect(shortest(result, name)).toBe(length);
    if (states !== undefined) {
      expect(result.complete).toBe(true);
      expect(result.distinctStates).toBe(states);
    }
  });

  it('abd-five: linearizable holds at five replicas, R = W = 3 (92,740 states)', () => {
    const result = bfs(build('abd-five'));
    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBe(92740);
    expect(verdicts(result)).toEqual({ linearizable: 'holds', 'read-sees-a-write': 'holds' });
  });

  it('strict: the counterexample is a new/old inversion', () => {
    const model = build('strict');
    const cex = bfs(model).properties.find((p) => p.name === 'linearizable')!.counterexample!;
    const last = cex.steps[cex.steps.length - 1]!.state as ReturnType<typeof model.init>[number];
    const reads = model.history(last).filter((op) => op.input.f === 'read' && op.return !== undefined);
    expect(reads.map((op) => op.output?.value)).toEqual([1, 0]);
    expect(reads[0]!.return!).toBeLessThan(reads[1]!.call);
  });
});

describe('quorum-store sensitivity: every mutation of a correct variant is caught by its default check', () => {
  const mutants = Object.entries(storeVariants).flatMap(([variant, row]) => Object.keys('mutations' in row ? row.mutations : {}).map((mutation) => [variant as StoreVariantName, mutation] as const));
  it.each(mutants)('%s with %s', (variant, mutation) => {
    const result = bfs(build(variant, {}, mutation));
    const missed = result.properties.filter((p) => !p.ok).map((p) => p.name);
    expect(missed.length, `${variant}/${mutation} survived`).toBeGreaterThan(0);
  });
});

describe('quorum-store obsolete-message reduction', () => {
  it.each(['weak', 'counter-versions', 'lww', 'lww-commit-wait', 'sloppy'] as const)('%s: same verdicts and shortest lengths without it', (variant) => {
    const a = bfs(build(variant));
    const b = bfs(quorumStore(variant, resolveParams(quorumStoreModel, variant, {}), undefined, false));
    expect(verdicts(b)).toEqual(verdicts(a));
    for (const p of a.properties) expect(b.properties.find((q) => q.name === p.name)!.counterexample?.steps.length).toBe(p.counterexample?.steps.length);
    expect(b.distinctStates).toBeGreaterThan(a.distinctStates);
  });
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
  expect(usage('weak', { w: '3' })).toMatch(/r \+ w must be at most replicas \(3\)/);
  expect(usage('abd', { r: '1', w: '2' })).toMatch(/r \+ w must be more than replicas \(3\)/);
});
