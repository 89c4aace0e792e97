import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import type { Model } from '../../src/core/model.ts';
import { expectReductionSound } from '../../src/testing/index.ts';
import { paramsFor } from '../../src/testing/check-model.ts';

/** The model without its commuting relation: bfs then takes every step. */
const withoutSleepSets = (model: Model<unknown, unknown>): Model<unknown, unknown> => {
  const { commuting: _commuting, ...plain } = model;
  return plain;
};

// Every catalog variant the system layer builds (all say which steps commute), at its defaults.
const variants = catalog.flatMap((definition) =>
  Object.keys(definition.variants)
    .filter((variant) => definition.build(variant, paramsFor(definition, variant)).commuting !== undefined)
    .map((variant) => ({ definition, variant, id: `${definition.name}/${variant}` })),
);

describe('sleep sets change no verdict in any family (the test kit\'s reduction check)', () => {
  it('covers the system-layer families', () => {
    const families = new Set(variants.map((v) => v.definition.name));
    for (const family of ['quorum-store', 'cap', 'partitioned-log', 'replication', 'quorum-register', 'consumer-group', 'mapreduce', 'stream-processing', 'transactions']) expect(families).toContain(family);
  });

  it.each(variants)('$id: the same verdicts, counterexamples, witnesses, states and depth, with fewer or as many successors', async ({ definition, variant }) => {
    const { reduced, plain } = await expectReductionSound(definition, variant, { name: 'sleep sets', without: withoutSleepSets }, { engine: { sleepSets: true } });
    expect([reduced.distinctStates, reduced.depth]).toEqual([plain.distinctStates, plain.depth]);
    // Each state is first reached by the same edge as without them: the very same traces.
    const traces = (result: typeof plain) => result.properties.map((p) => (p.counterexample ?? p.witness)?.steps.map((step) => step.actionIndex));
    expect(traces(reduced)).toEqual(traces(plain));
    expect(reduced.generatedStates).toBeLessThanOrEqual(plain.generatedStates);
    // Run to the end, each state's steps are either taken or spared.
    if (reduced.complete && plain.complete) expect(reduced.generatedStates + Number(reduced.details?.['sleptTransitions'])).toBe(plain.generatedStates);
  });
});
