import { defineModel, type Property } from '../../src/core/model.ts';
import { defineSystem, type SystemState } from '../../src/system/index.ts';
import { compactedReplayEqualsFull, noDuplicateProcessing, noLostMessage, type DeliverySource, type ReplaySource } from '../../properties/consumers/index.ts';
import { broker, type BrokerState } from './broker.ts';
import { consumer, type ConsumerState } from './consumer.ts';
import type { CleanerTimer, CompactionMessage, CompactionSetup, ProducerResult, Write } from './messages.ts';

/** The producer's writes: `puts` values of k, then its delete. */
export const writesOf = (puts: number): Write[] => [...Array.from({ length: puts }, (_, i) => ({ key: 'k', value: i + 1 })), { key: 'k', value: null }];

const showWrite = (write: Write) => (write.value === null ? `delete ${write.key}` : `write ${write.key}=${write.value}`);

const describeMessage = (msg: CompactionMessage) =>
  msg.type === 'Fetch' ? `Fetch(from ${msg.offset})` : `Records(${msg.record === null ? 'none' : `${msg.record.offset}:${msg.record.key}=${msg.record.value ?? '⊥'}`}, next ${msg.next})`;

/**
 * Broker b (the log and its cleaner), the slow consumer c (one record a fetch) and a producer
 * c0 writing k `puts` times, then deleting it. The cleaner runs `cleanings` times, at any moment.
 */
export function compactionSystem(setup: CompactionSetup, puts: number, cleanings: number) {
  const writes = writesOf(puts);
  return defineSystem({
    roles: { broker: broker(setup, cleanings), consumer },
    nodes: [
      { role: 'broker', name: 'b' },
      { role: 'consumer', name: 'c' },
    ],
    network: 'unordered',
    workload: [writes.map((write) => ({ node: 'b', input: { f: 'write' as const, write } }))],
    properties: () => {
      type State = SystemState<BrokerState | ConsumerState, CompactionMessage, ProducerResult, CleanerTimer>;
      const brokerOf = (state: State) => state.nodes[0] as BrokerState;
      const consumerOf = (state: State) => state.nodes[1] as ConsumerState;
      const caughtUp = (state: State) => brokerOf(state).end === writes.length && consumerOf(state).position === writes.length;
      if (setup.policy === 'delete') {
        const delivery: DeliverySource<State> = {
          delivery: (state) => ({ records: brokerOf(state).end, processed: consumerOf(state).processed, inHand: [], committed: brokerOf(state).committed, logStart: brokerOf(state).start }),
        };
        const readsEverything: Property<State> = {
          name: 'consumer-reads-everything',
          kind: 'sometimes',
          description: 'witness: the consumer processes every write',
          check: (state) => caughtUp(state) && consumerOf(state).processed.length === writes.length,
        };
        return [noLostMessage(delivery), noDuplicateProcessing(delivery), readsEverything];
      }
      const replay: ReplaySource<State> = {
        replay: (state) => ({
          full: writes.slice(0, brokerOf(state).end).map((write, offset) => ({ ...write, offset })),
          retained: brokerOf(state).log,
          readers: [{ name: 'consumer c', position: consumerOf(state).position, table: consumerOf(state).table }],
        }),
      };
      const catchesUpAfterCleaning: Property<State> = {
        name: 'consumer-catches-up-over-a-cleaned-log',
        kind: 'sometimes',
        description: 'witness: the cleaner removed a record the consumer had not read, and the consumer reached the log end',
        check: (state) => caughtUp(state) && consumerOf(state).processed.length < writes.length,
      };
      return [compactedReplayEqualsFull(replay), catchesUpAfterCleaning];
    },
    describeMessage,
    describeInput: (input) => showWrite(input.write),
    describeOutput: (output) => `offset ${output.offset}`,
  });
}

const COMPACT: CompactionSetup = { policy: 'compact', tombstones: 'after-readers', keepFirst: false };

/** The catalog entry. */
export const compactionModel = defineModel({
  name: 'compaction',
  description: 'a Kafka-like log under compaction or retention, replayed by a slow consumer into a table',
  params: {
    puts: { type: 'int', default: 2, min: 1, max: 3, description: 'values written to k before its delete' },
    cleanings: { type: 'int', default: 2, min: 1, max: 3, description: 'runs of the cleaner (or of retention), each at any moment' },
  },
  variants: {
    compact: {
      description: 'compaction keeps the latest record of each key; a tombstone goes only once the consumer has read past it (delete.retention.ms long enough)',
      setup: COMPACT,
      expect: { 'compacted-replay-equals-full': 'holds', 'consumer-catches-up-over-a-cleaned-log': 'holds' },
      mutations: {
        'tombstone-removed-at-once': { description: 'the cleaner removes a tombstone as soon as it has removed the values it deletes', setup: { tombstones: 'at-once' } },
        'keeps-first-value': { description: 'compaction keeps the first record of a key instead of the latest', setup: { keepFirst: true } },
      },
    },
    'tombstone-removed-early': {
      description: 'the cleaner removes a tombstone before the slow consumer has read past it, so the consumer never sees the delete',
      params: { puts: 1, cleanings: 1 },
      setup: { ...COMPACT, tombstones: 'at-once' as const },
      expect: { 'compacted-replay-equals-full': 'violated', 'consumer-catches-up-over-a-cleaned-log': 'holds' },
    },
    retention: {
      description: 'the delete policy: retention removes records by age, read or not; the delivery properties report the unread ones as lost',
      params: { puts: 1, cleanings: 1 },
      setup: { ...COMPACT, policy: 'delete' as const },
      expect: { 'no-lost-message': 'violated', 'no-duplicate': 'holds', 'consumer-reads-everything': 'holds' },
    },
  },
  build: (variant, params) => compactionSystem(variant.setup, params.puts, params.cleanings),
});
