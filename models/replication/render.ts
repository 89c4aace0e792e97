import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';
import type { NodeId } from '../../src/system/index.ts';
import type { ElectorState } from './elector.ts';
import type { LeaseReplicaState } from './lease-replica.ts';
import type { LeaseMsg, RaftEntry, RaftMsg, ReplicaMsg, Value } from './messages.ts';
import type { RaftServerState } from './raft-server.ts';
import type { ReplicaState } from './replica.ts';

/** How the family prints its parts in traces: one short line per message, timer and node. */

const list = (values: readonly Value[]) => `[${values.join(', ')}]`;
const nodeName = (node: NodeId) => `n${node}`;
/** Raft servers are s1, s2, s3, as in the published trace. */
export const serverName = (node: NodeId) => `s${node + 1}`;
/** `1@2`: the value 1 written in term 2. */
export const showRaftEntry = (e: RaftEntry) => `${e.value}@${e.term}`;
const raftLog = (log: readonly RaftEntry[]) => `[${log.map(showRaftEntry).join(', ')}]`;
const members = (bits: number, name: (n: NodeId) => string) => {
  const names: string[] = [];
  for (let n = 0; bits >> n; n++) if ((bits >> n) & 1) names.push(name(n));
  return `{${names.join(',')}}`;
};

export const describeInput = (input: RegisterOp) => (input.f === 'write' ? `write ${String(input.value)}` : 'read');
export const describeOutput = (output: RegisterResult) => ('value' in output ? String(output.value) : 'ok');

export function describeReplicaMsg(m: ReplicaMsg): string {
  switch (m.type) {
    case 'Replicate':
      return `Replicate(e${m.epoch}, #${m.index} = ${m.value})`;
    case 'Ack':
      return `Ack(e${m.epoch}, #${m.index})`;
    case 'Position':
      return `Position(e${m.epoch}, ${m.length})`;
    case 'NewLeader':
      return `NewLeader(e${m.epoch}, ${list(m.log)})`;
  }
}

export function describeReplica(s: ReplicaState): string {
  const self = s.self;
  const log = `log ${list(s.log)}${s.memory.length > 0 ? ` + in memory ${list(s.memory)}` : ''}`;
  if (s.leader === self) {
    const pending = s.pending.map((w) => ` #${w.index} awaits acks, has ${members(w.acks, nodeName)}`).join(';');
    return `leads e${s.epoch}, ${log}, ${s.commit} acknowledged${pending}`;
  }
  if (s.leader < 0) return `no leader (e${s.epoch})${s.positions.length > 0 ? `, electing: positions ${s.positions.map((p, n) => `${nodeName(n)}=${p < 0 ? '?' : p}`).join(' ')}` : ''}, ${log}`;
  return `follows ${nodeName(s.leader)} (e${s.epoch}), ${log}`;
}

export function describeLeaseMsg(m: LeaseMsg): string {
  return m.type === 'Update' ? `Update(e${m.epoch}, ${m.value})` : `${m.type}(e${m.epoch})`;
}

export function describeLeaseReplica(s: LeaseReplicaState, margin: number): string {
  const held = s.waiting.length > 0 ? `, holding ${s.waiting.map((w) => `write ${w.value}`).join(', ')}` : '';
  if (s.leading) return `leads e${s.epoch}, lease until ${s.leaseEnd} (serves reads while its clock <= ${s.leaseEnd - margin}), value ${s.value}`;
  if (s.askedAt >= 0) return `campaigning since ${s.askedAt} (e${s.epoch}), value ${s.value}${held}`;
  return `follows (e${s.epoch}), value ${s.value}`;
}

export function describeElector(s: ElectorState): string {
  return `leader ${nodeName(s.holder)} (e${s.epoch}), no other before ${s.promiseEnd}${s.candidate >= 0 ? `, ${nodeName(s.candidate)} waits` : ''}`;
}

export function describeRaftMsg(m: RaftMsg): string {
  switch (m.type) {
    case 'RequestVote':
      return `RequestVote(t${m.term}, last term ${m.lastTerm}, length ${m.length})`;
    case 'Vote':
      return `Vote(t${m.term})`;
    case 'Append':
      return `Append(t${m.term}, ${raftLog(m.entries)})`;
    case 'Appended':
      return `Appended(t${m.term}, ${m.length})`;
  }
}

export function describeRaftServer(s: RaftServerState): string {
  const log = `log ${raftLog(s.log)}${s.held.length > 0 ? `, holding ${s.held.map((w) => `write ${w.value}`).join(', ')}` : ''}`;
  switch (s.role) {
    case 'leader':
      return `leader t${s.term}, ${log}, matched ${s.matched.map((m, n) => `${serverName(n)}:${m}`).join(' ')}, committed ${s.commit}`;
    case 'candidate':
      return `candidate t${s.term}, votes ${members(s.votes, serverName)}, ${log}`;
    case 'follower':
      return `follower t${s.term}${s.votedFor >= 0 ? ` (voted ${serverName(s.votedFor)})` : ''}, ${log}${s.commit > 0 ? `, committed ${s.commit} while leading` : ''}`;
  }
}
