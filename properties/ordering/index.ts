/** Order properties of a partitioned log: per partition (of one producer's messages) and per key; the consistency of the ISR a leader believes in. */
export { divergentReplica, firstOccurrences, showLog, type LogRecord, type InSyncView, type LogSource, type PlacedRecord, type ReplicaLog } from './log-view.ts';
export { perKeyOrder } from './per-key-order.ts';
export { perPartitionOrder } from './per-partition-order.ts';
export { presumedIsrConsistency } from './presumed-isr.ts';
