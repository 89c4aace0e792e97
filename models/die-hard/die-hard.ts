import { defineModel, withProperties, type Model, type Property } from '../../src/core/model.ts';

/** Gallons in the two jugs. */
export interface Jugs {
  readonly big: number;
  readonly small: number;
}

/** The six jug moves. */
export type JugAction = 'fill small' | 'fill big' | 'empty small' | 'empty big' | 'pour small into big' | 'pour big into small';

const MOVES: readonly JugAction[] = ['fill small', 'fill big', 'empty small', 'empty big', 'pour small into big', 'pour big into small'];

/** The jugs and the rule for pouring. */
export interface JugSetup {
  readonly bigCapacity: number;
  readonly smallCapacity: number;
  /** A pour stops when the target is full (as in the film); false: it moves water only when all of it fits. */
  readonly partialPours: boolean;
}

/** The film's jugs: 5 and 3 gallons. */
export const DIE_HARD: JugSetup = { bigCapacity: 5, smallCapacity: 3, partialPours: true };

/** How much a pour of `from` into a jug with `room` left moves. */
const poured = (from: number, room: number, partial: boolean): number => (partial ? Math.min(from, room) : from <= room ? from : 0);

/**
 * The Die Hard jug puzzle (TLA+ DieHard): a 5-gallon and a 3-gallon jug, no marks. The invariant
 * `big != 4` is meant to fail: its counterexample is the puzzle's solution.
 */
export function dieHard(setup: JugSetup = DIE_HARD): Model<Jugs, JugAction> {
  const { bigCapacity, smallCapacity, partialPours } = setup;
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
          const moved = poured(s.small, bigCapacity - s.big, partialPours);
          return { big: s.big + moved, small: s.small - moved };
        }
        case 'pour big into small': {
          const moved = poured(s.big, smallCapacity - s.small, partialPours);
          return { big: s.big - moved, small: s.small + moved };
        }
      }
    },
    encode: (s) => s.big * 16 + s.small,
    properties: [
      {
        name: 'big != 4',
        kind: 'always',
        description: 'the big jug never holds exactly 4 gallons (the puzzle asks for a state that breaks it)',
        check: (s) => s.big !== 4 || 'the big jug holds 4 gallons',
      },

    ],
  };
}

/** The catalog's witness that the jugs measure something neither holds when full (the bare puzzle keeps TLC's property list). */
export const measuresOneGallon: Property<Jugs> = {
  name: 'measures 1 gallon',
  kind: 'sometimes',
  description: 'some state has exactly 1 gallon in the small jug',
  check: (s) => s.small === 1,
};

/** The catalog entry. */
export const dieHardModel = defineModel({
  name: 'die-hard',
  description: 'The Die Hard jug puzzle (TLA+ DieHard): measure 4 gallons with a 5 and a 3 gallon jug',
  params: {},
  variants: {
    standard: {
      description: 'jugs of 5 and 3 gallons',
      setup: DIE_HARD,
      expect: { 'big != 4': 'violated', 'measures 1 gallon': 'holds' },
      mutations: {
        'whole-pours-only': {
          description: 'a pour moves water only when all of it fits, so no jug is ever partly filled by pouring',
          setup: { partialPours: false },
        },
        'big-jug-of-6': {
          description: 'a 6-gallon big jug: every amount is a multiple of 3, so 4 gallons cannot be measured',
          setup: { bigCapacity: 6 },
        },
      },
    },
  },
  build: (variant) => withProperties(dieHard(variant.setup), measuresOneGallon),
});
