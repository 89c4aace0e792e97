/**
 * The design choices of a quorum register (and the implementation mistakes the sensitivity
 * checks inject), so each variant of quorum-store and CAP is a setup of this one protocol.
 */
export interface QuorumDesign {
  /** Home replicas n0 .. n(replicas-1). */
  readonly replicas: number;
  readonly readQuorum: number;
  readonly writeQuorum: number;
  /**
   * How a write picks its version: `counter` (its coordinator's own counter), `read` (ask a read
   * quorum for the highest version first and go one above: ABD), `clock` (the coordinator's
   * local clock: last write wins).
   */
  readonly versions: 'counter' | 'read' | 'clock';
  /** Reads store what they return at a write quorum first: `awaited` (ABD), `unawaited` (sent, not waited for), `none`. */
  readonly writeBack: 'none' | 'awaited' | 'unawaited';
  /** Clock versions: acknowledge a write only once the local clock has passed its timestamp (Spanner's commit wait). */
  readonly commitWait: boolean;
  /** Sloppy quorum: a fallback node takes hinted writes for unreachable home replicas after a tick. */
  readonly sloppy: boolean;
  /** Ticks an operation waits for its quorum (0: forever). */
  readonly timeout: number;
  /** What a timed-out operation does: fail with `timeout` (CP), or answer from what it has (AP). */
  readonly onTimeout: 'fail' | 'serve-local';
  /** Mistake: a phase completes with this many answers too few. */
  readonly quorumShortBy: number;
  /** Mistake: a query keeps the last answer received instead of the highest version. */
  readonly keepLastAnswer: boolean;
  /** Whether a replica's stored value survives a crash (false: a mistake). */
  readonly durableStorage: boolean;
}

/** The design every variant starts from: R = W = 2 of 3, no write-back, no time. */
export const baseDesign: QuorumDesign = {
  replicas: 3,
  readQuorum: 2,
  writeQuorum: 2,
  versions: 'counter',
  writeBack: 'none',
  commitWait: false,
  sloppy: false,
  timeout: 0,
  onTimeout: 'fail',
  quorumShortBy: 0,
  keepLastAnswer: false,
  durableStorage: true,
};
