/** Delivery properties of a partitioned log: no duplicates, no acknowledged message lost, consumed messages stay, in-sync replicas agree. */
export { consumedStays } from './consumed-stays.ts';
export { noDuplicates } from './no-duplicates.ts';
export { noLostAcknowledged } from './no-lost-ack.ts';
export { replicaConsistency } from './replica-consistency.ts';
export { someAcknowledged, someConsumed, type WitnessOptions } from './witnesses.ts';
