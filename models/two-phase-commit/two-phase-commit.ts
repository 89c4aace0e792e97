import { defineModel, withProperties, type Model, type Property } from '../../src/core/model.ts';

/**
 * Two-phase commit (Gray and Lamport's TwoPhase, tlaplus/Examples transaction_commit), written for
 * speed: a state is one integer whose bit fields are the specification's variables, and every
 * action is a constant built once. `describeState` turns a state back into the variables.
 * The same specification over readable objects is in ./two-phase-commit-readable.ts; the tests
 * check that both explore the same state space.
 *
 * Layout of a state (at most 10 RMs, so at most 44 bits: a safe integer, an exact key):
 *
 *   bits  0-19  rmState[rm], 2 bits per RM at bit 2·rm (WORKING, PREPARED, COMMITTED, ABORTED)
 *   bits 20-21  tmState (TM_INIT, TM_COMMITTED, TM_ABORTED)
 *   bit  22     Commit ∈ msgs
 *   bit  23     Abort ∈ msgs
 *   ---------   the low 24 bits ("low") above, the high bits ("high", state / 2^24) below
 *   bits  0-9   tmPrepared, one bit per RM
 *   bits 10-19  Prepared(rm) ∈ msgs, one bit per RM
 */
export type TwoPhaseState = number;

/** An action of TwoPhase; `rm` is the resource manager it concerns. */
export type TwoPhaseAction =
  | { readonly type: 'TMRcvPrepared'; readonly rm: number }
  | { readonly type: 'TMCommit' }
  | { readonly type: 'TMAbort' }
  | { readonly type: 'RMPrepare'; readonly rm: number }
  | { readonly type: 'RMChooseToAbort'; readonly rm: number }
  | { readonly type: 'RMRcvCommitMsg'; readonly rm: number }
  | { readonly type: 'RMRcvAbortMsg'; readonly rm: number };

/** Values of `rmState[rm]`. */
export const WORKING = 0;
export const PREPARED = 1;
export const COMMITTED = 2;
export const ABORTED = 3;
const RM_STATE_NAMES = ['working', 'prepared', 'committed', 'aborted'] as const;

/** Values of `tmState`. */
export const TM_INIT = 0;
export const TM_COMMITTED = 1;
export const TM_ABORTED = 2;
const TM_STATE_NAMES = ['init', 'committed', 'aborted'] as const;

/** The largest number of RMs the layout holds. */
export const MAX_RMS = 10;

// Low part (bits 0-23).
const TM_SHIFT = 20;
const COMMIT_MSG = 1 << 22;
const ABORT_MSG = 1 << 23;
const LOW = 2 ** 24;
// High part (state / 2^24).
const PREPARED_MSG_SHIFT = 10;

/** The low 24 bits: rmState, tmState, Commit and Abort messages. */
const lowOf = (s: TwoPhaseState): number => (s >>> 0) & (LOW - 1);
/** The high bits: tmPrepared and the Prepared(rm) messages. */
const highOf = (s: TwoPhaseState): number => Math.floor(s / LOW);
const pack = (low: number, high: number): TwoPhaseState => high * LOW + low;

/** `rmState[rm]` in a low part. */
const rmStateIn = (low: number, rm: number): number => (low >>> (2 * rm)) & 3;
/** A low part with `rmState[rm] := value`. */
const withRmState = (low: number, rm: number, value: number): number => (low & ~(3 << (2 * rm))) | (value << (2 * rm));
/** A low part with `tmState := value`. */
const withTmState = (low: number, value: number): number => (low & ~(3 << TM_SHIFT)) | (value << TM_SHIFT);

/** The readable view of a state: the specification's variables. */
export interface TwoPhaseView {
  readonly rmState: readonly (typeof RM_STATE_NAMES)[number][];
  readonly tmState: (typeof TM_STATE_NAMES)[number];
  readonly tmPrepared: readonly string[];
  readonly msgs: readonly string[];
}

/** The specification's variables in a state, for traces. */
export function viewOf(s: TwoPhaseState, rms: number): TwoPhaseView {
  const low = lowOf(s);
  const high = highOf(s);
  const rmState: (typeof RM_STATE_NAMES)[number][] = [];
  const tmPrepared: string[] = [];
  const msgs: string[] = [];
  for (let rm = 0; rm < rms; rm++) {
    rmState.push(RM_STATE_NAMES[rmStateIn(low, rm)]!);
    if (high & (1 << rm)) tmPrepared.push(`rm${rm}`);
    if (high & (1 << (PREPARED_MSG_SHIFT + rm))) msgs.push(`Prepared(rm${rm})`);
  }
  if (low & COMMIT_MSG) msgs.push('Commit');
  if (low & ABORT_MSG) msgs.push('Abort');
  return { rmState, tmState: TM_STATE_NAMES[(low >>> TM_SHIFT) & 3]!, tmPrepared, msgs };
}

