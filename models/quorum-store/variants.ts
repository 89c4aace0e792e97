import { baseDesign, type QuorumDesign } from '../shared/quorum/design.ts';
import { twoWritesThenRead, twoWritesVersusTwoReads, writeVersusTwoReads, type Script } from '../shared/quorum/workloads.ts';

/** The properties a variant can check. */
export type StoreProperty = 'regular' | 'linearizable' | 'no-lost-ack-write' | 'read-sees-a-write';

/** Everything a variant fixes besides its parameters: the design, the workload, the fault kinds. */
export interface StoreSetup extends Omit<QuorumDesign, 'replicas' | 'readQuorum' | 'writeQuorum'> {
  readonly workload: Script;
  /** Crash, drop and duplicate; or partitions (sloppy quorum). */
  readonly faultKinds: 'crash' | 'partition';
  /** Time passes (ticks up to `horizon`, clocks skewed up to `skew`). */
  readonly clocked: boolean;
  /** Bounded delay: time passes only when no message can be delivered. */
  readonly synchronous: boolean;
}

/** A small, plausible implementation mistake, as an override of the setup. */
export interface Mutation {
  readonly description: string;
  readonly setup: Partial<StoreSetup>;
}

/** One row of the variants table. */
export interface StoreVariant {
  readonly description: string;
  readonly params?: Record<string, number>;
  readonly uses?: readonly string[];
  readonly setup: StoreSetup;
  readonly expect: Partial<Record<StoreProperty, 'holds' | 'violated'>>;
  readonly mutations?: Readonly<Record<string, Mutation>>;
}

const base: StoreSetup = { ...baseDesign, workload: writeVersusTwoReads, faultKinds: 'crash', clocked: false, synchronous: false };
const QUORUM = ['replicas', 'r', 'w', 'faults'];
const CLOCKED = [...QUORUM, 'skew', 'horizon'];

/** Mistakes any quorum phase can make. */
const phaseMistakes: Record<string, Mutation> = {
  'quorum-one-short': { description: 'a phase completes with one answer too few', setup: { quorumShortBy: 1 } },
  'keeps-last-answer': { description: 'a query keeps the last answer received, not the highest version', setup: { keepLastAnswer: true } },
  'volatile-storage': { description: "a replica's stored value is lost at a crash", setup: { durableStorage: false } },
};

/** The variants, declared once. */
export const storeVariants = {
  weak: {
    description: 'R + W <= N: read and write quorums need not meet',
    params: { r: 1, w: 1 },
    uses: QUORUM,
    setup: base,
    expect: { regular: 'violated', 'read-sees-a-write': 'holds' },
  },
  strict: {
    description: 'R + W > N, versions from a read phase, the read returns the highest version of its quorum, no write-back',
    uses: QUORUM,
    setup: { ...base, versions: 'read', workload: twoWritesVersusTwoReads },
    expect: { regular: 'holds', linearizable: 'violated', 'read-sees-a-write': 'holds' },
    mutations: { 'quorum-one-short': phaseMistakes['quorum-one-short']!, 'keeps-last-answer': phaseMistakes['keeps-last-answer']!, 'counter-versions': { description: "a write's version is its coordinator's own counter, not read from a quorum", setup: { versions: 'counter' } } },
  },
  'counter-versions': {
    description: "R + W > N, but a write's version is its coordinator's own counter: two writers at different coordinators collide",
    uses: QUORUM,
    setup: { ...base, versions: 'counter', workload: twoWritesThenRead },
    expect: { regular: 'violated', 'read-sees-a-write': 'holds' },
  },
  abd: {
    description: 'ABD: reads write back to a write quorum and wait for it, writes read the highest version first',
    params: { faults: 1 },
    uses: QUORUM,
    setup: { ...base, versions: 'read', writeBack: 'awaited', workload: twoWritesThenRead },
    expect: { linearizable: 'holds', regular: 'holds', 'read-sees-a-write': 'holds' },
    mutations: {
      ...phaseMistakes,
      // A read without write-back needs two reads to show (strict's new/old inversion); abd-five has them.
      'write-without-read-phase': { description: "a write's version is its coordinator's counter (no read phase)", setup: { versions: 'counter' } },
    },
  },
  'abd-five': {
    description: 'ABD over five replicas, R = W = 3: where a read that does not await its write-back shows',
    params: { replicas: 5, r: 3, w: 3, faults: 0 },
    uses: QUORUM,
    setup: { ...base, versions: 'read', writeBack: 'awaited', workload: writeVersusTwoReads },
    expect: { linearizable: 'holds', 'read-sees-a-write': 'holds' },
    mutations: {
      'unawaited-write-back': { description: 'a read sends its write-back but returns without waiting for W acks', setup: { writeBack: 'unawaited' } },
      'no-write-back': { description: 'a read returns without writing back', setup: { writeBack: 'none' } },
    },
  },
  'lww-skew': {
    description: "versions are the coordinator's clock, last write wins, commit wait, clocks skewed",
    uses: CLOCKED,
    setup: { ...base, versions: 'clock', commitWait: true, clocked: true, workload: twoWritesThenRead },
    expect: { 'no-lost-ack-write': 'violated', linearizable: 'violated', 'read-sees-a-write': 'holds' },
  },
  lww: {
    description: "last write wins on the coordinator's clock, clocks in sync, no commit wait",
    params: { skew: 0 },
    uses: CLOCKED,
    setup: { ...base, versions: 'clock', clocked: true, workload: twoWritesThenRead },
    expect: { 'no-lost-ack-write': 'violated', linearizable: 'violated', 'read-sees-a-write': 'holds' },
  },
  'lww-commit-wait': {
    description: 'last write wins with a commit wait (no ack until the clock has passed the timestamp), clocks in sync',
    params: { skew: 0 },
    uses: CLOCKED,
    setup: { ...base, versions: 'clock', commitWait: true, clocked: true, workload: twoWritesThenRead },
    expect: { 'no-lost-ack-write': 'holds', 'read-sees-a-write': 'holds' },
    mutations: {
      'no-commit-wait': { description: 'the commit wait is left out', setup: { commitWait: false } },
      'quorum-one-short': phaseMistakes['quorum-one-short']!,
    },
  },
  sloppy: {
    description: 'sloppy quorum with hinted handoff during a partition',
    params: { faults: 1, horizon: 1 },
    uses: [...QUORUM, 'horizon'],
    setup: { ...base, sloppy: true, faultKinds: 'partition', clocked: true, synchronous: true, workload: writeVersusTwoReads },
    expect: { regular: 'violated', 'read-sees-a-write': 'holds' },
  },
} satisfies Record<string, StoreVariant>;

/** A variant's name. */
export type StoreVariantName = keyof typeof storeVariants;
