import type { ParamsOf, VariantDeclaration } from '../../src/core/model.ts';
import { baseDesign, type QuorumDesign } from '../shared/quorum/design.ts';
import { twoWritesThenRead, twoWritesVersusTwoReads, writeVersusTwoReads, type Script } from '../shared/quorum/workloads.ts';

/** The family's parameters. */
export const storeParams = {
  replicas: { type: 'int', default: 3, min: 3, max: 5, description: 'replicas N (the workload uses n0, n1, n2)' },
  r: { type: 'int', default: 2, min: 1, max: 5, description: 'read quorum R' },
  w: { type: 'int', default: 2, min: 1, max: 5, description: 'write quorum W' },
  faults: { type: 'int', default: 0, min: 0, max: 3, description: 'fault budget (drop, duplicate, crash; partition for sloppy)' },
  skew: { type: 'int', default: 1, min: 0, max: 3, description: 'clock skew bound in ticks (lww variants)' },
  horizon: { type: 'int', default: 2, min: 0, max: 6, description: 'time horizon in ticks (lww variants, sloppy)' },
} as const;

/** Parameter values, typed. */
export type StoreParams = ParamsOf<typeof storeParams>;

/** Everything a variant fixes besides its parameters: the design, the workload, the fault kinds, time. */
export interface StoreSetup extends Omit<QuorumDesign, 'replicas' | 'readQuorum' | 'writeQuorum'> {
  readonly workload: Script;
  /** Crash, drop and duplicate; or partitions (sloppy quorum). */
  readonly faultKinds: 'crash' | 'partition';
  /**
   * Time: `none`; `bounded-delay` (ticks up to `horizon`, only when no message can be delivered,
   * clocks in sync); `skewed` (ticks up to `horizon`, clocks apart by up to `skew`).
   */
  readonly time: 'none' | 'bounded-delay' | 'skewed';
}

/** One row of the variants table. */
export type StoreVariant = VariantDeclaration<StoreSetup, StoreParams>;

const base: StoreSetup = { ...baseDesign, workload: writeVersusTwoReads, faultKinds: 'crash', time: 'none' };
const QUORUM = ['replicas', 'r', 'w', 'faults'];
const CLOCKED = [...QUORUM, 'skew', 'horizon'];

/** Mistakes any quorum phase can make. */
const phaseMistakes = {
  'quorum-one-short': { description: 'a phase completes with one answer too few', setup: { quorumShortBy: 1 } },
  'keeps-last-answer': { description: 'a query keeps the last answer received, not the highest version', setup: { keepLastAnswer: true } },
  'volatile-storage': { description: "a replica's stored value is lost at a crash", setup: { durableStorage: false } },
} as const;

/**
 * Last-write-wins with a commit wait loses writes only when clocks are apart: at skew 0 every
 * later write gets a strictly larger timestamp (known-bugs.md, Quorum store).
 */
const lwwWithCommitWait = (p: StoreParams) => {
  const skewed = p.skew > 0 ? 'violated' : 'holds';
  return { 'no-lost-ack-write': skewed, linearizable: skewed, 'read-sees-a-write': 'holds' } as const;
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
    mutations: {
      'quorum-one-short': phaseMistakes['quorum-one-short'],
      'keeps-last-answer': phaseMistakes['keeps-last-answer'],
      'counter-versions': { description: "a write's version is its coordinator's own counter, not read from a quorum", setup: { versions: 'counter' } },
    },
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
    description: "versions are the coordinator's clock, last write wins, commit wait, clocks skewed (at skew 0 it holds)",
    uses: CLOCKED,
    setup: { ...base, versions: 'clock', commitWait: true, time: 'skewed', workload: twoWritesThenRead },
    expect: lwwWithCommitWait,
  },
  lww: {
    description: "last write wins on the coordinator's clock, clocks in sync, no commit wait",
    params: { skew: 0 },
    uses: CLOCKED,
    setup: { ...base, versions: 'clock', time: 'skewed', workload: twoWritesThenRead },
    expect: { 'no-lost-ack-write': 'violated', linearizable: 'violated', 'read-sees-a-write': 'holds' },
  },
  'lww-commit-wait': {
    description: 'last write wins with a commit wait (no ack until the clock has passed the timestamp), clocks in sync',
    params: { skew: 0 },
    uses: CLOCKED,
    setup: { ...base, versions: 'clock', commitWait: true, time: 'skewed', workload: twoWritesThenRead },
    expect: { 'no-lost-ack-write': 'holds', 'read-sees-a-write': 'holds' },
    mutations: {
      'no-commit-wait': { description: 'the commit wait is left out', setup: { commitWait: false } },
      'quorum-one-short': phaseMistakes['quorum-one-short'],
    },
  },
  sloppy: {
    description: 'sloppy quorum with hinted handoff during a partition',
    params: { faults: 1, horizon: 1 },
    uses: [...QUORUM, 'horizon'],
    setup: { ...base, sloppy: true, faultKinds: 'partition', time: 'bounded-delay', workload: writeVersusTwoReads },
    expect: { regular: 'violated', 'read-sees-a-write': 'holds' },
  },
} satisfies Record<string, StoreVariant>;
