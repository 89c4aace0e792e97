import type { NodeId } from '../../src/system/index.ts';

/**
 * Who is who in a partitioned-log system: brokers b0 .. b(B-1), then the controller, then the
 * producers, then the consumer (when the variant has one). Replica sets and the partitioner.
 */
export interface Topology {
  readonly brokers: number;
  /** Partitions at the start. */
  readonly partitions: number;
  /** Partitions once the admin has added one (equal to `partitions` without repartition). */
  readonly maxPartitions: number;
  readonly replication: number;
  readonly producers: number;
  readonly consumers: number;
  /** min.insync.replicas, checked for acks=all. */
  readonly minInsync: number;
  /** Requests in flight per producer and partition. */
  readonly inFlight: number;
}

export const controllerOf = (t: Topology): NodeId => t.brokers;
export const producerNode = (t: Topology, producer: number): NodeId => t.brokers + 1 + producer;
export const consumerNode = (t: Topology, consumer: number): NodeId => t.brokers + 1 + t.producers + consumer;
/** The clients that learn of leader changes: producers and consumers. */
export const clientNodes = (t: Topology): NodeId[] => Array.from({ length: t.producers + t.consumers }, (_, i) => t.brokers + 1 + i);

/** The replicas of partition p: brokers p, p+1, ... (mod B); the first is the preferred leader. */
export function replicasOf(p: number, brokers: number, replication: number): number[] {
  return Array.from({ length: replication }, (_, i) => (p + i) % brokers);
}

/** FNV-1a, 32 bits: the partitioner's hash of a key. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Sets of brokers are bit sets. */
export const bit = (broker: number): number => 1 << broker;
export const has = (set: number, broker: number): boolean => ((set >> broker) & 1) === 1;
export const setOf = (brokers: readonly number[]): number => brokers.reduce((acc, b) => acc | bit(b), 0);
export function sizeOf(set: number): number {
  let k = 0;
  for (let bits = set; bits; bits &= bits - 1) k++;
  return k;
}
export const membersOf = (set: number, width: number): number[] => [...Array(width).keys()].filter((b) => has(set, b));

export { replaceAt } from '../shared/lists.ts';
