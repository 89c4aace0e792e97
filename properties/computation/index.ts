/**
 * Properties of computations over data (batch jobs, stream processing): the output agrees with
 * a sequential run; every input is counted exactly once; no input is lost.
 */
export { matchesSequentialRun, type OutputFiles, type SequentialOutputOptions } from './sequential-output.ts';
export { countedExactlyOnce, noInputLost, type CountSource } from './exactly-once.ts';
