/**
 * Data during a ring membership change: replicas on a consistent-hashing ring hold key k on its
 * preference list; a replica joins (or leaves) while a client writes k and another reads it. The
 * replica that gains k must hold k's data before the coordinator routes reads to it.
 */
import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';

/** A client operation on k, or the administrator's membership change. */
export type MembershipOp = RegisterOp | { readonly f: 'join' } | { readonly f: 'leave' };
export type MembershipResult = RegisterResult;

/** A replica's copy of k: the value and the version the coordinator gave its write (0: never written). */
export interface Stored {
  readonly value: number;
  readonly version: number;
}

/** The messages. `op` is the client operation a request belongs to. */
export type MembershipMessage =
  | { readonly type: 'Store'; readonly op: number; readonly stored: Stored }
  | { readonly type: 'StoreAck'; readonly op: number }
  | { readonly type: 'Fetch'; readonly op: number }
  | { readonly type: 'FetchReply'; readonly op: number; readonly stored: Stored }
  /** Coordinator to the replica that loses k: send your copy to the replica that gains it. */
  | { readonly type: 'StartHandoff'; readonly to: number }
  /** The losing replica's copy of k, to the gaining one. */
  | { readonly type: 'Handoff'; readonly stored: Stored }
  /** The losing replica tells the coordinator it has sent its copy. */
  | { readonly type: 'HandoffSent' }
  /** The gaining replica tells the coordinator it holds the copy. */
  | { readonly type: 'HandoffReceived' };

/** When the coordinator starts routing by the new preference list. */
export type SwitchPoint =
  /** Once the gaining replica reports that it holds the data (handoff first). */
  | 'handoff-received'
  /** Once the losing replica reports that it sent the data (the copy may still be in flight). */
  | 'handoff-sent'
  /** As soon as the change is requested: the new replica serves before the handoff. */
  | 'change-requested';

/** The design choices of a variant. */
export interface MembershipSetup {
  /** Which membership change the administrator makes. */
  readonly change: 'join' | 'leave';
  readonly switchAt: SwitchPoint;
  /** The handoff starts only after the writes begun under the old preference list have finished. */
  readonly drainFirst: boolean;
  /** Writes begun during the change also go to the gaining replica. */
  readonly writeToGaining: boolean;
  /** The leaving replica drops its copy when asked to hand it off (and so sends nothing). */
  readonly dropBeforeHandoff: boolean;
}

/** The ring before and after the change, as node indices on k's preference list (computed once). */
export interface Placement {
  readonly before: readonly number[];
  readonly after: readonly number[];
  /** The replica that leaves k's preference list, and the one that joins it. */
  readonly losing: number;
  readonly gaining: number;
  /** The ring and the key, for the family's description. */
  readonly shown: string;
}
