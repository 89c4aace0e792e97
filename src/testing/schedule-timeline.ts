import fc from 'fast-check';
import type { Model } from '../core/model.ts';
import { runSchedule, scheduleArbitrary, type Schedule, type ScheduleOptions } from '../explore/fast-check.ts';
import { buildCounterexample } from '../core/trace.ts';
import { renderCounterexample } from '../trace/render.ts';

/** Options of {@link modelScheduleArbitrary}: the schedule's, plus how the walk is judged. */
export interface ModelScheduleOptions extends ScheduleOptions {
  /** Properties judged along the printed walk (default: all of the model's). */
  readonly properties?: readonly string[];
  /** A fixed share of fault choices, as the engine's `faultRate` (default: the schedule's own). */
  readonly faultRate?: number;
}

/**
 * {@link scheduleArbitrary} for one model, whose values print as the timeline of actions they
 * drive, with the state changes and the violation, instead of a list of integers. fast-check
 * prints a counterexample through its `toStringMethod`, so a failing `fc.assert` (and
 * `test.prop` of `@fast-check/vitest`, which runs it) shows the trace:
 *
 * ```ts
 * test.prop([modelScheduleArbitrary(model, { maxSteps: 30 })])('never 4 gallons', (schedule) => {
 *   expect(runSchedule(model, schedule).violations).toEqual([]);
 * });
 * // Counterexample: [schedule (init 0, faults 0/16, 9 choices) drives 6 steps:
 * //   0. initial state: big=0 small=0
 * //   1. fill big                        big: 0 → 5 ...]
 * ```
 * Generation and shrinking are exactly those of `scheduleArbitrary` (the values are the same
 * schedules, with a non-enumerable printer attached), so seeds and paths replay alike.
 */
export function modelScheduleArbitrary<S, A>(model: Model<S, A>, options: ModelScheduleOptions = {}): fc.Arbitrary<Schedule> {
  return scheduleArbitrary(options).map((schedule) => {
    const printable = { ...schedule };
    Object.defineProperty(printable, fc.toStringMethod, { value: () => describeSchedule(model, schedule, options), enumerable: false });
    return printable;
  });
}

/** The timeline a schedule drives through a model: its actions, their effects and any violation. */
export function describeSchedule<S, A>(model: Model<S, A>, schedule: Schedule, options: ModelScheduleOptions = {}): string {
  const run = runSchedule(model, schedule, options);
  const violation = run.violations.map((v) => `${v.property}: ${v.message}`).join('; ');
  const trace = buildCounterexample(model, run.initIndex, run.actionIndices, violation);
  const lines = renderCounterexample(model, trace, { indent: '  ' });
  if (!violation) lines.splice(-1, 1, '  (no property violated)');
  const header = `schedule (init ${schedule.init}, faults ${schedule.faults}/16, ${schedule.choices.length} choices) drives ${run.actionIndices.length} step${run.actionIndices.length === 1 ? '' : 's'}:`;
  return [header, ...lines].join('\n');
}
