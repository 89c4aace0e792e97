import type { ParamsOf, VariantDeclaration } from '../../src/core/model.ts';
import type { RegisterOp } from '../../properties/history/index.ts';
import type { ClientStep } from '../../src/system/index.ts';
import type { CheckpointDesign } from './checkpoint.ts';
import type { RaftDesign } from './raft-server.ts';
import type { ReplicaDesign } from './replica.ts';

/** The family's parameters. */
export const replicationParams = {
  faults: { type: 'int', default: 1, min: 0, max: 3, description: 'fault budget (crash, partition, link failure; by variant)' },
  skew: { type: 'int', default: 1, min: 0, max: 2, description: 'clock skew bound in ticks (lease variants)' },
  lease: { type: 'int', default: 2, min: 1, max: 4, description: 'lease duration in ticks (lease variants)' },
  'max-term': { type: 'int', default: 3, min: 1, max: 4, description: 'highest term an election may start (raft variants)' },
  candidates: { type: 'int', default: 2, min: 1, max: 3, description: 'servers that may start elections: s1, s3, then s2 (raft variants)' },
  'link-faults': { type: 'bool', default: false, description: 'links may fail one way, within the fault budget (checkpoint variants)' },
} as const;

/** Parameter values, typed. */
export type ReplicationParams = ParamsOf<typeof replicationParams>;

/**
 * The design choices of one variant, flat so that a mutation overrides single fields. `protocol`
 * picks the roles; each protocol reads its own fields and ignores the others'.
 */
export interface ReplicationSetup extends ReplicaDesign, Omit<RaftDesign, 'maxTerm' | 'candidates'>, CheckpointDesign {
  readonly protocol: 'primary-backup' | 'lease' | 'raft' | 'checkpoint';
  /** Primary-backup: how many replicas (n0 leads at the start). */
  readonly replicas: number;
  /** Lease: the margin is the clock skew bound plus this many ticks. */
  readonly marginOverSkew: number;
  /** Lease: the leader checks its lease before serving a read. */
  readonly checkLease: boolean;
  /** Lease: the elector waits for the current lease to end before electing another leader. */
  readonly waitForLease: boolean;
  /** What each client does, in order. */
  readonly workload: readonly (readonly ClientStep<RegisterOp>[])[];
  /** The fault kinds allowed (the budget is the `faults` parameter). */
  readonly faults: readonly ('crash-leader' | 'crash' | 'partition')[];
}

const write = (node: string, value: number): ClientStep<RegisterOp> => ({ node, input: { f: 'write', value } });
const read = (node: string): ClientStep<RegisterOp> => ({ node, input: { f: 'read' } });

/** Fields every primary-backup variant shares; each states the rest. */
const PRIMARY_BACKUP: Pick<ReplicationSetup, 'protocol' | 'flush' | 'reads' | 'leaderReads' | 'promotion' | 'inOrder' | 'marginOverSkew' | 'checkLease' | 'waitForLease' | 'commitRule' | 'upToDateVotes' | keyof CheckpointDesign> = {
  protocol: 'primary-backup',
  flush: false,
  reads: 'leader',
  leaderReads: 'committed',
  promotion: 'none',
  inOrder: true,
  marginOverSkew: 0,
  checkLease: true,
  waitForLease: true,
  commitRule: 'current-term',
  upToDateVotes: true,
  leaseReplacement: 'timeout-or-report',
  electOnlyExecuted: true,
  executeChecksTimeout: true,
  timeoutAborts: true,
};

/** A single master: one replica whose writes reach its disk in a flush step of their own. */
const SINGLE_MASTER: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  replicas: 1,
  flush: true,
  ack: 'flushed',
  workload: [[write('n0', 1)], [read('n0'), read('n0')]],
  faults: ['crash-leader'],
};

/** Asynchronous replication to two followers; reads at any replica. */
const ASYNC: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  replicas: 3,
  ack: 'on-receipt',
  reads: 'any',
  workload: [[write('n0', 1), read('n1')], [read('n1'), read('n2')]],
  faults: [],
};

/** Synchronous replication to every follower, reads at the leader, the next replica in line takes over after a crash. */
const SYNC: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  replicas: 3,
  ack: 'all',
  promotion: 'next',
  workload: [[write('n0', 1)], [read('n1'), read('n0'), read('n1')]],
  faults: ['crash'],
};

