import { expect } from 'vitest';
import type { ModelDefinition } from '../../src/core/model.ts';
import { checkModel } from '../../src/testing/index.ts';

/** One violated row: the variant, its property, and the length of its shortest counterexample (bfs). */
export type ShortestRow = readonly [variant: string, property: string, shortest: number];

/**
 * Asserts that fast-check (seed 1) finds each row's violation with a shrunk counterexample at most
 * `factor` times as long as the shortest one.
 */
export async function expectFastCheckWithin(definition: ModelDefinition, rows: readonly ShortestRow[], options: { readonly factor?: number; readonly runs?: number } = {}) {
  for (const [variant, property, shortest] of rows) {
    const report = await checkModel(definition, { variant, engine: 'fast-check', seed: 1, runs: options.runs ?? 2000, properties: [property] });
    const found = report.properties.find((p) => p.name === property)!;
    expect(found.verdict, `${variant}: ${property}`).toBe('violated');
    expect(found.counterexample!.steps.length, `${variant}: ${property}`).toBeLessThanOrEqual(shortest * (options.factor ?? 1.5));
  }
}
