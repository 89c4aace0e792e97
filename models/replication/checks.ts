import type { Property } from '../../src/core/model.ts';
import type { Observer, SystemState } from '../../src/system/index.ts';
import {
  linearizable,
  monotonicReads,
  noLostAcknowledgedWrite,
  readYourWrites,
  type RegisterOp,
  type RegisterResult,
} from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { neverRollbackCommitted, type CommittedEntry, type NodeLog } from '../../properties/logs/index.ts';
import type { RaftServerState } from './raft-server.ts';
import { serverName } from './render.ts';

/**
 * The properties a variant of the family may check, by name. History properties judge the
 * clients' register history (initial value 0); `never-rollback-committed` judges the Raft
 * servers' logs; the `sometimes` witnesses show that the run the verdict is about can happen.
 */
export type CheckName =
  | 'linearizable'
  | 'no-lost-ack-write'
  | 'read-your-writes'
  | 'monotonic-reads'
  | 'never-rollback-committed'
  | 'write-acknowledged'
  | 'new-value-read'
  | 'read-served'
  | 'failover'
  | 'entry-committed';

type AnyState = SystemState<any, any, RegisterResult, any>;
type RegisterObserver = Observer<any, any, RegisterOp, RegisterResult, any>;

const witness = (name: string, description: string, check: (state: AnyState) => boolean): Property<AnyState> => ({ name, kind: 'sometimes', description, check });

/** The Raft servers' logs and the entries a leader counted as committed, for the log properties. */
function raftLogs(state: AnyState): { logs: NodeLog[]; committed: CommittedEntry[] } {
  const servers = state.nodes as readonly RaftServerState[];
  const logs = servers.map((s, n) => ({ node: serverName(n), entries: s.log.map((e) => ({ term: e.term, label: String(e.value) })) }));
  const committed: CommittedEntry[] = [];
  servers.forEach((s, n) => {
    for (let index = 0; index < s.commit; index++) {
      const entry = logs[n]!.entries[index];
      if (entry && !committed.some((c) => c.index === index && c.entry.term === entry.term && c.entry.label === entry.label)) committed.push({ index, entry });
    }
  });
  return { logs, committed };
}

/** Builds the named properties over a compiled system. */
export function buildChecks(names: readonly CheckName[], observer: RegisterObserver): Property<AnyState>[] {
  const history = (state: AnyState) => observer.history(state);
  const reads = (state: AnyState) => history(state).filter((op) => op.input.f === 'read' && op.return !== undefined && op.error === undefined);
  const make = (name: CheckName): Property<AnyState> => {
    switch (name) {
      case 'linearizable':
        return linearizable(observer, register(0));
      case 'no-lost-ack-write':
        return noLostAcknowledgedWrite(observer, { initial: 0 });
      case 'read-your-writes':
        return readYourWrites(observer, { initial: 0 });
      case 'monotonic-reads':
        return monotonicReads(observer, { initial: 0 });
      case 'never-rollback-committed':
        return neverRollbackCommitted({ logs: (s: AnyState) => raftLogs(s).logs, committed: (s: AnyState) => raftLogs(s).committed });
      case 'write-acknowledged':
        return witness(name, 'some write is acknowledged', (s) => history(s).some((op) => op.input.f === 'write' && op.return !== undefined && op.error === undefined));
      case 'new-value-read':
        return witness(name, 'some read returns a written value', (s) => reads(s).some((op) => op.output?.value !== 0));
      case 'read-served':
        return witness(name, 'some read is answered', (s) => reads(s).length > 0);
      case 'failover':
        return witness(name, 'a replica other than n0 leads', (s) => (s.nodes as readonly { leader?: number; self?: number }[]).some((n, i) => i > 0 && n.leader === i));
      case 'entry-committed':
        return witness(name, 'a leader counts an entry as committed', (s) => (s.nodes as readonly RaftServerState[]).some((n) => n.commit > 0));
    }
  };
  // Expectations come from the variants table, so the properties carry none of their own.
  return names.map((name) => {
    const { expect: _expect, ...property } = make(name);
    return property;
  });
}
