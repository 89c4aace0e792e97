import { describe, expect, it } from 'vitest';
import { dieHard, type JugAction } from '../../models/die-hard/die-hard.ts';
import { minimizePath } from '../../src/explore/minimize.ts';

const model = dieHard();
const property = model.properties[0]!;
const indicesOf = (moves: JugAction[]) => moves.map((m) => model.actions(model.init()[0]!).indexOf(m));

describe('minimizePath', () => {
  it('drops detours from a counterexample until it is as short as the shortest one', () => {
    // Arrange: the 6-step solution with a useless fill/empty pair and a repeated fill in it.
    const padded = indicesOf([
      'fill big', 'fill small', 'empty small', 'pour big into small', 'empty small',
      'pour big into small', 'fill big', 'fill big', 'pour big into small',
    ]);

    // Act
    const minimal = minimizePath(model, property, { initIndex: 0, actionIndices: padded });

    // Assert
    expect(minimal.actionIndices).toHaveLength(6);
    let state = model.init()[0]!;
    for (const index of minimal.actionIndices) state = model.next(state, model.actions(state)[index]!);
    expect(state.big).toBe(4);
  });

  it('cuts a path at the first state that breaks the property', () => {
    const solution = indicesOf(['fill big', 'pour big into small', 'empty small', 'pour big into small', 'fill big', 'pour big into small']);
    const longer = [...solution, ...indicesOf(['empty small', 'fill small'])];

    const minimal = minimizePath(model, property, { initIndex: 0, actionIndices: longer });

    expect(minimal.actionIndices).toEqual(solution);
  });

  it('leaves a path that never breaks the property as it is', () => {
    const harmless = indicesOf(['fill small', 'empty small']);

    const result = minimizePath(model, property, { initIndex: 0, actionIndices: harmless });

    expect(result.actionIndices).toEqual(harmless);
  });
});

describe('fast-check counterexamples of eventually properties', () => {
  it('end in a state where the full model has no enabled action (cap/cp, available)', async () => {
    // Arrange
    const { catalog } = await import('../../models/catalog.ts');
    const { resolveParams } = await import('../../src/core/params.ts');
    const { fastCheck } = await import('../../src/explore/fast-check.ts');
    const definition = catalog.find((d) => d.name === 'cap')!;
    const cp = definition.build('cp', resolveParams(definition, 'cp'));

    // Act
    const result = fastCheck(cp, { seed: 1, properties: ['available'] });

    // Assert
    const cx = result.properties[0]!.counterexample!;
    expect(result.properties[0]!.verdict).toBe('violated');
    expect(cp.actions(cx.steps.at(-1)!.state)).toHaveLength(0);
  });
});
