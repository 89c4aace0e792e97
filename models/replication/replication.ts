import { defineModel, type Expectations, type Model } from '../../src/core/model.ts';
import { crash, defineSystem, partition, type FaultKind } from '../../src/system/index.ts';
import { buildChecks, type CheckName } from './checks.ts';
import { checkpointCoordination } from './checkpoint.ts';
import { electorRole } from './elector.ts';
import { leaseReplicaRole } from './lease-replica.ts';
import { raftObsolete, raftServerRole } from './raft-server.ts';
import { replicaObsolete, replicaRole } from './replica.ts';
import { describeInput, describeLeaseMsg, describeOutput, describeRaftMsg, describeReplicaMsg, serverName } from './render.ts';
import { replicationParams, replicationVariants, type ReplicationParams, type ReplicationSetup } from './variants.ts';

/** The fault kinds of a setup, for a system whose nodes are named as given. */
function faultKinds(setup: ReplicationSetup, leader: string): FaultKind[] {
  return setup.faults.map((kind) => (kind === 'crash-leader' ? crash({ nodes: [leader] }) : kind === 'crash' ? crash() : partition()));
}

/**
 * The system of one setup (mutated or not) at validated parameters, checking the properties that
 * `expect` names. The protocols compile to systems of different state types; the engines need none of them.
 */
export function buildReplication(setup: ReplicationSetup, expect: Expectations, params: ReplicationParams): Model<any, any> {
  const checks = Object.keys(expect) as CheckName[];
  const budget = setup.faults.length > 0 ? params.faults : 0;
  /** What every protocol's system shares: the network, the workload, the faults (crashes at `crashable`), the client lines. */
  const common = (crashable: string) => ({
    network: 'unordered' as const,
    workload: setup.workload,
    faults: { budget, kinds: faultKinds(setup, crashable) },
    describeInput,
    describeOutput,
  });
  switch (setup.protocol) {
    case 'primary-backup':
      return defineSystem({
        roles: { replica: replicaRole(setup) },
        nodes: Array.from({ length: setup.replicas }, () => ({ role: 'replica' as const })),
        ...common('n0'),
        properties: (observer) => buildChecks(checks, observer),
        obsolete: (msg, from, to, view) => replicaObsolete(msg, from, to, (node) => view.state('replica', node)),
        describeMessage: describeReplicaMsg,
      });
    case 'lease': {
      const design = { duration: params.lease, margin: params.skew + setup.marginOverSkew, checkLease: setup.checkLease };
      return defineSystem({
        roles: { replica: leaseReplicaRole(design), elector: electorRole({ duration: params.lease, waitForLease: setup.waitForLease }) },
        nodes: [{ role: 'replica' as const }, { role: 'replica' as const }, { role: 'elector' as const, name: 'el' }],
        ...common('n0'),
        clock: { horizon: params.lease, skew: params.skew },
        properties: (observer) => buildChecks(checks, observer),
        describeMessage: describeLeaseMsg,
      });
    }
    case 'checkpoint':
      return checkpointCoordination(setup, { replicas: setup.replicas, majority: 2, positions: 3, faults: budget, linkFaults: params['link-faults'] });
    case 'raft':
      return defineSystem({
        roles: { server: raftServerRole({ ...setup, maxTerm: params['max-term'], candidates: [0, 2, 1].slice(0, params.candidates) }) },
        nodes: [0, 1, 2].map((n) => ({ role: 'server' as const, name: serverName(n) })),
        ...common('s1'),
        properties: (observer) => buildChecks(checks, observer),
        obsolete: (msg, from, to, view) => raftObsolete(msg, from, to, (node) => view.state('server', node)),
        describeMessage: describeRaftMsg,
      });
  }
}

/** The catalog entry. */
export const replicationModel = defineModel({
  name: 'replication',
  description: 'Single-master storage and leader/follower replication: durability, follower reads, failover, leader leases, Raft-like commitment',
  params: replicationParams,
  variants: replicationVariants,
  build: (variant, params) => buildReplication(variant.setup, variant.expect, params),
});
