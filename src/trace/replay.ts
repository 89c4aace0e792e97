import { elide } from '../core/elide.ts';
import { UsageError } from '../core/errors.ts';
import type { Model, ModelDefinition, ParamValues, Property } from '../core/model.ts';
import { resolveParams } from '../core/params.ts';
import { judgeAt, selectProperties } from '../core/judge.ts';
import type { Counterexample, TraceStep } from '../core/trace.ts';
import { canonicalJson, CounterexampleFileError, type CounterexampleFile } from './counterexample-file.ts';
import { describeAction } from '../core/trace.ts';

/**
 * Replay of a counterexample file: re-run its steps from the initial state and say whether the
 * violation is still there.
 *
 * Each step is checked strictly: the action at the recorded `actionIndex` among the enabled
 * actions must equal the recorded action (compared as JSON with sorted keys). When it does not,
 * the replay diverges at that step, even if an equal action is enabled at another index: indices
 * are what engines and traces store, so a changed order means the model changed under the file,
 * and a silent tolerance would hide it. The message then names the index where the action is now
 * enabled, so the fix (save the counterexample again) is obvious.
 */

/** The three outcomes of a replay. */
export type ReplayOutcome = 'reproduced' | 'no-longer-violates' | 'diverges';

/** What a replay found. */
export interface ReplayResult {
  readonly outcome: ReplayOutcome;
  /** The model the file named, built at its parameters. */
  readonly model: Model<unknown, unknown>;
  readonly params: ParamValues;
  /** The steps that could be replayed (all of them unless it diverged), as a renderable counterexample. */
  readonly counterexample: Counterexample;
  /** For `diverges`: the step (1-based) that could not be taken; 0 when the initial state is missing. */
  readonly divergedAt?: number;
  /** One line saying what happened. */
  readonly message: string;
  /** For `reproduced`: the property's message now (it may differ from the recorded one). */
  readonly violation?: string;
}

/** Exit code of a replay outcome: 0 reproduced, 1 otherwise. */
export function replayExitCode(outcome: ReplayOutcome): number {
  return outcome === 'reproduced' ? 0 : 1;
}

/** Finds the file's model, variant and property, and resolves its parameters; errors name the file and the field. */
export function resolveFileModel(
  file: CounterexampleFile,
  catalog: readonly ModelDefinition[],
  source: string,
): { definition: ModelDefinition; params: ParamValues; model: Model<unknown, unknown>; property: Property<unknown> } {
  const definition = catalog.find((d) => d.name === file.model);
  if (!definition) throw new CounterexampleFileError(source, `model: unknown model '${elide(String(file.model))}'; models are: ${catalog.map((d) => d.name).join(', ')}`);
  if (!Object.hasOwn(definition.variants, file.variant)) {
    throw new CounterexampleFileError(source, `variant: unknown variant '${file.variant}' of ${definition.name}; variants are: ${Object.keys(definition.variants).join(', ')}`);
  }
  let params: ParamValues;
  try {
    params = resolveParams(definition, file.variant, Object.fromEntries(Object.entries(file.params).map(([k, v]) => [k, String(v)])));
  } catch (error) {
    if (error instanceof UsageError) throw new CounterexampleFileError(source, `params: ${error.message}`);
    throw error;
  }
  const model = definition.build(file.variant, params) as Model<unknown, unknown>;
  const all = selectProperties(model);
  const property = all.find((p) => p.name === file.property);
  if (!property) throw new CounterexampleFileError(source, `property: unknown property '${file.property}' of ${definition.name}/${file.variant}; properties are: ${all.map((p) => p.name).join(', ')}`);
  if (property.kind === 'sometimes') {
    throw new CounterexampleFileError(source, `property: '${file.property}' is a sometimes property: it is violated only by a whole search that reaches no witness, so no trace replays it`);
  }
  return { definition, params, model, property };
}

/** Replays a validated file against the catalog. */
export function replayCounterexample(file: CounterexampleFile, catalog: readonly ModelDefinition[], source: string): ReplayResult {
  const { params, model, property } = resolveFileModel(file, catalog, source);
  const initIndex = file.initIndex ?? 0;
  const inits = model.init();
  const steps: TraceStep[] = [];
  const partial = (initial: unknown, violation: string): Counterexample => ({ initIndex, initial, steps, violation });
  const initial = inits[initIndex];
  if (initial === undefined) {
    const message = `diverges at step 0: the model has ${inits.length} initial state${inits.length === 1 ? '' : 's'}, the file starts from #${initIndex}`;
    return { outcome: 'diverges', model, params, counterexample: partial(null, message), divergedAt: 0, message };
  }
  let state: unknown = initial;
  for (let k = 0; k < file.steps.length; k++) {
    const recorded = file.steps[k]!;
    const enabled = model.actions(state);
    const action = enabled[recorded.actionIndex];
    const want = canonicalJson(recorded.action);
    if (action === undefined || canonicalJson(action) !== want) {
      const elsewhere = enabled.findIndex((a) => canonicalJson(a) === want);
      // Both actions as recorded JSON: their readable lines may be equal when the data differ.
      const now =
        action === undefined
          ? `only ${enabled.length} action${enabled.length === 1 ? ' is' : 's are'} enabled`
          : `action #${recorded.actionIndex} here is ${elide(canonicalJson(action), 120)} ('${describeAction(model, action, state)}')`;
      const hint = elsewhere >= 0 ? `; it is enabled as action #${elsewhere}: the model's action order changed, save the counterexample again` : '';
      const message = `diverges at step ${k + 1}: the file records action #${recorded.actionIndex} as ${elide(want, 120)} ('${elide(recorded.line, 120)}'), which is not enabled: ${now}${hint}`;
      return { outcome: 'diverges', model, params, counterexample: partial(initial, `not reached: the replay stopped before step ${k + 1}`), divergedAt: k + 1, message };
    }
    const description = describeAction(model, action, state);
    state = model.next(state, action);
    steps.push({ action, actionIndex: recorded.actionIndex, description, state });
  }
  const violation = judgeAt(model, property, state);
  const n = `${steps.length} step${steps.length === 1 ? '' : 's'}`;
  if (violation === null) {
    const message = `no longer violates: '${property.name}' is satisfied after the ${n} (recorded: ${file.violation})`;
    return { outcome: 'no-longer-violates', model, params, counterexample: partial(initial, `none: '${property.name}' is satisfied here`), message };
  }
  const changed = violation !== file.violation ? ` (recorded message: ${file.violation})` : '';
  return {
    outcome: 'reproduced',
    model,
    params,
    counterexample: partial(initial, violation),
    message: `reproduced: '${property.name}' is violated after ${n}${changed}`,
    violation,
  };
}
