import type { ModelDefinition } from '../core/model.ts';
import { meetsExpectation } from '../explore/check-variant.ts';
import { defaultVariant, engineNamed, paramsFor, type CheckModelOptions } from './check-model.ts';

/** Options of {@link expectSensitivity}: the check that must catch the mutations (default: bfs at the variant's defaults). */
export interface SensitivityOptions extends Omit<CheckModelOptions, 'variant' | 'saveDir'> {
  /**
   * Mutations known to survive, each with the reason it is harmless (it changes nothing a
   * property could observe). Each must indeed survive: one that is caught is an error, so the
   * list cannot go stale.
   */
  readonly harmless?: Readonly<Record<string, string>>;
}

/** How one mutation fared. */
export interface MutationOutcome {
  readonly mutation: string;
  readonly description: string;
  /** Whether some property missed its expectation under the mutation. */
  readonly caught: boolean;
  /** The properties that missed, with their verdicts (`name: verdict, expected ...`). */
  readonly missed: readonly string[];
}

/**
 * Checks that the variant's default check catches every one of its mutations (the table's
 * `mutations`): under each, some property must miss the variant's expectation. Throws an Error
 * naming every mutation that survived, with its description, and every `harmless` one that did
 * not; a variant without mutations is an error too. Returns each mutation's outcome.
 */
export async function expectSensitivity(definition: ModelDefinition, variant = defaultVariant(definition), options: SensitivityOptions = {}): Promise<MutationOutcome[]> {
  const where = `${definition.name}/${variant}`;
  const mutations = Object.entries(definition.variants[variant]?.mutations ?? {});
  if (mutations.length === 0) throw new Error(`${where} has no mutations: its variants table row needs a sensitivity list (small mistakes its check must catch)`);
  const harmless = options.harmless ?? {};
  for (const name of Object.keys(harmless)) {
    if (!mutations.some(([m]) => m === name)) throw new Error(`${where}: '${name}' is listed as harmless but is not one of its mutations`);
  }
  const engine = engineNamed(options.engine);
  const params = paramsFor(definition, variant, options.params);
  const outcomes: MutationOutcome[] = [];
  for (const [mutation, { description }] of mutations) {
    const result = await engine.run(definition.build(variant, params, mutation), options);
    const missed = result.properties
      .filter((p) => !meetsExpectation(p.verdict, p.expected, engine.exhaustive))
      .map((p) => `${p.name}: ${p.verdict}, expected ${p.expected}`);
    outcomes.push({ mutation, description, caught: missed.length > 0, missed });
  }
  const problems = outcomes.flatMap((o) => {
    if (!o.caught && !Object.hasOwn(harmless, o.mutation)) return [`mutation '${o.mutation}' (${o.description}) survived: every property met its expectation`];
    if (o.caught && Object.hasOwn(harmless, o.mutation)) return [`mutation '${o.mutation}' is listed as harmless (${harmless[o.mutation]}) but was caught (${o.missed.join('; ')})`];
    return [];
  });
  if (problems.length > 0) throw new Error(`${where} with ${engine.name}: ${problems.join('\n')}`);
  return outcomes;
}
