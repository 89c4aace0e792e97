/**
 * Properties of consumers of a partitioned log: a consumer group's ownership (single owner,
 * fenced commits), delivery judged over what was processed (no lost message, no duplicate),
 * transactions (exactly-once output, read-committed isolation) and compaction (compacted replay
 * equals full replay).
 */
export { firstRepeat } from './delivery-view.ts';
export type { DeliverySource, DeliveryView } from './delivery-view.ts';
export { noLostMessage } from './no-lost-message.ts';
export { noDuplicateProcessing } from './no-duplicate-processing.ts';
export { fencedCommitsRejected, singleOwner, type Grant, type OwnershipSource } from './ownership.ts';
export { exactlyOnceOutput, type OutputSource, type OutputView } from './exactly-once-output.ts';
export { readCommitted, type ReadSource, type SeenRecord } from './read-committed.ts';
export { compactedReplayEqualsFull, type KeyedWrite, type ReplayReader, type ReplaySource, type ReplayView } from './compacted-replay.ts';
