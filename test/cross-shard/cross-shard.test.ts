import { describe, expect, it } from 'vitest';
import { crossShardModel } from '../../models/cross-shard/cross-shard.ts';
import { expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('cross-shard family', () => {
  it('meets every expectation at the defaults (1 coordinator crash)', async () => {
    const reports = await expectFamily(crossShardModel);
    const twoPhase = reports.find((r) => r.variant === 'two-phase-commit')!;
    expect([twoPhase.result.distinctStates, twoPhase.result.complete]).toEqual([5043, true]);
  });

  it('a write applied shard by shard is seen half done: x new, then y old', async () => {
    const lines = await expectShortest(crossShardModel, 'shard-by-shard', 'atomic-visibility', { length: 8 });
    expect(lines.at(-1)).toMatch(/rt answers c1 read y → 0$/);
    expect(lines.filter((line) => line.includes('answers c1 read x → 1'))).toHaveLength(1);
  });

  it('catches reads that ignore prepared keys and a commit decision that is not logged', async () => {
    const outcomes = await expectSensitivity(crossShardModel, 'two-phase-commit');
    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['reads-ignore-prepared', true],
      ['volatile-decision', true],
    ]);
  });
});
