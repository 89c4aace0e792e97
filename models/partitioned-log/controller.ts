import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { AlterIsr, LogInput, LogMessage, LogOutput, Register } from './messages.ts';
import type { LogTimer } from './producer.ts';
import type { LogSetup } from './setup.ts';
import { bit, clientNodes, has, replaceAt, replicasOf, setOf, type Topology } from './topology.ts';

/**
 * The controller (ZooKeeper-era Kafka): it records each partition's replicas, leader, leader
 * epoch and ISR, hears of broker crashes from the failure detector (a session watch), elects a
 * new leader when the leader fails, and tells the replicas (LeaderAndIsr) and the clients
 * (Metadata). It never crashes. The admin's requests (add partitions, move a leadership) go to it.
 */
export interface ControllerState {
  /** The topic's partition count. */
  readonly count: number;
  /** Brokers it knows to be down (a bit set). */
  readonly down: number;
  readonly partitions: readonly PartitionRecord[];
}

/** What the controller records of one partition. */
export interface PartitionRecord {
  readonly replicas: readonly number[];
  /** -1: offline (no replica may lead). */
  readonly leader: number;
  readonly epoch: number;
  readonly isr: number;
  /** Bumped at every change of leader or ISR. */
  readonly version: number;
}

type Ctx = RoleContext<LogMessage, LogOutput, LogTimer>;

