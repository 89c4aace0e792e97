/**
 * The quorum register of `qreg3_fl.pml` (the SPIN model faultline is benchmarked against):
 * replicas hold a versioned value; each client writes once, then reads once, through quorums.
 * A client's operation runs in phases, and every request and reply carries the phase it
 * belongs to, so a reply that arrives after its phase is over is recognised and dropped.
 */

/** A client's phase: the write's query for the highest version, the write's update, the read's query. */
export type Phase = 'write-query' | 'write-update' | 'read-query';

/** A replica's stored value and its version (0: the initial value). */
export interface Stored {
  readonly version: number;
  readonly value: number;
}

/** The messages: requests from a client to a replica, and the replica's replies. */
export type RegisterMessage =
  | { readonly type: 'Query'; readonly phase: Phase }
  | { readonly type: 'Update'; readonly phase: Phase; readonly version: number; readonly value: number }
  | { readonly type: 'QueryReply'; readonly phase: Phase; readonly version: number; readonly value: number }
  | { readonly type: 'UpdateAck'; readonly phase: Phase };

/** A client's operation: write its value, or read. */
export type RegisterInput = { readonly f: 'write'; readonly value: number } | { readonly f: 'read' };
/** A write's answer is `{}`; a read's carries the value. */
export type RegisterOutput = { readonly value?: number };

/** The one timer: a client sending its phase's requests one a step sends the next. */
export interface SendNext {
  readonly type: 'send-next';
}
