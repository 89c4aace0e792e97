/** What clients ask of the register, and what they get back. */
export type Input = { readonly f: 'write'; readonly value: number } | { readonly f: 'read' };
export type Output = { readonly value?: number };

/** The messages between the primary and its backups: one handler each. */
export type Message =
  | { readonly type: 'Replicate'; readonly version: number; readonly value: number }
  | { readonly type: 'Ack'; readonly version: number };

/** The primary's one kind of timer: send an unacknowledged update again. */
export interface Resend {
  readonly type: 'resend';
  readonly version: number;
}
