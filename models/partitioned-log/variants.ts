import type { Expectation, VariantDeclaration } from '../../src/core/model.ts';
import { KAFKA, type LogSetup } from './setup.ts';

/** The properties a variant may check, by name. */
export type LogProperty =
  | 'per-key-order'
  | 'per-partition-order'
  | 'no-duplicates'
  | 'no-lost-ack'
  | 'replica-consistency'
  | 'presumed-isr-consistency'
  | 'consumed-stays'
  | 'some-ack'
  | 'some-ack-after-failover'
  | 'some-consumed'
  | 'some-consumed-after-failover';

/**
 * One row of the table (the kernel's variant declaration): a design, its parameter defaults, what
 * its properties must give, the mistakes its check must catch. Its `expect` names the properties
 * the built model checks.
 */
export interface LogRow extends VariantDeclaration<LogSetup> {
  readonly expect: Readonly<Partial<Record<LogProperty, Expectation>>>;
}

const crash = { ...KAFKA, faults: 'crash' } as const satisfies LogSetup;
/** acks=all with fenced truncation (KIP-320), and a failure detector that may notice a crash late, or never if the broker is back first. */
const acksAll = { ...crash, acks: 'all', detection: 'delayed' } as const satisfies LogSetup;
/**
 * acks=all survives two broker crashes only if nothing else is wrong: one crash hides the
 * election's mistake. No retries (horizon 0): none of these mistakes needs one.
 */
const twoCrashes = { producers: 1, keys: 1, messages: 1, partitions: 1, brokers: 2, faults: 2, horizon: 0 };

/** Fast leader changes: one producer sends a1 and a2 (both may be in flight) to one partition of two replicas; no faults needed. */
const fastMoves = { producers: 1, keys: 1, messages: 2, 'in-flight': 2, partitions: 1, brokers: 2, faults: 0, horizon: 0 };
/** A leader cut off with its producer: one message, one partition of two replicas, one tick for the lag timeout. */
const isolated = { producers: 1, keys: 1, messages: 1, partitions: 1, brokers: 2, faults: 1, horizon: 1 };
const isolatedLeader = { ...KAFKA, acks: 'all', faults: 'isolate', shrinkOnLag: 'confirmed' } as const satisfies LogSetup;

/**
 * The variants of the partitioned log: each a design (its setup), the properties it is checked
 * with and what they must give at the defaults, and for a correct design the plausible mistakes
 * (mutations) its default check must catch.
 */
