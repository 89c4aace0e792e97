import { defineModel, type ParamValues } from '../../src/core/model.ts';
import { compileSystem, type FaultSpec, type SystemModel, type Workload } from '../../src/system/index.ts';
import { linearizable, noLostAcknowledgedWrite, regularRegister, type RegisterOp, type RegisterResult } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { quorumHandlers, type QuorumMsg, type QuorumNode, type QuorumOptions } from './protocol.ts';

/** The variants of the quorum store. */
export type QuorumVariant = 'weak' | 'strict' | 'abd' | 'lww-skew' | 'sloppy';

/** A compiled quorum-store model. */
export type QuorumStoreModel = SystemModel<QuorumNode, QuorumMsg, RegisterOp, RegisterResult>;

const write = (node: number, value: number) => ({ node, input: { f: 'write', value } as RegisterOp });
const read = (node: number) => ({ node, input: { f: 'read' } as RegisterOp });

/** One write concurrent with two sequential reads at other coordinators: the shape of the new/old inversion. */
export const writeVersusTwoReads: Workload<RegisterOp> = [[write(0, 1)], [read(1), read(2)]];

/** Two sequential writes at different coordinators, then a read: what last-write-wins can lose. */
export const twoWritesThenRead: Workload<RegisterOp> = [[write(1, 1), write(0, 2)], [read(2)]];

/** The design choices of each variant. */
function optionsOf(variant: QuorumVariant, p: ParamValues): QuorumOptions {
  const base = { replicas: p.replicas as number, r: p.r as number, w: p.w as number, writeBack: false, commitWait: false, sloppy: false, timeout: 0 };
  switch (variant) {
    case 'weak':
    case 'strict':
      return { ...base, versions: 'counter' };
    case 'abd':
      return { ...base, versions: 'read', writeBack: true };
    case 'lww-skew':
      return { ...base, versions: 'clock', commitWait: true };
    case 'sloppy':
      return { ...base, versions: 'counter', sloppy: true };
  }
}

/** Builds one variant of the quorum store at validated parameters. */
export function quorumStore(variant: QuorumVariant, p: ParamValues): QuorumStoreModel {
  const options = optionsOf(variant, p);
  const budget = p.faults as number;
  const faults: FaultSpec = variant === 'sloppy' ? { budget, partition: true } : { budget, drop: true, duplicate: true, crash: true };
  const skew = variant === 'lww-skew' ? (p.skew as number) : 0;
  const horizon = variant === 'lww-skew' || variant === 'sloppy' ? (p.horizon as number) : 0;
  return compileSystem({
    ...quorumHandlers(options),
    network: 'unordered',
    workload: variant === 'lww-skew' ? twoWritesThenRead : writeVersusTwoReads,
    faults,
    // Sloppy quorums time out under bounded delay, so a hinted write means a partition, not a slow link.
    clock: { horizon, skew, synchronous: variant === 'sloppy' },
    properties: (o) => {
      switch (variant) {
        case 'weak':
          return [regularRegister(o, { initial: 0, expect: 'violated' })];
        case 'strict':
          return [regularRegister(o, { initial: 0 }), linearizable(o, register(0), { expect: 'violated' })];
        case 'abd':
          return [linearizable(o, register(0)), regularRegister(o, { initial: 0 })];
        case 'lww-skew':
          return [noLostAcknowledgedWrite(o, { initial: 0, expect: skew >= 1 ? 'violated' : 'holds' })];
        case 'sloppy':
          return [regularRegister(o, { initial: 0, expect: 'violated' })];
      }
    },
  });
}

/** The parameters every quorum-store variant reads; time matters only to lww-skew and sloppy. */
const QUORUM = ['replicas', 'r', 'w', 'faults'];

/** The catalog entry. */
export const quorumStoreModel = defineModel({
  name: 'quorum-store',
  description: 'A replicated register over read and write quorums (Dynamo-style, and ABD)',
  params: {
    replicas: { type: 'int', default: 3, min: 3, max: 5, description: 'replicas N (the workload uses n0, n1, n2)' },
    r: { type: 'int', default: 2, min: 1, max: 5, description: 'read quorum R' },
    w: { type: 'int', default: 2, min: 1, max: 5, description: 'write quorum W' },
    faults: { type: 'int', default: 0, min: 0, max: 3, description: 'fault budget (drop, duplicate, crash; partition for sloppy)' },
    skew: { type: 'int', default: 1, min: 0, max: 3, description: 'clock skew bound in ticks (lww-skew)' },
    horizon: { type: 'int', default: 2, min: 0, max: 6, description: 'time horizon in ticks (lww-skew, sloppy)' },
  },
  variants: {
    weak: { description: 'R + W <= N: read and write quorums need not meet', params: { r: 1, w: 1 }, uses: QUORUM },
    strict: { description: 'R + W > N, the read returns the highest version of its quorum, no write-back', params: { faults: 1 }, uses: QUORUM },
    abd: { description: 'ABD: reads write back before returning, writes read the highest version first', params: { faults: 2 }, uses: QUORUM },
    'lww-skew': { description: 'versions are the coordinator\'s clock, last write wins, clocks skewed', uses: [...QUORUM, 'skew', 'horizon'] },
    sloppy: { description: 'sloppy quorum with hinted handoff during a partition', params: { faults: 1, horizon: 1 }, uses: [...QUORUM, 'horizon'] },
  },
  build: (variant, params) => quorumStore(variant as QuorumVariant, params),
  validate(variant, p) {
    const n = p.replicas as number;
    for (const q of ['r', 'w'] as const) {
      if ((p[q] as number) > n) return `${q}=${p[q]} is not allowed: ${q} must be from 1 to replicas (${n})`;
    }
    const sum = (p.r as number) + (p.w as number);
    if (variant === 'weak' && sum > n) return `r + w = ${sum} is not allowed for weak: r + w must be at most replicas (${n})`;
    if (variant !== 'weak' && sum <= n) return `r + w = ${sum} is not allowed for ${variant}: r + w must be more than replicas (${n})`;
    return undefined;
  },
});
