import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';
import type { NodeId } from '../../src/system/index.ts';
import type { LeaseMsg, RaftEntry, RaftMsg, ReplicaMsg, Value } from './messages.ts';

/** How the family prints its messages, inputs and outputs; each role describes its own state with these helpers. */

export const list = (values: readonly Value[]) => `[${values.join(', ')}]`;
export const nodeName = (node: NodeId) => `n${node}`;
/** Raft servers are s1, s2, s3, as in the published trace. */
export const serverName = (node: NodeId) => `s${node + 1}`;
/** `1@2`: the value 1 written in term 2. */
export const showRaftEntry = (e: RaftEntry) => `${e.value}@${e.term}`;
export const raftLog = (log: readonly RaftEntry[]) => `[${log.map(showRaftEntry).join(', ')}]`;
export const members = (bits: number, name: (n: NodeId) => string) => {
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


export function describeLeaseMsg(m: LeaseMsg): string {
  return m.type === 'Update' ? `Update(e${m.epoch}, ${m.value})` : `${m.type}(e${m.epoch})`;
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

