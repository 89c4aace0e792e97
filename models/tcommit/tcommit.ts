import { defineModel, withProperties, type Model, type Property } from '../../src/core/model.ts';

/** A resource manager's state in the commit specification. */
export type TCommitRm = 'working' | 'prepared' | 'committed' | 'aborted';

/** An action of TCommit. */
export type TCommitAction =
  | { readonly type: 'Prepare'; readonly rm: number }
  | { readonly type: 'Commit'; readonly rm: number }
  | { readonly type: 'Abort'; readonly rm: number };

const OUTCOME: Record<TCommitAction['type'], TCommitRm> = { Prepare: 'prepared', Commit: 'committed', Abort: 'aborted' };

/** The two constraints of TCommit, each of which a plausible implementation could drop. */
export interface TCommitSetup {
  /** An RM commits only once every RM is prepared or committed. */
  readonly commitNeedsEveryPrepared: boolean;
  /** No RM aborts once some RM has committed. */
  readonly noAbortAfterCommit: boolean;
}

/** TCommit as specified. */
export const TCOMMIT: TCommitSetup = { commitNeedsEveryPrepared: true, noAbortAfterCommit: true };

/**
 * TCommit (Gray and Lamport): the transaction commit specification that TwoPhase implements.
 * Each resource manager decides on its own, under the constraint that no one commits unless all
 * have prepared and no one aborts once someone has committed.
 */
export function tcommit(rms: number, setup: TCommitSetup = TCOMMIT): Model<readonly TCommitRm[], TCommitAction> {
  const range = Array.from({ length: rms }, (_, rm) => rm);
  const prepare = range.map((rm) => ({ type: 'Prepare', rm }) as const);
  const commit = range.map((rm) => ({ type: 'Commit', rm }) as const);
  const abort = range.map((rm) => ({ type: 'Abort', rm }) as const);
  const set = (s: readonly TCommitRm[], rm: number, value: TCommitRm) => s.map((v, i) => (i === rm ? value : v));

  return {
    init: () => [range.map(() => 'working' as const)],
    actions(s) {
      const enabled: TCommitAction[] = [];
      const canCommit = !setup.commitNeedsEveryPrepared || s.every((v) => v === 'prepared' || v === 'committed');
      const notCommitted = !setup.noAbortAfterCommit || !s.includes('committed');
      for (let rm = 0; rm < rms; rm++) {
        if (s[rm] === 'working') enabled.push(prepare[rm]!);
        if (s[rm] === 'prepared' && canCommit) enabled.push(commit[rm]!);
        if ((s[rm] === 'working' || s[rm] === 'prepared') && notCommitted) enabled.push(abort[rm]!);
      }
      return enabled;
    },
    next: (s, a) => set(s, a.rm, OUTCOME[a.type]),
    describeAction: (a) => `${a.type}(rm${a.rm})`,
    properties: [
      {
        name: 'TCConsistent',
        kind: 'always',
        description: 'no resource manager has aborted while another has committed',
        check: (s) => !(s.includes('aborted') && s.includes('committed')) || 'one RM committed while another aborted',
      },

    ],
  };
}

/** The catalog's witness that a transaction can commit at all (the bare specification keeps TLC's property list). */
export const allCommit: Property<readonly TCommitRm[]> = {
  name: 'all commit',
  kind: 'sometimes',
  description: 'some run commits the transaction at every resource manager',
  check: (s) => s.every((v) => v === 'committed'),
};

/** The catalog entry. */
export const tcommitModel = defineModel({
  name: 'tcommit',
  description: 'The transaction commit specification that two-phase commit implements (TLA+ TCommit)',
  params: {
    rms: { type: 'int', default: 3, min: 1, max: 8, description: 'number of resource managers' },
  },
  variants: {
    standard: {
      description: 'the specification as written',
      setup: TCOMMIT,
      expect: { TCConsistent: 'holds', 'all commit': 'holds' },
      mutations: {
        'commit-without-all-prepared': {
          description: 'an RM commits while another has not prepared (and may abort)',
          setup: { commitNeedsEveryPrepared: false },
        },
        'abort-after-commit': {
          description: 'an RM may abort after another has committed',
          setup: { noAbortAfterCommit: false },
        },
      },
    },
  },
  build: (variant, params) => withProperties(tcommit(params.rms, variant.setup), allCommit),
});
