import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dieHard } from '../../models/die-hard/die-hard.ts';
import { runSchedule, scheduleArbitrary } from '../../src/explore/fast-check.ts';
import { describeSchedule, modelScheduleArbitrary } from '../../src/testing/index.ts';

const model = dieHard();
const noFourGallons = (schedule: { init: number; faults: number; choices: readonly number[] }) => runSchedule(model, schedule).violations.length === 0;

describe('a schedule prints as the timeline it drives', () => {
  it('a failing fc.assert (what test.prop of @fast-check/vitest runs) shows the actions, their effects and the violation', () => {
    let message = '';
    try {
      fc.assert(fc.property(modelScheduleArbitrary(model, { maxSteps: 30 }), noFourGallons), { seed: 42, numRuns: 2000 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/Counterexample: \[schedule \(init \d+, faults \d+\/16, \d+ choices\) drives 6 steps:\n {2}0\. initial state: big=0 small=0\n/);
    expect(message).toContain('fill big                        big: 0 → 5');
    expect(message).toContain('violation: big != 4: the big jug holds 4 gallons');
    expect(message).not.toContain('"choices"');
  });

  it('the printable schedule generates and shrinks exactly as scheduleArbitrary: same seed, same counterexample', () => {
    const plain = fc.check(fc.property(scheduleArbitrary({ maxSteps: 30 }), noFourGallons), { seed: 7, numRuns: 2000 });
    const printable = fc.check(fc.property(modelScheduleArbitrary(model, { maxSteps: 30 }), noFourGallons), { seed: 7, numRuns: 2000 });
    expect(printable.failed).toBe(true);
    expect(printable.counterexamplePath).toBe(plain.counterexamplePath);
    expect(JSON.parse(JSON.stringify(printable.counterexample))).toEqual(JSON.parse(JSON.stringify(plain.counterexample)));
  });

  it('a schedule that violates nothing says so', () => {
    expect(describeSchedule(model, { init: 0, faults: 0, choices: [0] })).toBe('schedule (init 0, faults 0/16, 1 choices) drives 1 step:\n  0. initial state: big=0 small=0\n  1. fill small                      small: 0 → 3\n  (no property violated)');
  });
});
