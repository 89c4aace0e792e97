import { describe, expect, it } from 'vitest';
import { dieHard, dieHardModel } from '../../models/die-hard/die-hard.ts';
import { tcommit } from '../../models/tcommit/tcommit.ts';
import { bfs } from '../../src/explore/bfs.ts';

describe('die-hard', () => {
  it('finds the 6-step solution as the shortest counterexample of big != 4', () => {
    // Arrange
    const model = dieHardModel.build('standard', {});

    // Act
    const result = bfs(model);

    // Assert
    const outcome = result.properties[0]!;
    expect(outcome.verdict).toBe('violated');
    expect(outcome.ok).toBe(true);
    expect(outcome.counterexample!.steps.map((s) => s.description)).toEqual([
      'fill big',
      'pour big into small',
      'empty small',
      'pour big into small',
      'fill big',
      'pour big into small',
    ]);
    expect(outcome.counterexample!.steps.at(-1)!.state).toEqual({ big: 4, small: 3 });
  });

  it('counts 16 distinct, 97 generated, depth 8 when explored to the end (TLC)', () => {
    const result = bfs(dieHard(), { exhaustive: true });

    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([16, 97, 8]);
    expect(result.complete).toBe(true);
  });
});

describe('tcommit', () => {
  it.each([
    [3, 34, 94, 7],
    [5, 274, 1296, 11],
  ])('rms=%i gives TLC counts %i distinct / %i generated / depth %i and TCConsistent holds', (rms, distinct, generated, depth) => {
    const result = bfs(tcommit(rms));

    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([distinct, generated, depth]);
    expect(result.properties.map((p) => [p.name, p.verdict])).toEqual([['TCConsistent', 'holds']]);
  });
});