/** The controller role for `topology`, electing as `setup.election` says. */
export function controllerRole(topology: Topology, setup: LogSetup) {
  const B = topology.brokers;
  const fresh = (p: number): PartitionRecord => {
    const replicas = replicasOf(p, B, topology.replication);
    return { replicas, leader: replicas[0]!, epoch: 0, isr: setOf(replicas), version: 0 };
  };
  const absent: PartitionRecord = { replicas: [], leader: -1, epoch: -1, isr: 0, version: 0 };

  const leaderAndIsr = (record: PartitionRecord, partition: number) =>
    ({ type: 'LeaderAndIsr', partition, leader: record.leader, epoch: record.epoch, isr: record.isr, version: record.version }) as const;

  /** Tells the replicas the partition's state, and the clients too when its leader changed. */
  const announce = (c: ControllerState, p: number, leaderChanged: boolean, ctx: Ctx) => {
    const record = c.partitions[p]!;
    const live = record.replicas.filter((r) => !has(c.down, r));
    ctx.broadcast(live, leaderAndIsr(record, p));
    if (leaderChanged) ctx.broadcast(clientNodes(topology), { type: 'Metadata', partition: p, leader: record.leader, epoch: record.epoch, partitions: c.count });
  };

  /** The new leader when `failed` leads: a live in-sync replica, or what the election rule allows instead. */
  const elect = (record: PartitionRecord, down: number): PartitionRecord => {
    const alive = record.replicas.filter((r) => !has(down, r));
    const inSync = alive.find((r) => has(record.isr, r));
    const next = { ...record, epoch: record.epoch + 1, version: record.version + 1 };
    if (setup.election === 'any' && alive.length > 0) return { ...next, leader: alive[0]!, isr: setOf([alive[0]!]) | (record.isr & ~down) };
    if (inSync !== undefined) return { ...next, leader: inSync, isr: record.isr & ~down };
    if (setup.election === 'unclean' && alive.length > 0) return { ...next, leader: alive[0]!, isr: bit(alive[0]!) };
    return { ...next, leader: -1 }; // offline; the ISR keeps its last member, who may lead again
  };

  /** The failure detector reports a broker crash: drop it from the ISRs, elect where it led. */
  function onPeerCrash(c: ControllerState, broker: NodeId, ctx: Ctx): ControllerState {
    if (broker >= B) return c;
    let next: ControllerState = { ...c, down: c.down | bit(broker) };
    for (let p = 0; p < next.count; p++) {
      const record = next.partitions[p]!;
      if (!record.replicas.includes(broker)) continue;
      let updated: PartitionRecord;
      if (record.leader === broker) updated = elect(record, next.down);
      else if (has(record.isr, broker)) updated = { ...record, isr: record.isr & ~bit(broker), version: record.version + 1 };
      else continue;
      next = { ...next, partitions: replaceAt(next.partitions, p, updated) };
      announce(next, p, updated.leader !== record.leader, ctx);
    }
    return next;
  }

  /** A broker is back: it leads an offline partition it may lead, else it hears the current state. */
  function onRegister(c: ControllerState, _msg: Register, broker: NodeId, ctx: Ctx): ControllerState {
    let next: ControllerState = { ...c, down: c.down & ~bit(broker) };
    for (let p = 0; p < next.count; p++) {
      const record = next.partitions[p]!;
      if (!record.replicas.includes(broker)) continue;
      if (record.leader === -1 && (has(record.isr, broker) || setup.election !== 'isr')) {
        next = { ...next, partitions: replaceAt(next.partitions, p, { ...record, leader: broker, epoch: record.epoch + 1, isr: bit(broker), version: record.version + 1 }) };
        announce(next, p, true, ctx);
      } else {
        ctx.send(broker, leaderAndIsr(record, p));
      }
    }
    return next;
  }

  /** The leader asks to take a caught-up follower back into the ISR; a deposed leader's request is ignored. */
  function onAlterIsr(c: ControllerState, msg: AlterIsr, leader: NodeId, ctx: Ctx): ControllerState {
    const record = c.partitions[msg.partition]!;
    if (record.leader !== leader || record.epoch !== msg.epoch) return c;
    const isr = msg.isr & ~c.down;
    const updated = isr === record.isr ? record : { ...record, isr, version: record.version + 1 };
    const next = updated === record ? c : { ...c, partitions: replaceAt(c.partitions, msg.partition, updated) };
    // The answer tells the leader what the controller now records (without a follower that is down again).
    ctx.send(leader, { type: 'AlterIsrResponse', partition: msg.partition, epoch: updated.epoch, requested: msg.isr, isr: updated.isr, version: updated.version });
    if (updated !== record) ctx.broadcast(updated.replicas.filter((r) => r !== leader && !has(c.down, r)), leaderAndIsr(updated, msg.partition));
    return next;
  }

  /** The admin adds partitions: the new ones get their replicas and leader; the clients learn the count. */
  function addPartitions(c: ControllerState, count: number, op: number, ctx: Ctx): ControllerState {
    let partitions = c.partitions;
    for (let p = c.count; p < count; p++) partitions = replaceAt(partitions, p, fresh(p));
    const next = { ...c, count, partitions };
    for (let p = c.count; p < count; p++) announce(next, p, true, ctx);
    ctx.reply(op, { count });
    return next;
  }

  /**
   * The admin moves a partition's leadership to `leader` (a preferred-leader election): done in a
   * new epoch, with the ISR unchanged, when `leader` is a live in-sync replica that does not lead
   * yet; the answer names the partition's leader afterwards.
   */
  function moveLeadership(c: ControllerState, p: number, leader: number, op: number, ctx: Ctx): ControllerState {
    const record = c.partitions[p]!;
    if (record.leader === leader || !has(record.isr, leader) || has(c.down, leader)) {
      ctx.reply(op, { partition: p, leader: record.leader });
      return c;
    }
    const moved = { ...record, leader, epoch: record.epoch + 1, version: record.version + 1 };
    const next = { ...c, partitions: replaceAt(c.partitions, p, moved) };
    announce(next, p, true, ctx);
    ctx.reply(op, { partition: p, leader });
    return next;
  }

  return defineRole<ControllerState, LogMessage, LogInput, LogOutput, LogTimer>({
    init: () => ({
      count: topology.partitions,
      down: 0,
      partitions: Array.from({ length: topology.maxPartitions }, (_, p) => (p < topology.partitions ? fresh(p) : absent)),
    }),
    on: { Register: onRegister, AlterIsr: onAlterIsr },
    onPeerCrash,
    onRequest(c, request, ctx) {
      const input = request.input;
      if (input.kind === 'partitions') return addPartitions(c, input.count, request.op, ctx);
      if (input.kind === 'elect') return moveLeadership(c, input.partition, input.leader, request.op, ctx);
      return c;
    },
  });
}
