import { defineModel, type Property } from '../../src/core/model.ts';
import { crash, defineSystem, type SystemState } from '../../src/system/index.ts';
import { exactlyOnceOutput, readCommitted, type OutputSource, type ReadSource } from '../../properties/consumers/index.ts';
import { application, type ApplicationState } from './application.ts';
import { broker, type BrokerState } from './broker.ts';
import { showRecord, type ReaderResult, type TxnMessage, type TxnSetup, type TxnTimer } from './messages.ts';


/** A message as a trace line; a restarted instance's requests and answers name its incarnation. */
const describeMessage = (msg: TxnMessage) => {
  const line = describeBare(msg);
  return 'incarnation' in msg && msg.incarnation > 0 ? line.replace(/\)?$/, (end) => `${end ? ', ' : '('}incarnation ${msg.incarnation})`) : line;
};

const describeBare = (msg: TxnMessage) => {
  switch (msg.type) {
    case 'Fetch':
      return `Fetch(in from ${msg.offset ?? 'the committed offset'})`;
    case 'Records':
      return `Records(in ${msg.from}..${msg.to - 1})`;
    case 'Produce':
      return `Produce(epoch=${msg.epoch}, ${msg.inputs.map((input) => `o${input}`).join(' ')})`;
    case 'EndTxn':
      return `EndTxn(epoch=${msg.epoch}, commit${msg.offset === null ? '' : `, offset ${msg.offset}`})`;
    case 'EndTxnResult':
      return `EndTxnResult(${msg.committed ? 'committed' : 'aborted'})`;
    case 'ProducerId':
      return `ProducerId(epoch=${msg.epoch})`;
    case 'CommitOffset':
      return `CommitOffset(${msg.offset})`;
    default:
      return msg.type;
  }
};

/**
 * Broker b, application instances p1 (running, epoch 1) and p2 (registering the same
 * transactional id: it takes over whenever its InitProducerId lands), and a downstream reader
 * c0 that reads `out` once. `records` input records; `aborts` transaction timeouts; `crashes`
 * of an instance (a restarted instance registers the id again).
 */
export function transactionsSystem(setup: TxnSetup, records: number, aborts: number, crashes: number) {
  return defineSystem({
    roles: { broker: broker(setup, records, aborts), application: application(setup) },
    nodes: [
      { role: 'broker', name: 'b' },
      { role: 'application', name: 'p1' },
      { role: 'application', name: 'p2' },
    ],
    // A connection delivers in order: an instance's Produce lands before its EndTxn.
    network: 'fifo',
    workload: [[{ node: 'b', input: { f: 'read' } }]],
    faults: { budget: crashes, kinds: crashes > 0 ? [crash({ nodes: ['p1', 'p2'] })] : [] },
    properties: (observer) => {
      type State = SystemState<BrokerState | ApplicationState, TxnMessage, ReaderResult, TxnTimer>;
      const brokerOf = (state: State) => state.nodes[0] as BrokerState;
      const output: OutputSource<State> = {
        output: (state) => {
          const b = brokerOf(state);
          return { committedInput: b.committed, committedOutputs: b.output.filter((r) => b.transactions[r.txn] === 'committed').map((r) => r.input) };
        },
      };
      const reads: ReadSource<State> = {
        seen: (state) =>
          observer
            .history(state)
            .flatMap((op) => op.output?.records ?? [])
            .map((record) => ({ record: showRecord(record), status: brokerOf(state).transactions[record.txn]! })),
      };
      const takeover: Property<State> = {
        name: 'takeover-commits-everything',
        kind: 'sometimes',
        description: 'witness: p2 takes over and commits the output of every input',
        check: (state) => brokerOf(state).committed === records && (state.nodes[2] as ApplicationState).commits > 0,
      };
      const readerSeesOutput: Property<State> = {
        name: 'reader-sees-output',
        kind: 'sometimes',
        description: 'witness: the downstream reader is given an output record',
        check: (state) => reads.seen(state).length > 0,
      };
      return [exactlyOnceOutput(output), readCommitted(reads), takeover, readerSeesOutput];
    },
    describeMessage,
    describeInput: () => 'read out',
    describeOutput: (result) => `[${result.records.map(showRecord).join(' ')}]`,
  });
}

const EXACTLY_ONCE: TxnSetup = { bumpEpoch: true, checkEpoch: true, abortOnInit: true, offsetsInTransaction: true, isolation: 'read_committed' };

/** The catalog entry. */
export const transactionsModel = defineModel({
  name: 'transactions',
  description: 'Kafka-like transactional read-process-write: producer epochs, commit and abort markers, read_committed readers',
  params: {
    records: { type: 'int', default: 1, min: 1, max: 2, description: 'records in the input partition' },
    aborts: { type: 'int', default: 1, min: 0, max: 1, description: 'transactions aborted by their timeout' },
    crashes: { type: 'int', default: 1, min: 0, max: 1, description: 'crashes of an application instance, each followed by a restart (which registers the id again)' },
  },
  variants: {
    'exactly-once': {
      description: 'a new instance’s initialisation bumps the epoch and aborts the open transaction; old epochs are refused; offsets commit in the transaction; the reader reads committed',
      setup: EXACTLY_ONCE,
      expect: { 'exactly-once-output': 'holds', 'read-committed': 'holds', 'takeover-commits-everything': 'holds', 'reader-sees-output': 'holds' },
      mutations: {
        'no-epoch-bump': { description: 'the epoch bump skipped: the new instance gets the old one’s epoch', setup: { bumpEpoch: false } },
        'no-epoch-check': { description: 'the broker does not compare a request’s epoch with the current one', setup: { checkEpoch: false } },
        'init-keeps-open-transaction': { description: 'initialisation leaves the old instance’s open transaction open', setup: { abortOnInit: false } },
        'offsets-outside-transaction': { description: 'the consumed offsets are committed after the transaction, by a plain commit', setup: { offsetsInTransaction: false } },
        'read-uncommitted': { description: 'the reader reads uncommitted records', setup: { isolation: 'read_uncommitted' } },
      },
    },
    'read-uncommitted': {
      description: 'the downstream reader uses isolation.level=read_uncommitted and is given records of a transaction that aborts',
      setup: { ...EXACTLY_ONCE, isolation: 'read_uncommitted' as const },
      expect: { 'exactly-once-output': 'holds', 'read-committed': 'violated', 'takeover-commits-everything': 'holds', 'reader-sees-output': 'holds' },
    },
    'zombie-producer': {
      description: 'no epoch fencing: p2 gets p1’s epoch and nothing refuses p1, so the paused p1 resumes and commits',
      setup: { ...EXACTLY_ONCE, bumpEpoch: false, checkEpoch: false },
      expect: { 'exactly-once-output': 'violated', 'read-committed': 'holds', 'takeover-commits-everything': 'holds', 'reader-sees-output': 'holds' },
    },
  },
  build: (variant, params) => transactionsSystem(variant.setup, params.records, params.aborts, params.crashes),
});
