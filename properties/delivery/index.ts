/** Delivery properties of a partitioned log: no duplicates, no acknowledged message lost, consumed messages stay. */
export { consumedStays } from './consumed-stays.ts';
export { noDuplicates } from './no-duplicates.ts';
export { noLostAcknowledged } from './no-lost-ack.ts';
