import type { ParamsOf, VariantDeclaration } from '../../src/core/model.ts';
import { baseDesign, type QuorumDesign } from '../shared/quorum/design.ts';

/** The family's parameters. */
export const capParams = {
  replicas: { type: 'int', default: 3, min: 3, max: 5, description: 'replicas (the workload uses n0, n1, n2)' },
  faults: { type: 'int', default: 1, min: 0, max: 2, description: 'fault budget (partitions, healing or lasting)' },
  timeout: { type: 'int', default: 1, min: 1, max: 4, description: 'ticks a coordinator waits for its quorum' },
} as const;

/** Parameter values, typed. */
export type CapParams = ParamsOf<typeof capParams>;

/** What a CAP variant fixes: the quorum design (quorum sizes follow from `quorums`). */
export interface CapSetup extends Omit<QuorumDesign, 'replicas' | 'readQuorum' | 'writeQuorum' | 'timeout'> {
  /** `majority` (CP) or `all` replicas (AP, which falls back to its own copy on a timeout). */
  readonly quorums: 'majority' | 'all';
  /** Whether operations time out after the `timeout` parameter's ticks (false: wait forever). */
  readonly timesOut: boolean;
}

/** ABD over majority quorums, failing an operation that times out: the CP store every row starts from. */
const majorityAbd: CapSetup = { ...baseDesign, versions: 'read', writeBack: 'awaited', quorums: 'majority', timesOut: true, onTimeout: 'fail' };

/** The variants, declared once. */
export const capVariants = {
  cp: {
    description: 'majority quorums (ABD); an operation without a quorum fails after a timeout',
    setup: majorityAbd,
    expect: { linearizable: 'holds', available: 'violated', 'read-sees-a-write': 'holds' },
    mutations: {
      'serves-local-copy': { description: "a timed-out operation answers from the coordinator's own copy", setup: { onTimeout: 'serve-local' } },
      'quorum-one-short': { description: 'a phase completes with one answer too few', setup: { quorumShortBy: 1 } },
      'no-write-back': { description: 'a read returns without writing back', setup: { writeBack: 'none' } },
    },
  },
  'cp-no-timeout': {
    description: 'majority quorums that wait for a quorum for ever: during a lasting partition a minority request is never answered',
    setup: { ...majorityAbd, timesOut: false },
    expect: { linearizable: 'holds', available: 'violated', 'read-sees-a-write': 'holds' },
  },
  ap: {
    description: "every replica in every quorum; an operation that cannot reach them all answers from its coordinator's copy after a timeout",
    setup: { ...majorityAbd, quorums: 'all', onTimeout: 'serve-local' },
    expect: { available: 'holds', linearizable: 'violated', 'read-sees-a-write': 'holds' },
    mutations: {
      'fails-on-timeout': { description: 'a timed-out operation fails instead of answering locally', setup: { onTimeout: 'fail' } },
      'never-times-out': { description: 'operations wait for every replica for ever', setup: { timesOut: false } },
    },
  },
} satisfies Record<string, VariantDeclaration<CapSetup, CapParams>>;
