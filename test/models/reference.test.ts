import { describe, expect, it } from 'vitest';
import { dieHard, dieHardModel } from '../../models/die-hard/die-hard.ts';
import { tcommit, tcommitModel } from '../../models/tcommit/tcommit.ts';
import { twoPhaseCommitModel } from '../../models/two-phase-commit/two-phase-commit.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { expectContract, expectFamily, expectReductionSound, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

describe('die-hard', () => {
  it('meets its expectations: big != 4 is violated, and 1 gallon is measured on the way', async () => {
    const [report] = await expectFamily(dieHardModel);

    expect(report!.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['big != 4', 'violated'],
      ['measures 1 gallon', 'holds'],
    ]);
    expect(report!.properties[1]!.witness!.steps.map((s) => s.description)).toEqual(['fill small', 'pour small into big', 'fill small', 'pour small into big']);
  });

  it('finds the 6-step solution as the shortest counterexample of big != 4', async () => {
    await expectShortest(dieHardModel, 'standard', 'big != 4', {
      length: 6,
      lines: ['fill big', 'pour big into small', 'empty small', 'pour big into small', 'fill big', 'pour big into small'],
    });
  });

  it('counts 16 distinct, 97 generated, depth 8 when explored to the end (TLC)', () => {
    const result = bfs(dieHard(), { exhaustive: true });

    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([16, 97, 8]);
    expect(result.complete).toBe(true);
  });

  it('keeps the kernel contract, and its encode changes no verdict', async () => {
    expect(expectContract(dieHardModel).states).toBe(16);
    const { reduced, plain } = await expectReductionSound(dieHardModel, 'standard', 'encode');
    expect([reduced.distinctStates, plain.distinctStates]).toEqual([14, 14]);
  });

  it('catches both mutations (whole pours only, a 6-gallon jug): 4 gallons can no longer be measured', async () => {
    const outcomes = await expectSensitivity(dieHardModel, 'standard');

    expect(outcomes.map((o) => [o.mutation, o.missed])).toEqual([
      ['whole-pours-only', ['big != 4: holds, expected violated', 'measures 1 gallon: violated, expected holds']],
      ['big-jug-of-6', ['big != 4: holds, expected violated', 'measures 1 gallon: violated, expected holds']],
    ]);
  });
});

describe('tcommit', () => {
  it.each([
    [3, 34, 94, 7],
    [5, 274, 1296, 11],
  ])('rms=%i gives TLC counts %i distinct / %i generated / depth %i, TCConsistent holds and all commit is witnessed', async (rms, distinct, generated, depth) => {
    const [report] = await expectFamily(tcommitModel, { params: { rms } });

    const result = report!.result;
    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([distinct, generated, depth]);
    expect(result.properties.map((p) => [p.name, p.verdict, p.witness?.steps.length])).toEqual([
      ['TCConsistent', 'holds', undefined],
      ['all commit', 'holds', 2 * rms],
    ]);
    expect(bfs(tcommit(rms)).distinctStates).toBe(distinct);
  });

  it('keeps the kernel contract over every reachable state', () => {
    expect(expectContract(tcommitModel).states).toBe(34);
  });

  it('catches both mutations: a commit before all prepared, an abort after a commit', async () => {
    const outcomes = await expectSensitivity(tcommitModel, 'standard');

    expect(outcomes.map((o) => [o.mutation, o.missed])).toEqual([
      ['commit-without-all-prepared', ['TCConsistent: violated, expected holds']],
      ['abort-after-commit', ['TCConsistent: violated, expected holds']],
    ]);
  });
});

describe('two-phase-commit (the catalog family; TLC counts are in test/engine/two-phase-commit.test.ts)', () => {
  it('meets every expectation at rms=3: TCConsistent and deadlock-free hold over 288 states, a commit is witnessed in 10 steps', async () => {
    const [report] = await expectFamily(twoPhaseCommitModel);

    expect(report!.result.distinctStates).toBe(288);
    expect(report!.properties.map((p) => [p.name, p.verdict, p.witness?.steps.length])).toEqual([
      ['TCConsistent', 'holds', undefined],
      ['commits', 'holds', 10],
      ['deadlock-free', 'holds', undefined],
    ]);
  });

  it('keeps the kernel contract (the packed state is its own encoding and decoding)', () => {
    expect(expectContract(twoPhaseCommitModel, 'standard', { params: { rms: 4 } }).states).toBe(1_568);
  });

  it('its packed encode changes no verdict and no count', async () => {
    const { reduced, plain } = await expectReductionSound(twoPhaseCommitModel, 'standard', 'encode', { params: { rms: 4 } });

    expect([reduced.distinctStates, plain.distinctStates]).toEqual([1_568, 1_568]);
  });

  it('catches all three mutations of the protocol\'s guards', async () => {
    const outcomes = await expectSensitivity(twoPhaseCommitModel, 'standard');

    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['commit-before-all-prepared', true],
      ['prepared-rm-aborts', true],
      ['tm-changes-its-mind', true],
    ]);
  });
});
