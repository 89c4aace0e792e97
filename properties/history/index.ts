/**
 * Properties over the client histories the system layer records: linearizability (against a
 * sequential spec from `properties/linearizability/specs/`), regular register, no lost
 * acknowledged write, and availability.
 */
export { available, type AvailableOptions } from './available.ts';
export { linearizable, toCheckerHistory, type LinearizableOptions } from './linearizable.ts';
export { memoiseHistory, type HistorySource } from './memo.ts';
export { judgeNoLostWrite, noLostAcknowledgedWrite, type NoLostWriteOptions } from './no-lost-write.ts';
export { precedes, showOp, type RegisterHistory, type RegisterOp, type RegisterOperation, type RegisterResult } from './register-history.ts';
export { judgeRegular, regularRegister, type RegularOptions } from './regular.ts';