/** Failover with asynchronous replication: the leader acknowledges at once, the next replica takes over. */
const FAILOVER_ASYNC: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  replicas: 2,
  ack: 'on-receipt',
  promotion: 'next',
  workload: [[write('n0', 1)], [read('n1')]],
  faults: ['crash-leader'],
};

/**
 * Failover done right: acknowledged once a majority holds the write, the most up-to-date follower
 * takes over. Two writers, so that two entries can be in flight at once.
 */
const FAILOVER_MAJORITY: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  replicas: 3,
  ack: 'majority',
  promotion: 'most-up-to-date',
  workload: [[write('n0', 1)], [read('n1'), read('n2')], [write('n0', 2)]],
  faults: ['crash'],
};

/** Leader leases: n0 holds the first lease; a write at n1 makes n1 campaign; the old leader serves reads from its lease. */
const LEASE: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  protocol: 'lease',
  replicas: 2,
  ack: 'on-receipt',
  marginOverSkew: 1,
  workload: [[write('n1', 1)], [read('n0')]],
  faults: ['partition'],
};

/** Raft-like elections with terms: a write at s1 and one at s3, elections whenever a timeout expires. */
const RAFT: ReplicationSetup = {
  ...PRIMARY_BACKUP,
  protocol: 'raft',
  replicas: 3,
  ack: 'majority',
  workload: [[write('s1', 1)], [write('s3', 2)]],
  faults: [],
};

/**
 * Checkpoint coordination (RingMaster, tlaplus/Examples CheckpointCoordination): a primary hands a
 * checkpoint lease to one secondary at a time through the replicated log; 3 replicas, majority 2.
 */
const CHECKPOINT: ReplicationSetup = { ...PRIMARY_BACKUP, protocol: 'checkpoint', replicas: 3, ack: 'majority', workload: [], faults: ['crash'] };
const CHECKPOINT_PREEMPT: ReplicationSetup = { ...CHECKPOINT, leaseReplacement: 'also-own-lease' };

const ACK_BEFORE_DURABLE: ReplicationSetup = { ...SINGLE_MASTER, ack: 'on-receipt' };
const LEASE_SHORT: ReplicationSetup = { ...LEASE, marginOverSkew: 0, faults: [] };
const RAFT_ANY_TERM: ReplicationSetup = { ...RAFT, commitRule: 'any-term' };

