import { describe, expect, it } from 'vitest';
import { dieHardModel } from '../../models/die-hard/die-hard.ts';
import { ModelContractError } from '../../src/core/errors.ts';
import { defineModel, type Model, type Variant } from '../../src/core/model.ts';
import { expectContract, expectFamily, expectReductionSound, expectSensitivity, expectShortest, ModelCheckError } from '../../src/testing/index.ts';

/** A counter from 0 to `limit` in steps of `step`; the property says it never reaches 3. */
interface CountSetup {
  readonly step: number;
  /** Hooks that break the kernel's contract, one at a time. */
  readonly breach?: 'mutates' | 'random next' | 'bad decode' | 'canonical not idempotent';
  /** A canonical form that merges 3 with 2: unsound, since the property tells them apart. */
  readonly mergeThree?: boolean;
}

function counter(limit: number, setup: CountSetup): Model<{ n: number }, 'inc'> {
  let calls = 0;
  return {
    init: () => [{ n: 0 }],
    actions: (s) => (s.n < limit ? ['inc'] : []),
    next(s) {
      if (setup.breach === 'mutates') {
        (s as { n: number }).n += 0.5;
        return { n: Math.ceil(s.n) };
      }
      return { n: s.n + setup.step + (setup.breach === 'random next' ? calls++ % 2 : 0) };
    },
    encode: (s) => s.n * 2,
    ...(setup.breach === 'bad decode' ? { decode: (e: number) => ({ n: e }) } : { decode: (e: number) => ({ n: e / 2 }) }),
    ...(setup.breach === 'canonical not idempotent' ? { canonical: (s: { n: number }) => ({ n: s.n + 1 }) } : {}),
    ...(setup.mergeThree ? { canonical: (s: { n: number }) => (s.n === 3 ? { n: 2 } : s) } : {}),
    describeAction: () => 'inc',
    properties: [{ name: 'not 3', kind: 'always', check: (s) => s.n !== 3 || 'reached 3' }],
  };
}

const counting = defineModel({
  name: 'counting',
  description: 'counts up to a limit',
  params: { limit: { type: 'int', default: 5, min: 1, max: 9 } },
  variants: {
    ones: {
      description: 'steps of one: reaches 3 in 3 steps',
      setup: { step: 1 },
      expect: { 'not 3': 'violated' },
      mutations: {
        'steps of two': { description: 'skips the odd numbers', setup: { step: 2 } },
        'steps of three': { description: 'reaches 3 anyway', setup: { step: 3 } },
      },
    },
    twos: { description: 'steps of two: never 3', setup: { step: 2 }, expect: { 'not 3': 'holds' } },
    wrong: { description: 'expects a holds it does not have', setup: { step: 1 }, expect: { 'not 3': 'holds' } },
    mutates: { description: 'next mutates its input', setup: { step: 1, breach: 'mutates' }, expect: { 'not 3': 'violated' } },
    random: { description: 'next is not deterministic', setup: { step: 1, breach: 'random next' }, expect: { 'not 3': 'violated' } },
    decode: { description: 'decode is not the inverse of encode', setup: { step: 1, breach: 'bad decode' }, expect: { 'not 3': 'violated' } },
    canonical: { description: 'canonical is not idempotent', setup: { step: 1, breach: 'canonical not idempotent' }, expect: { 'not 3': 'violated' } },
    merging: { description: 'canonical merges 3 with 2', setup: { step: 1, mergeThree: true }, expect: { 'not 3': 'violated' } },
  },
  build: (variant: Variant<CountSetup>, params) => counter(params.limit, variant.setup),
});

const only = (...variants: string[]) => ({ variants });

