import type { Model, ModelDefinition } from '../core/model.ts';
import type { Engine, EngineOptions } from '../explore/engine.ts';
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
  /**
   * The properties found to miss, with their verdicts (`name: verdict, expected ...`). When a
   * property expected to hold is found violated the search stops there, so this may name one
   * property where a full check would name more.
   */
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
    const missed = await missedUnder(engine, definition.build(variant, params, mutation), options);
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

/**
 * The properties of a mutant that miss their expectations. A mutant is usually caught by an
 * invariant that should hold and now has a counterexample, and a search for that one property
 * stops at its first counterexample, where a search for all of them would go on until each is
 * settled (often exhaustively). So the invariants expected to hold are tried one at a time first,
 * and only when none is violated is everything checked together.
 */
async function missedUnder(engine: Engine, mutant: Model<unknown, unknown>, options: EngineOptions): Promise<string[]> {
  const missedIn = (result: Awaited<ReturnType<Engine['run']>>) =>
    result.properties
      .filter((p) => !meetsExpectation(p.verdict, p.expected, engine.exhaustive, result.stopReason))
      .map((p) => `${p.name}: ${p.verdict}, expected ${p.expected}`);
  // A random engine gains nothing by it: each run would cost as much as the full check.
  const invariants = engine.exhaustive ? mutant.properties.filter((p) => (p.expect ?? 'holds') === 'holds' && (p.kind === 'always' || p.kind === 'history')) : [];
  const selected = options.properties;
  for (const property of invariants) {
    if (selected && !selected.includes(property.name)) continue;
    const result = await engine.run(mutant, { ...options, properties: [property.name] });
    if (result.properties.some((p) => p.verdict === 'violated')) return missedIn(result);
  }
  return missedIn(await engine.run(mutant, options));
}
