/**
 * `faultline/properties`: properties over what a model records. Client histories
 * (linearizable, regular register, no lost acknowledged write, availability, session
 * guarantees), partitioned-log order and delivery, consumers (groups, delivery, transactions,
 * compaction), replicated logs (committed entries never rolled back), computations (the output of
 * a sequential run), and the linearizability checker with its sequential specifications.
 */
export * from './history/index.ts';
export * from './ordering/index.ts';
export * from './delivery/index.ts';
export * from './consumers/index.ts';
export * from './logs/index.ts';
export * from './linearizability/index.ts';
export * from './computation/index.ts';
