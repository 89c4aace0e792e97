import { describe, expect, it } from 'vitest';
import { ModelContractError } from '../../src/core/errors.ts';
import { defineModel, type Model } from '../../src/core/model.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';

/** A counter that counts up to `limit`, optionally skipping a value; its properties carry no expectations. */
interface CounterSetup {
  readonly step: number;
  readonly names: readonly string[];
}

function counter(limit: number, setup: CounterSetup): Model<number, 'inc'> {
  return {
    init: () => [0],
    actions: (n) => (n < limit ? ['inc'] : []),
    next: (n) => n + setup.step,
    properties: setup.names.map((name) => ({ name, kind: 'always' as const, check: (n: number) => n !== 3 || 'reached 3' })),
  };
}

const family = defineModel({
  name: 'counter',
  description: 'counts up',
  params: { limit: { type: 'int', default: 4, min: 1, max: 9 }, unused: { type: 'bool', default: true } },
  variants: {
    ones: {
      description: 'steps of one: reaches 3',
      setup: { step: 1, names: ['not 3'] },
      expect: { 'not 3': 'violated' },
      mutations: { 'steps of two': { description: 'skips every odd number', setup: { step: 2 } } },
    },
    twos: { description: 'steps of two', uses: ['limit'], setup: { step: 2, names: ['not 3'] }, expect: (params) => ({ 'not 3': params.limit > 9 ? 'violated' : 'holds' }) },
    missing: { description: 'a property with no entry', setup: { step: 1, names: ['not 3', 'other'] }, expect: { 'not 3': 'violated' } },
    extra: { description: 'an entry with no property', setup: { step: 1, names: ['not 3'] }, expect: { 'not 3': 'violated', ghost: 'holds' } },
  },
  build: (variant, params) => {
    const limit: number = params.limit; // typed: no cast
    return counter(limit, variant.setup);
  },
});

describe('a variants table', () => {
  it('attaches each property its expectation from the table, also when it depends on the parameters', () => {
    const ones = bfs(family.build('ones', resolveParams(family, 'ones')));
    expect(ones.properties.map((p) => [p.name, p.expected, p.verdict])).toEqual([['not 3', 'violated', 'violated']]);
    const twos = bfs(family.build('twos', resolveParams(family, 'twos')));
    expect(twos.properties.map((p) => [p.name, p.expected, p.verdict])).toEqual([['not 3', 'holds', 'holds']]);
  });

  it("hands build the variant's expectations at its parameters, so it can build exactly the properties they name", () => {
    let seen: unknown;
    const probe = defineModel({
      name: 'probe',
      description: 'records its expectations',
      params: { limit: { type: 'int', default: 4, min: 1, max: 9 } },
      variants: { only: { description: 'one', setup: { step: 1 }, expect: (params) => ({ 'not 3': params.limit >= 3 ? 'violated' : 'holds' }) } },
      build: (variant, params) => {
        seen = variant.expect;
        return counter(params.limit, { step: variant.setup.step, names: Object.keys(variant.expect) });
      },
    });
    expect(bfs(probe.build('only', { limit: 2 })).properties.map((p) => [p.name, p.expected, p.verdict])).toEqual([['not 3', 'holds', 'holds']]);
    expect(seen).toEqual({ 'not 3': 'holds' });
    expect(bfs(probe.build('only', { limit: 4 })).properties.map((p) => [p.expected, p.verdict])).toEqual([['violated', 'violated']]);
  });

  it('builds a mutation as the variant with its setup overridden, under the variant\'s expectations', () => {
    const mutant = bfs(family.build('ones', resolveParams(family, 'ones'), 'steps of two'));
    expect(mutant.properties.map((p) => [p.expected, p.verdict, p.ok])).toEqual([['violated', 'holds', false]]);
    expect(family.variants.ones!.mutations).toEqual({ 'steps of two': { description: 'skips every odd number' } });
    expect(() => family.build('ones', {}, 'nope')).toThrow("counter/ones: unknown mutation 'nope'; mutations are: steps of two");
  });

  it('reports a property without an entry, and an entry without a property, as a model contract error naming both', () => {
    expect(() => family.build('missing', resolveParams(family, 'missing'))).toThrow(ModelContractError);
    expect(() => family.build('missing', resolveParams(family, 'missing'))).toThrow(
      "counter/missing: property 'other' has no entry in the variant's expect table (its entries: 'not 3')",
    );
    expect(() => family.build('extra', resolveParams(family, 'extra'))).toThrow(
      "counter/extra: the variant's expect table names 'ghost', which the built model has no property of (its properties: 'not 3')",
    );
  });

  it('passes build a parameter outside the variant\'s uses at its default, but leaves it out of the resolved values', () => {
    expect(resolveParams(family, 'twos')).toEqual({ limit: 4 });
    let seen: unknown;
    const probe = defineModel({
      name: 'probe',
      description: 'records its parameters',
      params: { limit: { type: 'int', default: 4, min: 1, max: 9 }, unused: { type: 'bool', default: true } },
      variants: { only: { description: 'one', uses: ['limit'], setup: {}, expect: {} } },
      build: (_variant, params) => {
        seen = params;
        return { init: () => [0], actions: () => [], next: (n: number) => n, properties: [] };
      },
    });
    probe.build('only', resolveParams(probe, 'only'));
    expect(seen).toEqual({ limit: 4, unused: true });
  });

  it('refuses, at compile time, a variant whose setup lacks a field or a build that reads one that is not there', () => {
    defineModel({
      name: 'typed',
      description: 'type errors',
      params: {},
      variants: {
        // @ts-expect-error: `step` is missing from this variant's setup
        a: { description: 'a', setup: { names: [] }, expect: {} },
        b: { description: 'b', setup: { step: 1, names: [] }, expect: {} },
      },
      build: (variant: { name: 'a' | 'b'; setup: CounterSetup }) => counter(1, variant.setup),
    });
    defineModel({
      name: 'typed',
      description: 'type errors',
      params: { n: { type: 'int', default: 1, min: 1, max: 2 } },
      variants: { a: { description: 'a', setup: { step: 1, names: [] }, expect: {} } },
      // @ts-expect-error: there is no parameter `m`
      build: (variant, params) => counter(params.m, variant.setup),
    });
  });

  it('refuses a variant without setup and expect, as a model file run without type checking may declare it', () => {
    const untyped = { name: 'old', description: 'old', params: {}, variants: { v: { description: 'properties carry their own expectations' } }, build: () => counter(4, { step: 1, names: ['not 3'] }) };
    expect(() => defineModel(untyped as never)).toThrow(ModelContractError);
    expect(() => defineModel(untyped as never)).toThrow('old/v: a variant needs setup and expect (its design choices and the expected verdict of every property)');
  });
});
