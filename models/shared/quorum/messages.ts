import type { NodeId } from '../../../src/system/index.ts';

/** A version: a timestamp, ties broken by the writing coordinator. */
export interface Version {
  readonly timestamp: number;
  readonly writer: NodeId;
}

/** A register value with its version; value 0 at version 0@n0 is the initial state. */
export interface Stored {
  readonly value: number;
  readonly version: Version;
}

/** The protocol's messages; `op` names the client operation they serve. */
export type QuorumMessage =
  | { readonly type: 'Read'; readonly op: number }
  | { readonly type: 'ReadReply'; readonly op: number; readonly stored: Stored }
  | { readonly type: 'Write'; readonly op: number; readonly stored: Stored; readonly hintFor?: NodeId }
  | { readonly type: 'WriteAck'; readonly op: number };

/** A coordinator's timers, one of each per operation. */
export type QuorumTimer =
  | { readonly type: 'timeout'; readonly op: number }
  | { readonly type: 'commit-wait'; readonly op: number }
  | { readonly type: 'hand-off'; readonly op: number };

/** Whether version `a` is newer than `b`. */
export const newer = (a: Version, b: Version): boolean => a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.writer > b.writer);

/** `ts=1@n0`. */
export const showVersion = (version: Version): string => `ts=${version.timestamp}@n${version.writer}`;

/** `Write(#0, v=1, ts=1@n0)`. */
export function describeQuorumMessage(msg: QuorumMessage): string {
  switch (msg.type) {
    case 'Read':
    case 'WriteAck':
      return `${msg.type}(#${msg.op})`;
    case 'ReadReply':
      return `ReadReply(#${msg.op}, v=${msg.stored.value}, ${showVersion(msg.stored.version)})`;
    case 'Write':
      return `Write(#${msg.op}, v=${msg.stored.value}, ${showVersion(msg.stored.version)}${msg.hintFor !== undefined ? `, hint n${msg.hintFor}` : ''})`;
  }
}
