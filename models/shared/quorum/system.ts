import { defineSystem, type ClientStep, type FaultConfig, type NodeId, type Observer, type SystemState } from '../../../src/system/index.ts';
import type { Property } from '../../../src/core/model.ts';
import type { RegisterOp, RegisterResult } from '../../../properties/history/index.ts';
import type { Pending, ReplicaState } from './coordinator.ts';
import type { QuorumDesign } from './design.ts';
import { fallbackRole } from './fallback.ts';
import { describeQuorumMessage, newer, type QuorumMessage, type QuorumTimer } from './messages.ts';
import { describeRegisterInput, describeRegisterOutput } from './render.ts';
import { relabelQuorumMessage } from './relabel.ts';
import { replicaRole } from './replica.ts';

/** What a family adds to a design: who asks what, the faults, the clock, the properties. */
export interface QuorumRun {
  readonly workload: readonly (readonly ClientStep<RegisterOp>[])[];
  readonly faults?: FaultConfig;
  readonly clock?: { readonly horizon: number; readonly skew?: number; readonly synchronous?: boolean; readonly forTimersOnly?: boolean };
  /** Sweep obsolete messages (default true); false only to test that the reduction is sound. */
  readonly sweep?: boolean;
  properties(observer: Observer<ReplicaState, QuorumMessage, RegisterOp, RegisterResult, QuorumTimer>): readonly Property<SystemState<ReplicaState, QuorumMessage, RegisterResult, QuorumTimer>>[];
}

/** The replicated register of one design: home replicas n0.., and with a sloppy quorum a fallback node after them. */
export function quorumSystem(design: QuorumDesign, run: QuorumRun) {
  const nodes = [
    ...Array.from({ length: design.replicas }, () => ({ role: 'replica' as const })),
    ...(design.sloppy ? [{ role: 'fallback' as const }] : []),
  ];
  return defineSystem({
    roles: { replica: replicaRole(design), fallback: fallbackRole },
    nodes,
    network: 'unordered',
    workload: run.workload,
    ...(run.faults ? { faults: run.faults } : {}),
    ...(run.clock ? { clock: run.clock } : {}),
    properties: run.properties,
    // The home replicas the workload does not name are interchangeable; not under a sloppy quorum,
    // whose hand-off picks the first home replica (by id) that has not answered.
    ...(design.sloppy ? {} : { symmetry: { roles: ['replica' as const], relabelMessage: relabelQuorumMessage } }),
    ...(run.sweep === false ? {} : { obsolete: (msg: QuorumMessage, from: NodeId, to: NodeId, view: { state(role: 'replica' | 'fallback', node: NodeId): ReplicaState; roleOf(node: NodeId): 'replica' | 'fallback' }) => obsolete(msg, from, to, (node) => view.state(view.roleOf(node), node)) }),
    describeMessage: describeQuorumMessage,
    describeInput: describeRegisterInput,
    describeOutput: describeRegisterOutput,
  });
}

/**
 * The obsolete-message reduction: answers a coordinator no longer waits for (phase over, already
 * counted, or lost in a crash) are ignored whenever they arrive; so are requests whose answers
 * would be, and writes that would change nothing.
 */
function obsolete(msg: QuorumMessage, from: NodeId, to: NodeId, state: (node: NodeId) => ReplicaState): boolean {
  const awaited = (coordinator: NodeId, op: number, phase: Pending['phase'], replica: NodeId) =>
    state(coordinator).pending.some((p) => p.op === op && p.phase === phase && ((p.answered >> replica) & 1) === 0);
  const hinted = (holder: NodeId, op: number, target: NodeId) => state(holder).hints.some((h) => h.op === op && h.target === target);
  switch (msg.type) {
    case 'ReadReply':
      return !awaited(to, msg.op, 'querying', from);
    case 'Read':
      return !awaited(from, msg.op, 'querying', to);
    case 'WriteAck':
      return !awaited(to, msg.op, 'storing', from) && !hinted(to, msg.op, from);
    case 'Write':
      return msg.hintFor === undefined && !newer(msg.stored.version, state(to).stored.version) && !awaited(from, msg.op, 'storing', to) && !hinted(from, msg.op, to);
  }
}
