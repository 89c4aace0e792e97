import type { Model } from '../../src/core/model.ts';
import type { TwoPhaseAction } from './two-phase-commit.ts';

/** A resource manager's state. */
export type RmState = 'working' | 'prepared' | 'committed' | 'aborted';

/** The transaction manager's state. */
export type TmState = 'init' | 'committed' | 'aborted';

/**
 * Two-phase commit (Gray and Lamport's TwoPhase) over readable object states, the direct
 * transcription of the specification. The catalog uses the packed version in
 * ./two-phase-commit.ts, which must explore the same state space (the tests check it); this one
 * exercises the engines' structural-fingerprint path on object states. `msgs` is the set of
 * messages ever sent: receiving a message only tests membership, as in the specification.
 */
export interface TwoPhaseObjectState {
  readonly rmState: readonly RmState[];
  readonly tmState: TmState;
  /** RMs whose Prepared message the TM has received. */
  readonly tmPrepared: readonly boolean[];
  /** Which Prepared(rm) messages have been sent. */
  readonly preparedSent: readonly boolean[];
  readonly commitSent: boolean;
  readonly abortSent: boolean;
}

const RM_CODE: Record<RmState, number> = { working: 0, prepared: 1, committed: 2, aborted: 3 };
const TM_CODE: Record<TmState, number> = { init: 0, committed: 1, aborted: 2 };

function with_<T>(array: readonly T[], index: number, value: T): T[] {
  const copy = array.slice();
  copy[index] = value;
  return copy;
}

/**
 * Builds TwoPhase for `rms` resource managers over object states. Without `encode`, the engines
 * fingerprint states structurally; with it, they use the exact packed encoding below.
 */
export function twoPhaseCommitReadable(rms: number, options: { readonly encode?: boolean } = {}): Model<TwoPhaseObjectState, TwoPhaseAction> {
  const range = Array.from({ length: rms }, (_, rm) => rm);
  // Actions are plain constants built once: actions() only picks the enabled ones.
  const tmRcvPrepared = range.map((rm) => ({ type: 'TMRcvPrepared', rm }) as const);
  const rmPrepare = range.map((rm) => ({ type: 'RMPrepare', rm }) as const);
  const rmChooseToAbort = range.map((rm) => ({ type: 'RMChooseToAbort', rm }) as const);
  const rmRcvCommit = range.map((rm) => ({ type: 'RMRcvCommitMsg', rm }) as const);
  const rmRcvAbort = range.map((rm) => ({ type: 'RMRcvAbortMsg', rm }) as const);
  const tmCommit = { type: 'TMCommit' } as const;
  const tmAbort = { type: 'TMAbort' } as const;

  const model: Model<TwoPhaseObjectState, TwoPhaseAction> = {
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
  if (!options.encode) return model;
  return {
    ...model,
    // Exact packing into 4 * rms + 4 bits (44 for rms = 10): no hashing, no collisions.
    encode(s) {
      let code = TM_CODE[s.tmState] * 4 + (s.commitSent ? 2 : 0) + (s.abortSent ? 1 : 0);
      for (let rm = 0; rm < rms; rm++) {
        code = code * 16 + RM_CODE[s.rmState[rm]!] * 4 + (s.tmPrepared[rm] ? 2 : 0) + (s.preparedSent[rm] ? 1 : 0);
      }
      return code;
    },
  };
}
