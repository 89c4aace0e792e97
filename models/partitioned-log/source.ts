import type { InSyncView, LogRecord, LogSource, PlacedRecord, ReplicaLog } from '../../properties/ordering/index.ts';
import type { SystemState } from '../../src/system/index.ts';
import type { BrokerState } from './broker.ts';
import type { ControllerState } from './controller.ts';
import type { Entry, LogInput, LogOutput } from './messages.ts';
import { has, membersOf, type Topology } from './topology.ts';

/** What the log properties need of the compiled system: node states by role, histories, liveness. */
export interface LogSystemView<St> {
  broker(state: St, node: number): BrokerState;
  controller(state: St): ControllerState;
  isUp(state: St, node: number): boolean;
  history(state: St): readonly { readonly id: number; readonly input: LogInput; readonly output?: LogOutput }[];
}

/** The properties' view of the partitioned log: replica logs, leaders (as the controller records them), acknowledgements, reads. */
export function logSource<St extends SystemState<unknown, unknown, unknown, unknown>>(topology: Topology, system: LogSystemView<St>, record: (message: number) => LogRecord): LogSource<St> {
  const B = topology.brokers;
  const records = (log: readonly Entry[]) => log.map((e) => record(e.message));
  const replicaLog = (state: St, broker: number, partition: number): ReplicaLog => ({ partition, where: `b${broker}`, records: records(system.broker(state, broker).logs[partition]!) });
  const liveLeader = (state: St, partition: number): number => {
    const leader = system.controller(state).partitions[partition]?.leader ?? -1;
    return leader >= 0 && system.isUp(state, leader) ? leader : -1;
  };
  return {
    logs(state) {
      const result: ReplicaLog[] = [];
      for (let b = 0; b < B; b++) {
        system.broker(state, b).logs.forEach((log, partition) => {
          if (log.length > 0) result.push({ partition, where: `b${b}`, records: records(log) });
        });
      }
      return result;
    },
    leaderLog(state, partition) {
      const leader = liveLeader(state, partition);
      return leader < 0 ? null : replicaLog(state, leader, partition);
    },
    acknowledged(state) {
      const result: PlacedRecord[] = [];
      for (const op of system.history(state)) {
        if (op.input.kind !== 'send' || op.output === undefined || !('offset' in op.output) || op.output.offset < 0) continue;
        result.push({ record: record(op.id), partition: op.output.partition, offset: op.output.offset });
      }
      return result;
    },
    consumed(state) {
      const result: PlacedRecord[] = [];
      for (const op of system.history(state)) {
        if (op.output === undefined || !('read' in op.output)) continue;
        const partition = op.output.partition;
        op.output.read.forEach((m, offset) => result.push({ record: record(m), partition, offset }));
      }
      return result;
    },
    presumedLeaders(state) {
      const views: InSyncView[] = [];
      for (let b = 0; b < B; b++) {
        if (!system.isUp(state, b)) continue;
        system.broker(state, b).partitions.forEach((view, p) => {
          if (view.leader !== b) return;
          views.push({ partition: p, epoch: view.epoch, leader: replicaLog(state, b, p), highWatermark: system.broker(state, b).highWatermarks[p]!, replicas: membersOf(view.isr, B).map((r) => replicaLog(state, r, p)) });
        });
      }
      return views;
    },
    inSync(state) {
      const controller = system.controller(state);
      const views: InSyncView[] = [];
      for (let p = 0; p < controller.count; p++) {
        const leader = liveLeader(state, p);
        if (leader < 0) continue;
        const isr = controller.partitions[p]!.isr;
        views.push({
          partition: p,
          epoch: controller.partitions[p]!.epoch,
          leader: replicaLog(state, leader, p),
          highWatermark: system.broker(state, leader).highWatermarks[p]!,
          replicas: membersOf(isr, B).filter((b) => has(isr, b)).map((b) => replicaLog(state, b, p)),
        });
      }
      return views;
    },
  };
}
