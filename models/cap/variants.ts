import { baseDesign, type QuorumDesign } from '../shared/quorum/design.ts';

/** What a CAP variant fixes: the quorum design (quorum sizes follow from `quorums`). */
export interface CapSetup extends Omit<QuorumDesign, 'replicas' | 'readQuorum' | 'writeQuorum' | 'timeout'> {
  /** `majority` (CP) or `all` replicas (AP, which falls back to its own copy on a timeout). */
  readonly quorums: 'majority' | 'all';
  /** Whether operations time out after the `timeout` parameter's ticks (false: wait forever). */
  readonly timesOut: boolean;
}

/** A CAP variant's row: description, parameters it reads, setup, expectations, mutations. */
export interface CapVariant {
  readonly description: string;
  readonly uses?: readonly string[];
  readonly setup: CapSetup;
  readonly expect: Readonly<Record<string, 'holds' | 'violated'>>;
  readonly mutations?: Readonly<Record<string, { readonly description: string; readonly setup: Partial<CapSetup> }>>;
}

const abd = { ...baseDesign, versions: 'read', writeBack: 'awaited' } as const;

/** The variants, declared once. */
export const capVariants = {
  cp: {
    description: 'majority quorums (ABD); an operation without a quorum fails after a timeout',
    setup: { ...abd, quorums: 'majority', timesOut: true, onTimeout: 'fail' },
    expect: { linearizable: 'holds', available: 'violated', 'read-sees-a-write': 'holds' },
    mutations: {
      'serves-local-copy': { description: 'a timed-out operation answers from the coordinator\'s own copy', setup: { onTimeout: 'serve-local' } },
      'quorum-one-short': { description: 'a phase completes with one answer too few', setup: { quorumShortBy: 1 } },
      'no-write-back': { description: 'a read returns without writing back', setup: { writeBack: 'none' } },
    },
  },
  'cp-no-timeout': {
    description: 'majority quorums that wait for a quorum for ever: during a lasting partition a minority request is never answered',
    setup: { ...abd, quorums: 'majority', timesOut: false, onTimeout: 'fail' },
    expect: { linearizable: 'holds', available: 'violated', 'read-sees-a-write': 'holds' },
  },
  ap: {
    description: 'every replica in every quorum; an operation that cannot reach them all answers from its coordinator\'s copy after a timeout',
    setup: { ...abd, quorums: 'all', timesOut: true, onTimeout: 'serve-local' },
    expect: { available: 'holds', linearizable: 'violated', 'read-sees-a-write': 'holds' },
    mutations: {
      'fails-on-timeout': { description: 'a timed-out operation fails instead of answering locally', setup: { onTimeout: 'fail' } },
      'never-times-out': { description: 'operations wait for every replica for ever', setup: { timesOut: false } },
    },
  },
} satisfies Record<string, CapVariant>;

/** A CAP variant's name. */
export type CapVariantName = keyof typeof capVariants;
