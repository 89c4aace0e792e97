/**
 * The test kit: faultline's assertions for a test runner (vitest, or any that reports a thrown
 * Error). Each works on the definitions it is handed:
 *
 * ```ts
 * import { expectFamily, expectShortest, expectSensitivity } from 'faultline/testing';
 * it('meets every expectation', () => expectFamily(dieHardModel));
 * it('solves the puzzle in 6 steps', () => expectShortest(dieHardModel, 'standard', 'big != 4', { length: 6 }));
 * it('catches every mutation', () => expectSensitivity(tcommitModel, 'standard'));
 * ```
 * A failing assertion throws an Error whose message is the readable account (the counterexample,
 * the surviving mutation, the differing verdict) and, for a saved counterexample, how to replay it.
 */

export { checkModel, expectModel, ModelCheckError, replayFile, type CheckModelOptions } from './check-model.ts';
export { expectFamily, type FamilyOptions } from './family.ts';
export { expectShortest, type ShortestExpectation } from './shortest.ts';
export { checkContract, expectContract, type ContractOptions, type ContractReport } from './contract.ts';
export { expectReductionSound, type Reduction, type ReductionOptions, type ReductionReport } from './reduction.ts';
export { checkSymmetric, expectSymmetric, type SymmetryOptions, type SymmetryReport } from './symmetry.ts';
export { expectSensitivity, type MutationOutcome, type SensitivityOptions } from './sensitivity.ts';
export { runSchedule, scheduleArbitrary, type Schedule, type ScheduleOptions } from '../explore/fast-check.ts';
export { describeSchedule, modelScheduleArbitrary, type ModelScheduleOptions } from './schedule-timeline.ts';
export type { VariantReport } from '../explore/check-variant.ts';
export type { ParamValues } from '../core/model.ts';