/** The variants, declared once: design, expectations, and the mistakes a correct variant's check must catch. */
export const replicationVariants = {
  'single-master': {
    description: 'one master, reads and writes there, the write is on disk before it is acknowledged',
    uses: ['faults'],
    setup: SINGLE_MASTER,
    expect: { linearizable: 'holds', 'no-lost-ack-write': 'holds', 'write-acknowledged': 'holds', 'new-value-read': 'holds' },
    mutations: {
      'ack-before-durable': { description: 'the master acknowledges the write from memory, before its flush', setup: { ack: 'on-receipt' } },
      'read-from-memory': { description: 'reads return the latest write in memory, flushed or not', setup: { leaderReads: 'latest' } },
    },
  },
  'ack-before-durable': {
    description: 'the master acknowledges a write before it is on disk, then crashes and restarts',
    uses: ['faults'],
    setup: ACK_BEFORE_DURABLE,
    expect: { 'no-lost-ack-write': 'violated', 'write-acknowledged': 'holds' },
  },
  async: {
    description: 'asynchronous replication to two followers, reads at any replica (c0 writes and reads at n1; c1 reads at n1 then n2)',
    uses: [],
    setup: ASYNC,
    expect: { 'read-your-writes': 'violated', linearizable: 'violated', 'monotonic-reads': 'violated', 'new-value-read': 'holds' },
  },
  sync: {
    description: 'synchronous replication to every follower, reads at the leader, failover to the next replica after a crash',
    uses: ['faults'],
    setup: SYNC,
    expect: { linearizable: 'holds', 'no-lost-ack-write': 'holds', 'write-acknowledged': 'holds', 'new-value-read': 'holds', failover: 'holds' },
    mutations: {
      'async-ack': { description: 'the leader acknowledges before the followers hold the write', setup: { ack: 'on-receipt' } },
      'majority-ack': { description: 'the leader acknowledges once a majority holds the write, but any follower may take over', setup: { ack: 'majority' } },
      'follower-reads': { description: 'followers serve reads from their own copy', setup: { reads: 'any' } },
      'uncommitted-reads': { description: "the leader's reads return writes not yet acknowledged", setup: { leaderReads: 'latest' } },
    },
  },
  'failover-async': {
    description: 'asynchronous replication, the follower is promoted after the leader crashes',
    uses: ['faults'],
    setup: FAILOVER_ASYNC,
    expect: { 'no-lost-ack-write': 'violated', failover: 'holds' },
  },
  'failover-majority': {
    description: 'acknowledged once a majority holds the write; after the leader crashes the most up-to-date follower takes over',
    uses: ['faults'],
    setup: FAILOVER_MAJORITY,
    expect: { 'no-lost-ack-write': 'holds', linearizable: 'holds', failover: 'holds', 'new-value-read': 'holds' },
    mutations: {
      'promote-next': { description: 'the next replica in line takes over, however far behind', setup: { promotion: 'next' } },
      'async-ack': { description: 'the leader acknowledges before any follower holds the write', setup: { ack: 'on-receipt' } },
      'follower-reads': { description: 'followers serve reads from their own copy', setup: { reads: 'any' } },
      'arrival-order': { description: 'followers append entries in the order they arrive, not in log order', setup: { inOrder: false } },
    },
  },
  'lease-short': {
    description: 'leader leases with a margin equal to the clock skew bound: a deposed leader still serves reads',
    uses: ['skew', 'lease'],
    setup: LEASE_SHORT,
    expect: { linearizable: 'violated', 'write-acknowledged': 'holds', 'read-served': 'holds' },
  },
  'lease-safe': {
    description: 'leader leases with a margin one tick larger than the clock skew bound, one partition',
    uses: ['faults', 'skew', 'lease'],
    setup: LEASE,
    expect: { linearizable: 'holds', 'write-acknowledged': 'holds', 'read-served': 'holds' },
    mutations: {
      'margin-off-by-one': { description: 'the lease margin equals the skew bound', setup: { marginOverSkew: 0 } },
      'no-lease-check': { description: 'the leader serves reads until it hears it was deposed', setup: { checkLease: false } },
      'elect-early': { description: 'the elector elects a new leader without waiting for the lease to end', setup: { waitForLease: false } },
    },
  },
  'raft-any-term': {
    description: 'Raft-like elections; the leader counts an entry as committed once a majority holds it, whatever its term',
    uses: ['max-term', 'candidates'],
    setup: RAFT_ANY_TERM,
    expect: { 'never-rollback-committed': 'violated', 'entry-committed': 'holds' },
  },
  raft: {
    description: 'Raft-like elections; only entries of the current term are committed by counting replicas',
    uses: ['max-term', 'candidates'],
    setup: RAFT,
    expect: { 'never-rollback-committed': 'holds', 'entry-committed': 'holds' },
    mutations: {
      'any-term-commit': { description: 'the commit rule ignores the term', setup: { commitRule: 'any-term' } },
      'no-up-to-date-check': { description: "voters do not check that the candidate's log is as up-to-date as theirs", setup: { upToDateVotes: false } },
    },
  },
  'checkpoint-preempt': {
    description: "checkpoint leases; a primary elected while holding the current lease replaces it at once (the published model's failed \"optimisation\")",
    params: { faults: 2 },
    uses: ['faults', 'link-faults'],
    setup: CHECKPOINT_PREEMPT,
    expect: { 'one-checkpoint-at-a-time': 'violated', 'checkpoint-taken': 'holds' },
  },
  'checkpoint-lease': {
    description: 'checkpoint leases; the primary replaces a lease only once it timed out or its holder reported the checkpoint done',
    params: { faults: 2 },
    uses: ['faults', 'link-faults'],
    setup: CHECKPOINT,
    expect: { 'one-checkpoint-at-a-time': 'holds', 'checkpoint-taken': 'holds' },
    mutations: {
      'preempt-own-lease': { description: 'a primary holding the current lease replaces it at once', setup: { leaseReplacement: 'also-own-lease' } },
      'elect-holding-not-executed': { description: 'a replica may be elected once it holds every entry, executed or not', setup: { electOnlyExecuted: false } },
      'execute-ignores-timeout': { description: 'a secondary that executes a timed-out lease still checkpoints', setup: { executeChecksTimeout: false } },
      'timeout-does-not-abort': { description: 'a checkpoint under a lease that timed out runs on', setup: { timeoutAborts: false } },
    },
  },
} satisfies Record<string, VariantDeclaration<ReplicationSetup, ReplicationParams>>;
