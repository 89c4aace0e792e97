import { describe, expect, it } from 'vitest';
import { reshardingModel } from '../../models/resharding/resharding.ts';
import { expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('resharding family', () => {
  it('meets every expectation at the defaults', async () => {
    const reports = await expectFamily(reshardingModel);
    const fenced = reports.find((r) => r.variant === 'fenced')!;
    expect([fenced.result.distinctStates, fenced.result.complete]).toEqual([2331, true]);
  });

  it('a write routed by a stale map is acknowledged by the old owner and lost', async () => {
    const lines = await expectShortest(reshardingModel, 'stale-map', 'no-lost-ack-write', { length: 9 });
    expect(lines[0]).toMatch(/invokes move k to s1 at s0/);
    expect(lines.at(-1)).toMatch(/rr answers c2 read → 0$/);
  });

  it('catches the epoch check removed and the range released only after the handoff is acknowledged', async () => {
    const outcomes = await expectSensitivity(reshardingModel, 'fenced');
    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['no-epoch-check', true],
      ['release-after-acknowledgement', true],
    ]);
  });
});
