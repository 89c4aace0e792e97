import { defineModel, type ParamValues } from '../../src/core/model.ts';
import { compileSystem, type SystemModel } from '../../src/system/index.ts';
import { available, linearizable, type RegisterOp, type RegisterResult } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { quorumHandlers } from '../quorum-store/protocol.ts';
import { writeVersusTwoReads } from '../quorum-store/quorum-store.ts';

/** An AP replica: the value it serves and its version (timestamp, writer). */
export interface ApNode {
  readonly val: number;
  readonly ts: number;
  readonly by: number;
}

/** Asynchronous replication of a write, reconciled by last-write-wins on the version. */
export interface Replicate {
  readonly t: 'Replicate';
  readonly val: number;
  readonly ts: number;
  readonly by: number;
}

/** The AP register: any replica serves at once from its own copy and replicates in the background. */
export function apRegister(p: ParamValues): SystemModel<ApNode, Replicate, RegisterOp, RegisterResult> {
  const n = p.replicas as number;
  return compileSystem<ApNode, Replicate, RegisterOp, RegisterResult>({
    nodes: n,
    network: 'unordered',
    init: () => ({ val: 0, ts: 0, by: 0 }),
    durable: ['val', 'ts', 'by'],
    onRequest(s, req, ctx) {
      if (req.input.f === 'read') {
        ctx.reply(req.op, { value: s.val });
        return s;
      }
      const next = { val: req.input.value as number, ts: s.ts + 1, by: ctx.self };
      for (let j = 0; j < n; j++) if (j !== ctx.self) ctx.send(j, { t: 'Replicate', ...next });
      ctx.reply(req.op, {});
      return next;
    },
    onMessage: (s, m) => (m.ts > s.ts || (m.ts === s.ts && m.by > s.by) ? { val: m.val, ts: m.ts, by: m.by } : s),
    workload: writeVersusTwoReads,
    faults: { budget: p.faults as number, partition: true },
    properties: (o) => [available(o), linearizable(o, register(0), { expect: 'violated' })],
    describeMessage: (m) => `Replicate(v=${m.val}, ts=${m.ts}@n${m.by})`,
    describeInput: (i) => (i.f === 'write' ? `write ${String(i.value)}` : 'read'),
    describeOutput: (out) => ('value' in out ? String(out.value) : 'ok'),
    describeNode: (s) => `v=${s.val} ts=${s.ts}@n${s.by}`,
  });
}

/** The CP register: ABD over majority quorums; an operation without a quorum fails after a timeout. */
export function cpRegister(p: ParamValues) {
  const n = p.replicas as number;
  const majority = Math.floor(n / 2) + 1;
  return compileSystem({
    ...quorumHandlers({ replicas: n, r: majority, w: majority, versions: 'read', writeBack: true, commitWait: false, sloppy: false, timeout: p.timeout as number }),
    network: 'unordered',
    workload: writeVersusTwoReads,
    faults: { budget: p.faults as number, partition: true },
    // Bounded delay: a timeout means the partition, not a slow message.
    clock: { horizon: p.timeout as number, synchronous: true },
    properties: (o) => [linearizable(o, register(0)), available(o, { expect: 'violated' })],
  });
}

/** The catalog entry. */
export const capModel = defineModel({
  name: 'cap',
  description: 'A replicated register under a partition: consistent (CP) or available (AP), not both (Gilbert and Lynch 2002)',
  params: {
    replicas: { type: 'int', default: 3, min: 3, max: 5, description: 'replicas (the workload uses n0, n1, n2)' },
    faults: { type: 'int', default: 1, min: 0, max: 2, description: 'fault budget (partitions)' },
    timeout: { type: 'int', default: 1, min: 1, max: 4, description: 'ticks a CP coordinator waits for a quorum before failing' },
  },
  variants: {
    cp: { description: 'majority quorums (ABD); the minority side answers with an error after a timeout' },
    ap: { description: 'any reachable replica serves; replicas reconcile (last write wins) after the heal', uses: ['replicas', 'faults'] },
  },
  build: (variant, params): SystemModel<any, any, RegisterOp, RegisterResult> => (variant === 'cp' ? cpRegister(params) : apRegister(params)),
});
