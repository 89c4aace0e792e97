/** Properties of key placement: minimal movement on membership changes, distinct replicas, load spread. */
export { distinctReplicas } from './distinct-replicas.ts';
export { loadSpread, showLoadSpread, type LoadSpread } from './load-spread.ts';
export { minimalMovement, movedKeys, type MembershipChange } from './minimal-movement.ts';
