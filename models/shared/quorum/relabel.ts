import { renameBits, type Rename } from '../../../src/system/index.ts';
import type { ReplicaState } from './coordinator.ts';
import type { QuorumMessage, Stored } from './messages.ts';

/**
 * Where node ids hide in the quorum protocol, for declared symmetry: versions name their writer,
 * a phase's answers are a bit set of replicas, hints and hinted writes name their home replica.
 * Unchanged parts are returned as they are. Writers are coordinators (named by the workload, so
 * never renamed) and hints exist only under a sloppy quorum (which declares no symmetry): those
 * renamings are kept so that the relabelling stays complete if either changes.
 */

const relabelStored = (stored: Stored, rename: Rename): Stored => {
  const writer = rename(stored.version.writer);
  return writer === stored.version.writer ? stored : { ...stored, version: { ...stored.version, writer } };
};

/** A replica's state with its ids renamed (its hints stay in their order: by arrival); itself when no id in it moves. */
export function relabelReplica(s: ReplicaState, rename: Rename): ReplicaState {
  const stored = relabelStored(s.stored, rename);
  const hints = mapKept(s.hints, (h) => {
    const target = rename(h.target);
    const held = relabelStored(h.stored, rename);
    return target === h.target && held === h.stored ? h : { ...h, target, stored: held };
  });
  const pending = mapKept(s.pending, (p) => {
    const answered = renameBits(p.answered, rename);
    const carried = relabelStored(p.carried, rename);
    return answered === p.answered && carried === p.carried ? p : { ...p, answered, carried };
  });
  return stored === s.stored && hints === s.hints && pending === s.pending ? s : { ...s, stored, hints, pending };
}

/** The items mapped, or the same array when every item maps to itself. */
function mapKept<X>(items: readonly X[], map: (item: X) => X): readonly X[] {
  let result: X[] | undefined;
  items.forEach((item, k) => {
    const mapped = map(item);
    if (mapped !== item) (result ??= items.slice())[k] = mapped;
  });
  return result ?? items;
}

/** A message with its ids renamed. */
export function relabelQuorumMessage(msg: QuorumMessage, rename: Rename): QuorumMessage {
  switch (msg.type) {
    case 'Read':
    case 'WriteAck':
      return msg;
    case 'ReadReply': {
      const stored = relabelStored(msg.stored, rename);
      return stored === msg.stored ? msg : { ...msg, stored };
    }
    case 'Write': {
      const stored = relabelStored(msg.stored, rename);
      if (msg.hintFor === undefined) return stored === msg.stored ? msg : { ...msg, stored };
      return { ...msg, stored, hintFor: rename(msg.hintFor) };
    }
  }
}
