import { defineModel, type Model } from '../../src/core/model.ts';

/** Gallons in the two jugs. */
export interface Jugs {
  readonly big: number;
  readonly small: number;
}

/** The six jug moves. */
export type JugAction = 'fill small' | 'fill big' | 'empty small' | 'empty big' | 'pour small into big' | 'pour big into small';

const MOVES: readonly JugAction[] = ['fill small', 'fill big', 'empty small', 'empty big', 'pour small into big', 'pour big into small'];

/**
 * The Die Hard jug puzzle (TLA+ DieHard): a 5-gallon and a 3-gallon jug, no marks. The invariant
 * `big != 4` is meant to fail: its counterexample is the puzzle's solution.
 */
export function dieHard(bigCapacity = 5, smallCapacity = 3): Model<Jugs, JugAction> {
  return {
    init: () => [{ big: 0, small: 0 }],
    actions: () => MOVES,
    next(s, move) {
      switch (move) {
        case 'fill small':
          return { big: s.big, small: smallCapacity };
        case 'fill big':
          return { big: bigCapacity, small: s.small };
        case 'empty small':
          return { big: s.big, small: 0 };
        case 'empty big':
          return { big: 0, small: s.small };
        case 'pour small into big': {
          const poured = Math.min(s.small, bigCapacity - s.big);
          return { big: s.big + poured, small: s.small - poured };
        }
        case 'pour big into small': {
          const poured = Math.min(s.big, smallCapacity - s.small);
          return { big: s.big - poured, small: s.small + poured };
        }
      }
    },
    encode: (s) => s.big * 16 + s.small,
    properties: [
      {
        name: 'big != 4',
        kind: 'always',
        expect: 'violated',
        description: 'the big jug never holds exactly 4 gallons (the puzzle asks for a state that breaks it)',
        check: (s) => s.big !== 4 || 'the big jug holds 4 gallons',
      },
    ],
  };
}

/** The catalog entry. */
export const dieHardModel = defineModel({
  name: 'die-hard',
  description: 'The Die Hard jug puzzle (TLA+ DieHard): measure 4 gallons with a 5 and a 3 gallon jug',
  params: {},
  variants: { standard: { description: 'jugs of 5 and 3 gallons' } },
  build: () => dieHard(),
});
