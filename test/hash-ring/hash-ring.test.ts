import { describe, expect, it } from 'vitest';
import { hashRingModel } from '../../models/hash-ring/hash-ring.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('hash-ring family', () => {
  it('meets every expectation at the defaults, exhaustively over every sequence of 3 joins and leaves', async () => {
    const reports = await expectFamily(hashRingModel);
    const ring = reports.find((r) => r.variant === 'ring')!;
    expect([ring.result.distinctStates, ring.result.complete]).toEqual([3524, true]);
  });

  it('hash mod n breaks minimal movement with one join, naming a key that moved between old members', async () => {
    const lines = await expectShortest(hashRingModel, 'modulo', 'minimal-movement', { length: 1 });
    expect(lines).toEqual(['D joins']);
    const report = await checkModel(hashRingModel, { variant: 'modulo', properties: ['minimal-movement'] });
    expect(report.properties[0]!.counterexample!.violation).toMatch(/^D joined, yet k\d moved from [ABC] to [ABC] \(\d of 6 keys moved\)$/);
  });

  it('the next N tokens name one machine twice already in the initial ring (A1 A2 adjacent)', async () => {
    await expectShortest(hashRingModel, 'next-tokens', 'distinct-replicas', { length: 0 });
  });

  it("catches every mutation of Dynamo's ring (re-spread tokens, wrong skip rules)", async () => {
    const outcomes = await expectSensitivity(hashRingModel, 'ring');
    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['respace-tokens', true],
      ['skip-previous-only', true],
      ['dedupe-first-n', true],
    ]);
  });

  it('keeps to the model contract', () => {
    expectContract(hashRingModel, 'ring');
  });

  it('prints the load spread of each state', async () => {
    const report = await checkModel(hashRingModel, { variant: 'modulo', properties: ['minimal-movement'] });
    const view = report.explored.describeState!(report.properties[0]!.counterexample!.steps.at(-1)!.state as never) as Record<string, unknown>;
    expect(view['load']).toMatch(/^A=\d B=\d C=\d D=\d \(max\/mean \d\.\d\d\)$/);
  });
});
