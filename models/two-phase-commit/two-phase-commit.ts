import { defineModel, type Model } from '../../src/core/model.ts';

/** A resource manager's state. */
export type RmState = 'working' | 'prepared' | 'committed' | 'aborted';

/** The transaction manager's state. */
export type TmState = 'init' | 'committed' | 'aborted';

/**
 * Two-phase commit (Gray and Lamport's TwoPhase). `msgs` is the set of messages ever sent:
 * receiving a message only tests membership, as in the specification.
 */
export interface TwoPhaseState {
  readonly rmState: readonly RmState[];
  readonly tmState: TmState;
  /** RMs whose Prepared message the TM has received. */
  readonly tmPrepared: readonly boolean[];
  /** Which Prepared(rm) messages have been sent. */
  readonly preparedSent: readonly boolean[];
  readonly commitSent: boolean;
  readonly abortSent: boolean;
}

/** An action of TwoPhase; `rm` is the resource manager it concerns. */
export type TwoPhaseAction =
  | { readonly type: 'TMRcvPrepared'; readonly rm: number }
  | { readonly type: 'TMCommit' }
  | { readonly type: 'TMAbort' }
  | { readonly type: 'RMPrepare'; readonly rm: number }
  | { readonly type: 'RMChooseToAbort'; readonly rm: number }
  | { readonly type: 'RMRcvCommitMsg'; readonly rm: number }
  | { readonly type: 'RMRcvAbortMsg'; readonly rm: number };

const RM_CODE: Record<RmState, number> = { working: 0, prepared: 1, committed: 2, aborted: 3 };
const TM_CODE: Record<TmState, number> = { init: 0, committed: 1, aborted: 2 };

function with_<T>(array: readonly T[], index: number, value: T): T[] {
  const copy = array.slice();
  copy[index] = value;
  return copy;
}

/** Builds TwoPhase for `rms` resource managers. */
export function twoPhaseCommit(rms: number): Model<TwoPhaseState, TwoPhaseAction> {
  const range = Array.from({ length: rms }, (_, rm) => rm);
  // Actions are plain constants built once: actions() only picks the enabled ones.
  const tmRcvPrepared = range.map((rm) => ({ type: 'TMRcvPrepared', rm }) as const);
  const rmPrepare = range.map((rm) => ({ type: 'RMPrepare', rm }) as const);
  const rmChooseToAbort = range.map((rm) => ({ type: 'RMChooseToAbort', rm }) as const);
  const rmRcvCommit = range.map((rm) => ({ type: 'RMRcvCommitMsg', rm }) as const);
  const rmRcvAbort = range.map((rm) => ({ type: 'RMRcvAbortMsg', rm }) as const);
  const tmCommit = { type: 'TMCommit' } as const;
  const tmAbort = { type: 'TMAbort' } as const;

  return {
    init: () => [
      {
        rmState: range.map(() => 'working' as const),
        tmState: 'init',
        tmPrepared: range.map(() => false),
        preparedSent: range.map(() => false),
        commitSent: false,
        abortSent: false,
      },
    ],

    actions(s) {
      const enabled: TwoPhaseAction[] = [];
      if (s.tmState === 'init') {
        for (let rm = 0; rm < rms; rm++) if (s.preparedSent[rm]) enabled.push(tmRcvPrepared[rm]!);
        if (s.tmPrepared.every(Boolean)) enabled.push(tmCommit);
        enabled.push(tmAbort);
      }
      for (let rm = 0; rm < rms; rm++) {
        if (s.rmState[rm] === 'working') enabled.push(rmPrepare[rm]!, rmChooseToAbort[rm]!);
        if (s.commitSent) enabled.push(rmRcvCommit[rm]!);
        if (s.abortSent) enabled.push(rmRcvAbort[rm]!);
      }
      return enabled;
    },

    next(s, a) {
      switch (a.type) {
        case 'TMRcvPrepared':
          return { ...s, tmPrepared: with_(s.tmPrepared, a.rm, true) };
        case 'TMCommit':
          return { ...s, tmState: 'committed', commitSent: true };
        case 'TMAbort':
          return { ...s, tmState: 'aborted', abortSent: true };
        case 'RMPrepare':
          return { ...s, rmState: with_(s.rmState, a.rm, 'prepared'), preparedSent: with_(s.preparedSent, a.rm, true) };
        case 'RMChooseToAbort':
          return { ...s, rmState: with_(s.rmState, a.rm, 'aborted') };
        case 'RMRcvCommitMsg':
          return { ...s, rmState: with_(s.rmState, a.rm, 'committed') };
        case 'RMRcvAbortMsg':
          return { ...s, rmState: with_(s.rmState, a.rm, 'aborted') };
      }
    },

    // Exact packing into 4 * rms + 4 bits (44 for rms = 10): no hashing, no collisions.
    encode(s) {
      let code = TM_CODE[s.tmState] * 4 + (s.commitSent ? 2 : 0) + (s.abortSent ? 1 : 0);
      for (let rm = 0; rm < rms; rm++) {
        code = code * 16 + RM_CODE[s.rmState[rm]!] * 4 + (s.tmPrepared[rm] ? 2 : 0) + (s.preparedSent[rm] ? 1 : 0);
      }
      return code;
    },

    describeAction: (a) => ('rm' in a ? `${a.type}(rm${a.rm})` : a.type),

    checkDeadlock: true,

    properties: [
      {
        name: 'TCConsistent',
        kind: 'always',
        description: 'no resource manager has aborted while another has committed',
        check: (s) =>
          !(s.rmState.includes('aborted') && s.rmState.includes('committed')) ||
          `rm${s.rmState.indexOf('committed')} committed while rm${s.rmState.indexOf('aborted')} aborted`,
      },
    ],
  };
}

/** The catalog entry: TwoPhase with 1 to 10 resource managers. */
export const twoPhaseCommitModel = defineModel({
  name: 'two-phase-commit',
  description: 'Two-phase commit with a transaction manager (Gray and Lamport, TLA+ TwoPhase)',
  params: {
    rms: { type: 'int', default: 3, min: 1, max: 10, description: 'number of resource managers' },
  },
  variants: {
    standard: { description: 'the protocol as specified' },
  },
  build: (_variant, params) => twoPhaseCommit(params.rms as number),
});