/**
 * The protocol's guards that a plausible implementation could get wrong; TwoPhase has them all.
 * The sensitivity check turns each off in turn and expects TCConsistent to fail.
 */
export interface TwoPhaseSetup {
  /** TMCommit waits until tmPrepared = RM; without it the TM may commit before every RM has prepared. */
  readonly commitWaitsForEveryPrepared: boolean;
  /** RMChooseToAbort only while working; without it a prepared RM may still abort on its own. */
  readonly abortOnlyWhileWorking: boolean;
  /** TMAbort only while tmState = init; without it the TM may abort after deciding to commit. */
  readonly tmDecidesOnce: boolean;
}

/** TwoPhase as specified. */
export const TWO_PHASE: TwoPhaseSetup = { commitWaitsForEveryPrepared: true, abortOnlyWhileWorking: true, tmDecidesOnce: true };

/** Builds TwoPhase for `rms` resource managers (1 to 10). */
export function twoPhaseCommit(rms: number, setup: TwoPhaseSetup = TWO_PHASE): Model<TwoPhaseState, TwoPhaseAction> {
  if (!Number.isInteger(rms) || rms < 1 || rms > MAX_RMS) throw new RangeError(`rms must be an integer from 1 to ${MAX_RMS}`);
  const range = Array.from({ length: rms }, (_, rm) => rm);
  /** tmPrepared = RM (or no condition at all, when the commit does not wait). */
  const ALL_PREPARED = setup.commitWaitsForEveryPrepared ? (1 << rms) - 1 : 0;
  const { abortOnlyWhileWorking, tmDecidesOnce } = setup;
  // Actions are constants built once: actions() only picks the enabled ones.
  const tmRcvPrepared = range.map((rm) => ({ type: 'TMRcvPrepared', rm }) as const);
  const rmPrepare = range.map((rm) => ({ type: 'RMPrepare', rm }) as const);
  const rmChooseToAbort = range.map((rm) => ({ type: 'RMChooseToAbort', rm }) as const);
  const rmRcvCommit = range.map((rm) => ({ type: 'RMRcvCommitMsg', rm }) as const);
  const rmRcvAbort = range.map((rm) => ({ type: 'RMRcvAbortMsg', rm }) as const);
  const tmCommit = { type: 'TMCommit' } as const;
  const tmAbort = { type: 'TMAbort' } as const;

  return {
    // Every RM working, tmState = init, tmPrepared = {}, msgs = {}: all fields zero.
    init: () => [0],

    actions(s) {
      const low = lowOf(s);
      const high = highOf(s);
      const enabled: TwoPhaseAction[] = [];
      if (((low >>> TM_SHIFT) & 3) === TM_INIT) {
        // TMRcvPrepared(rm): tmState = init /\ [type |-> "Prepared", rm |-> rm] \in msgs
        for (let rm = 0; rm < rms; rm++) if (high & (1 << (PREPARED_MSG_SHIFT + rm))) enabled.push(tmRcvPrepared[rm]!);
        // TMCommit: tmState = init /\ tmPrepared = RM
        if ((high & ALL_PREPARED) === ALL_PREPARED) enabled.push(tmCommit);
        // TMAbort: tmState = init
        enabled.push(tmAbort);
      } else if (!tmDecidesOnce && ((low >>> TM_SHIFT) & 3) === TM_COMMITTED) enabled.push(tmAbort);
      for (let rm = 0; rm < rms; rm++) {
        // RMPrepare(rm), RMChooseToAbort(rm): rmState[rm] = "working"
        const rmState = rmStateIn(low, rm);
        if (rmState === WORKING) enabled.push(rmPrepare[rm]!, rmChooseToAbort[rm]!);
        else if (!abortOnlyWhileWorking && rmState === PREPARED) enabled.push(rmChooseToAbort[rm]!);
        // RMRcvCommitMsg(rm): [type |-> "Commit"] \in msgs
        if (low & COMMIT_MSG) enabled.push(rmRcvCommit[rm]!);
        // RMRcvAbortMsg(rm): [type |-> "Abort"] \in msgs
        if (low & ABORT_MSG) enabled.push(rmRcvAbort[rm]!);
      }
      return enabled;
    },

    next(s, a) {
      const low = lowOf(s);
      const high = highOf(s);
      switch (a.type) {
        case 'TMRcvPrepared': // tmPrepared' = tmPrepared \cup {rm}
          return pack(low, high | (1 << a.rm));
        case 'TMCommit': // tmState' = "committed", msgs' = msgs \cup {[type |-> "Commit"]}
          return pack(withTmState(low, TM_COMMITTED) | COMMIT_MSG, high);
        case 'TMAbort': // tmState' = "aborted", msgs' = msgs \cup {[type |-> "Abort"]}
          return pack(withTmState(low, TM_ABORTED) | ABORT_MSG, high);
        case 'RMPrepare': // rmState[rm]' = "prepared", msgs' = msgs \cup {[type |-> "Prepared", rm |-> rm]}
          return pack(withRmState(low, a.rm, PREPARED), high | (1 << (PREPARED_MSG_SHIFT + a.rm)));
        case 'RMChooseToAbort': // rmState[rm]' = "aborted"
          return pack(withRmState(low, a.rm, ABORTED), high);
        case 'RMRcvCommitMsg': // rmState[rm]' = "committed"
          return pack(withRmState(low, a.rm, COMMITTED), high);
        case 'RMRcvAbortMsg': // rmState[rm]' = "aborted"
          return pack(withRmState(low, a.rm, ABORTED), high);
      }
    },

    // The state is its own exact encoding, and its own decoding: the BFS frontier stays compact.
    encode: (s) => s,
    decode: (code) => code,

    describeState: (s) => viewOf(s, rms),
    describeAction: (a) => ('rm' in a ? `${a.type}(rm${a.rm})` : a.type),

    checkDeadlock: true,

    properties: [
      {
        name: 'TCConsistent',
        kind: 'always',
        description: 'no resource manager has aborted while another has committed',
        check(s) {
          const low = lowOf(s);
          let committed = -1;
          let aborted = -1;
          for (let rm = 0; rm < rms; rm++) {
            const state = rmStateIn(low, rm);
            if (state === COMMITTED && committed < 0) committed = rm;
            if (state === ABORTED && aborted < 0) aborted = rm;
          }
          return committed < 0 || aborted < 0 || `rm${committed} committed while rm${aborted} aborted`;
        },
      },

    ],
  };
}

