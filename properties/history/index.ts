/**
 * Properties over the client histories the system layer records: linearizability (against a
 * sequential spec from `properties/linearizability/specs/`), regular register, no lost
 * acknowledged write, availability, and the session guarantees of Terry et al. (read your
 * writes, monotonic reads, monotonic writes, writes follow reads; see `session.ts`).
 */
export { atomicVisibility, judgeAtomicVisibility, type AtomicVisibilityOptions, type MultiKeyOp, type MultiKeyResult } from './atomic-visibility.ts';
export { available, type AvailableOptions } from './available.ts';
export { linearizable, toCheckerHistory, type LinearizableOptions } from './linearizable.ts';
export { judgeMonotonicReads, monotonicReads } from './monotonic-reads.ts';
export { judgeMonotonicWrites, monotonicWrites } from './monotonic-writes.ts';
export { memoiseHistory, type HistorySource } from './memo.ts';
export { judgeNoLostWrite, noLostAcknowledgedWrite, type NoLostWriteOptions } from './no-lost-write.ts';
export { precedes, registerSource, showOp, type RegisterHistory, type RegisterOp, type RegisterOperation, type RegisterResult } from './register-history.ts';
export { judgeReadYourWrites, readYourWrites } from './read-your-writes.ts';
export { judgeRegular, regularRegister, type RegularOptions } from './regular.ts';
export { type OrderConstraint, type SessionOptions } from './session.ts';
export { judgeWritesFollowReads, writesFollowReads } from './writes-follow-reads.ts';
