import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelDefinition } from '../core/model.ts';
import type { VariantReport } from '../explore/check-variant.ts';
import { checkModel, describeMisses, ModelCheckError, type CheckModelOptions } from './check-model.ts';

/** Options of {@link expectFamily}: those of a check, minus the variant, plus which variants. */
export interface FamilyOptions extends Omit<CheckModelOptions, 'variant'> {
  /** The variants to check (default: all of them, in table order). */
  readonly variants?: readonly string[];
}

/**
 * Checks every variant of a family (bfs at its default parameters unless told otherwise) and
 * throws one {@link ModelCheckError} listing every property, of every variant, that missed its
 * expectation. Returns the reports, one a variant, when all were met.
 */
export async function expectFamily(definition: ModelDefinition, options: FamilyOptions = {}): Promise<VariantReport[]> {
  const reports: VariantReport[] = [];
  for (const variant of options.variants ?? Object.keys(definition.variants)) reports.push(await checkModel(definition, { ...options, variant }));
  const missed = reports.filter((r) => !r.ok);
  if (missed.length === 0) return reports;
  const dir = options.saveDir ?? join(tmpdir(), 'faultline-counterexamples');
  const accounts = missed.map((r) => describeMisses(r, dir));
  const heading = `${definition.name}: ${missed.length} of ${reports.length} variants missed an expectation (${missed.map((r) => r.variant).join(', ')})`;
  throw new ModelCheckError([heading, ...accounts.flatMap((a) => a.lines)].join('\n'), missed[0]!, accounts.flatMap((a) => a.files));
}
