import { canonicalJson } from '../core/canonical-json.ts';
import type { Model } from '../core/model.ts';
import type { Counterexample, Trace } from '../core/trace.ts';

/**
 * A trace as JSON (`check --json`), with the field names of the counterexample file
 * (`initIndex`, `steps[].actionIndex`, `.action`, `.line`, `violation`) plus the states: `initial`
 * and each step's `state`, as the model's readable view (`describeState`) where it has one, else
 * the state itself. Maps become objects and Sets arrays, as in the file.
 */
export function traceToJson<S, A>(model: Model<S, A>, trace: Trace<S, A>) {
  const view = (state: S) => toJsonData(model.describeState ? model.describeState(state) : state);
  return {
    length: trace.steps.length,
    initIndex: trace.initIndex,
    initial: view(trace.initial),
    steps: trace.steps.map((s) => ({ actionIndex: s.actionIndex, action: toJsonData(s.action), line: s.description, state: view(s.state) })),
  };
}

/** {@link traceToJson} with the violation message. */
export function counterexampleToJson<S, A>(model: Model<S, A>, cx: Counterexample<S, A>) {
  const { length, ...rest } = traceToJson(model, cx);
  return { length, violation: cx.violation, ...rest };
}

/** A value as plain JSON data, the way the counterexample file stores actions. */
export function toJsonData(value: unknown): unknown {
  const text = canonicalJson(value);
  return text === 'undefined' ? null : JSON.parse(text);
}