describe('expectFamily', () => {
  it('returns one report a variant when every expectation is met', async () => {
    const reports = await expectFamily(counting, only('ones', 'twos'));

    expect(reports.map((r) => [r.variant, r.properties[0]!.verdict])).toEqual([['ones', 'violated'], ['twos', 'holds']]);
  });

  it('throws one error naming every variant that missed, with its counterexample and replay line', async () => {
    const error = await expectFamily(counting, only('ones', 'wrong')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ModelCheckError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('counting: 1 of 2 variants missed an expectation (wrong)');
    expect(lines[1]).toBe("counting/wrong (limit=5) with bfs: property 'not 3' is violated (expected holds), 3 steps:");
    expect(lines.some((l) => l.startsWith('replay: npx faultline replay ') && l.endsWith('counting--wrong--not-3.json'))).toBe(true);
  });
});

describe('expectShortest', () => {
  it('passes on the pinned length and lines, and returns the lines', async () => {
    expect(await expectShortest(counting, 'ones', 'not 3', { length: 3, lines: ['inc', 'inc', 'inc'] })).toEqual(['inc', 'inc', 'inc']);
  });

  it('fails on another length, another line, or no counterexample, saying what bfs found', async () => {
    await expect(expectShortest(counting, 'ones', 'not 3', { length: 2 })).rejects.toThrow(
      "counting/ones, property 'not 3': expected a shortest counterexample of 2 steps, bfs found one of 3:",
    );
    await expect(expectShortest(dieHardModel, 'standard', 'big != 4', { length: 6, lines: ['fill big', 'pour small into big'] })).rejects.toThrow(
      "die-hard/standard, property 'big != 4': step 2 is 'pour big into small', expected 'pour small into big'",
    );
    await expect(expectShortest(counting, 'twos', 'not 3', { length: 3 })).rejects.toThrow(
      "counting/twos, property 'not 3': expected a shortest counterexample of 3 steps, but bfs says holds (4 states)",
    );
  });
});

describe('expectContract', () => {
  it('passes a pure, deterministic model and counts what it checked', () => {
    expect(expectContract(counting, 'ones')).toEqual({ states: 6, transitions: 5 });
  });

  it.each([
    ['mutates', "counting/mutates: next(state, inc) changed the state it was given (in state {\"n\":0.5})"],
    ['random', 'counting/random: next(state, inc) gave two different states (in state {"n":0})'],
    ['decode', 'counting/decode: decode() is not the inverse of encode(): encode(decode(2)) is 4 (in state {"n":1})'],
    ['canonical', 'counting/canonical: canonical() is not idempotent: canonical(canonical(s)) differs from canonical(s) (in state {"n":0})'],
  ])('catches a model whose %s breaks the contract', (variant, message) => {
    expect(() => expectContract(counting, variant)).toThrow(ModelContractError);
    expect(() => expectContract(counting, variant)).toThrow(message);
  });
});

describe('expectReductionSound', () => {
  it('passes a reduction that changes no verdict, and returns both searches', async () => {
    const { reduced, plain } = await expectReductionSound(counting, 'ones', 'encode');

    expect([reduced.distinctStates, plain.distinctStates]).toEqual([4, 4]);
  });

  it('fails an unsound canonical form, naming the property and both verdicts', async () => {
    await expect(expectReductionSound(counting, 'merging', 'canonical')).rejects.toThrow(
      "counting/merging, reduction canonical is not sound (4 states without it, 3 with it): 'not 3' is violated in 3 steps without it, holds with it",
    );
  });

  it('takes any reduction with a way to switch it off', async () => {
    const withoutMerge = { name: 'merge three', without: (_reduced: unknown, params: { limit?: unknown }) => counter(params.limit as number, { step: 1 }) };

    await expect(expectReductionSound(counting, 'merging', withoutMerge)).rejects.toThrow("'not 3' is violated in 3 steps without it, holds with it");
    await expect(expectReductionSound(counting, 'twos', 'canonical')).rejects.toThrow('counting/twos has no canonical hook to test');
  });
});

describe('expectSensitivity', () => {
  it('fails on a surviving mutation, with its name and description', async () => {
    await expect(expectSensitivity(counting, 'ones')).rejects.toThrow(
      "counting/ones with bfs: mutation 'steps of three' (reaches 3 anyway) survived: every property met its expectation",
    );
  });

  it('accepts a survivor listed as harmless, with its reason, and returns every outcome', async () => {
    const outcomes = await expectSensitivity(counting, 'ones', { harmless: { 'steps of three': 'still reaches 3, as the real counter does' } });

    expect(outcomes.map((o) => [o.mutation, o.caught, o.missed])).toEqual([
      ['steps of two', true, ['not 3: holds, expected violated']],
      ['steps of three', false, []],
    ]);
  });

  it('fails when a mutation listed as harmless is caught, or a variant has no mutations', async () => {
    await expect(expectSensitivity(counting, 'ones', { harmless: { 'steps of two': 'wrongly', 'steps of three': 'fine' } })).rejects.toThrow(
      "mutation 'steps of two' is listed as harmless (wrongly) but was caught (not 3: holds, expected violated)",
    );
    await expect(expectSensitivity(counting, 'twos')).rejects.toThrow('counting/twos has no mutations');
  });
});