export const LOG_VARIANTS = {
  keyed: {
    description: 'partition = hash(key) mod P, P fixed, one request in flight, retries; a request or response may be lost',
    setup: KAFKA,
    expect: { 'per-key-order': 'holds', 'per-partition-order': 'holds', 'some-ack': 'holds' },
    mutations: {
      'partitioner ignores the key': { description: 'the producer spreads its messages round robin over the partitions', setup: { partitioner: 'round-robin' } },
      'one more in flight': { description: 'the producer sends one request more per partition than configured', setup: { inFlightLimit: 'one-more' } },
    },
  },
  repartition: {
    description: 'an admin adds a partition while the producer sends; no faults (the reordering needs none)',
    params: { producers: 1, keys: 2, messages: 3, faults: 0 },
    setup: { ...KAFKA, repartition: true },
    expect: { 'per-key-order': 'violated', 'per-partition-order': 'holds', 'some-ack': 'holds' },
  },
  'retries-in-flight': {
    description: 'retries with 2 requests in flight, not idempotent, one producer on one partition; a request or response may be lost',
    params: { 'in-flight': 2, producers: 1, partitions: 1 },
    setup: KAFKA,
    expect: { 'per-partition-order': 'violated', 'no-duplicates': 'violated', 'no-lost-ack': 'holds', 'some-ack': 'holds' },
  },
  idempotent: {
    description: 'as retries-in-flight, with idempotence (producer id, sequence numbers); both producers write to one partition',
    params: { 'in-flight': 2, partitions: 1 },
    setup: { ...KAFKA, idempotent: true },
    expect: { 'per-partition-order': 'holds', 'no-duplicates': 'holds', 'no-lost-ack': 'holds', 'some-ack': 'holds' },
    mutations: {
      'sequence compared across producers': { description: "the leader compares a sequence number with the partition's last one, of any producer", setup: { sequenceScope: 'partition' } },
      'no sequence check': { description: 'the leader ignores sequence numbers', setup: { idempotent: false } },
    },
  },
  'acks-all': {
    description: 'acks=all, clean election from the ISR, fenced fetch and truncation (KIP-320), followers rejoin the ISR once caught up; two broker crashes, noticed late or never; no retries',
    params: twoCrashes,
    setup: acksAll,
    expect: { 'no-lost-ack': 'holds', 'replica-consistency': 'holds', 'presumed-isr-consistency': 'holds', 'some-ack-after-failover': 'holds' },
    mutations: {
      'election ignores the ISR': { description: 'the controller makes the first live replica leader, in sync or not', setup: { election: 'any' } },
      'high watermark as max': { description: "the leader's high watermark is the greatest log end over the ISR, not the least", setup: { highWatermark: 'max' } },
      'acks=all after the append': { description: "the leader answers acks=all right after its own append", setup: { ackAllWhen: 'appended' } },
      'high watermark over the confirmed ISR': { description: 'while a follower rejoins, the high watermark ignores it', setup: { expansion: 'confirmed' } },
    },
  },
  'acks-one': {
    description: 'acks=1, clean election; a broker may crash',
    setup: crash,
    expect: { 'no-lost-ack': 'violated', 'some-ack': 'holds' },
  },
  'unclean-election': {
    description: 'acks=all, min.insync.replicas=1, unclean election; brokers may crash twice',
    params: twoCrashes,
    setup: { ...acksAll, election: 'unclean', detection: 'perfect' },
    expect: { 'no-lost-ack': 'violated', 'some-ack': 'holds' },
  },
  'election-ignores-isr': {
    description: 'as acks-all, but the controller makes the first live replica leader, in sync or not',
    params: twoCrashes,
    setup: { ...acksAll, election: 'any' },
    expect: { 'no-lost-ack': 'violated', 'some-ack': 'holds' },
  },
  'truncate-to-high-watermark': {
    description: 'as acks-all, but a new follower cuts its log to its own high watermark (before KIP-101), so one restarted before its crash is noticed stays in the ISR without committed records',
    params: twoCrashes,
    setup: { ...acksAll, truncation: 'high-watermark', detection: 'delayed' },
    expect: { 'replica-consistency': 'violated', 'presumed-isr-consistency': 'violated', 'no-lost-ack': 'violated', 'some-ack': 'holds' },
  },
  'leader-moves': {
    description: 'as acks-all, with fast leader changes: the admin moves the leadership to b1 and back while a1 and a2 are sent; fenced fetch and truncation (KIP-320)',
    params: fastMoves,
    setup: { ...acksAll, moves: [1, 0] },
    expect: { 'replica-consistency': 'holds', 'no-lost-ack': 'holds', 'presumed-isr-consistency': 'holds', 'some-ack-after-failover': 'holds' },
    mutations: {
      'truncation by epoch lookup': { description: 'a new follower truncates where the leader says its last epoch ends, else to its high watermark (KIP-101)', setup: { truncation: 'epoch-lookup' } },
      'truncation to the high watermark': { description: 'a new follower cuts its log to its own high watermark (before KIP-101)', setup: { truncation: 'high-watermark' } },
      'no divergence check': { description: "the leader appends to a follower's log without checking its last entry", setup: { truncation: 'none' } },
    },
  },
  'epoch-lookup': {
    description: 'as leader-moves, but a new follower truncates by leader-epoch lookup (KIP-101): a leader with no entry of its last epoch sends it back to its own high watermark',
    params: fastMoves,
    setup: { ...acksAll, moves: [1, 0], truncation: 'epoch-lookup' },
    expect: { 'replica-consistency': 'violated', 'presumed-isr-consistency': 'violated', 'some-ack': 'holds' },
  },
  'isolated-leader': {
    description: 'acks=all, clean election, ISR shrink on lag confirmed by the controller; a broker may be cut off with the clients, and its controller session then expires',
    params: isolated,
    setup: isolatedLeader,
    expect: { 'no-lost-ack': 'holds', 'replica-consistency': 'holds', 'presumed-isr-consistency': 'holds', 'some-ack-after-failover': 'holds' },
    mutations: {
      'ISR shrink without the controller': { description: 'a leader drops a lagging follower from its ISR at once, before the controller confirms', setup: { shrinkOnLag: 'local' } },
      'acks=all after the append': { description: 'the leader answers acks=all right after its own append', setup: { ackAllWhen: 'appended' } },
    },
  },
  'unconfirmed-shrink': {
    description: 'as isolated-leader, but a leader drops a lagging follower from its ISR on its own: cut off, it shrinks the ISR to itself and acknowledges what the new leader never gets',
    params: isolated,
    setup: { ...isolatedLeader, shrinkOnLag: 'local' },
    expect: { 'no-lost-ack': 'violated', 'some-ack': 'holds' },
  },
  'high-watermark': {
    description: "a consumer polls twice through the partition's leader (the second poll may follow a failover), reading below the high watermark; a broker may crash; no retries",
    params: { producers: 1, messages: 1, partitions: 1, brokers: 2, horizon: 0 },
    setup: { ...crash, polls: 2 },
    expect: { 'consumed-stays': 'holds', 'some-consumed-after-failover': 'holds' },
    mutations: {
      'reads above the high watermark': { description: "the leader serves polls up to its log end", setup: { readCommitted: false } },
    },
  },
  'read-uncommitted': {
    description: "a consumer polls through the partition's leader, up to the leader's log end; a broker may crash; no retries",
    params: { producers: 1, messages: 1, partitions: 1, brokers: 2, horizon: 0 },
    setup: { ...crash, polls: 1, readCommitted: false },
    expect: { 'consumed-stays': 'violated', 'some-consumed': 'holds' },
  },
} as const satisfies Record<string, LogRow>;

/** A variant's name. */
export type LogVariant = keyof typeof LOG_VARIANTS;