/**
 * The catalog's witness that TwoPhase gets somewhere: some run commits at every RM (a `sometimes`
 * property; the bare model above keeps TLC's property list, for the TLC comparisons).
 */
export function commitWitness(rms: number): Property<TwoPhaseState> {
  /** The rmState bits, and their value when every rmState[rm] = "committed". */
  const rmStates = 2 ** (2 * rms) - 1;
  const allCommitted = Array.from({ length: rms }, (_, rm) => COMMITTED << (2 * rm)).reduce((a, b) => a | b, 0);
  return {
    name: 'commits',
    kind: 'sometimes',
    description: 'some run commits the transaction at every resource manager',
    check: (s) => (lowOf(s) & rmStates) === allCommitted,
  };
}

/** The catalog entry: TwoPhase with 1 to 10 resource managers. */
export const twoPhaseCommitModel = defineModel({
  name: 'two-phase-commit',
  description: 'Two-phase commit with a transaction manager (Gray and Lamport, TLA+ TwoPhase)',
  params: {
    rms: { type: 'int', default: 3, min: 1, max: MAX_RMS, description: 'number of resource managers' },
  },
  variants: {
    standard: {
      description: 'the protocol as specified',
      setup: TWO_PHASE,
      expect: { TCConsistent: 'holds', commits: 'holds' },
      mutations: {
        'commit-before-all-prepared': {
          description: 'the TM commits without waiting for a Prepared message from every RM',
          setup: { commitWaitsForEveryPrepared: false },
        },
        'prepared-rm-aborts': {
          description: 'an RM may still choose to abort after it has sent Prepared',
          setup: { abortOnlyWhileWorking: false },
        },
        'tm-changes-its-mind': {
          description: 'the TM may abort after it has decided to commit',
          setup: { tmDecidesOnce: false },
        },
      },
    },
  },
  build: (variant, params) => withProperties(twoPhaseCommit(params.rms, variant.setup), commitWitness(params.rms)),
});
