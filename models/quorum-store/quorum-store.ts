import { defineModel, type ParamValues, type Property } from '../../src/core/model.ts';
import { crash, drop, duplicate, partition, type SystemState } from '../../src/system/index.ts';
import { linearizable, noLostAcknowledgedWrite, regularRegister } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { quorumSystem } from '../shared/quorum/system.ts';
import { storeVariants, type StoreProperty, type StoreSetup, type StoreVariantName } from './variants.ts';

/** A compiled quorum-store model. */
export type QuorumStoreModel = ReturnType<typeof quorumSystem>;

/** Builds one variant's setup (mutated or not) at validated parameters. */
export function buildQuorumStore(setup: StoreSetup, expect: Partial<Record<StoreProperty, 'holds' | 'violated'>>, p: ParamValues, sweep = true): QuorumStoreModel {
  const budget = p.faults as number;
  const kinds = setup.faultKinds === 'partition' ? [partition()] : [drop(), duplicate(), crash()];
  const design = { ...setup, replicas: p.replicas as number, readQuorum: p.r as number, writeQuorum: p.w as number };
  return quorumSystem(design, {
    workload: setup.workload,
    sweep,
    faults: { budget, kinds },
    clock: setup.clocked ? { horizon: p.horizon as number, skew: (p.skew as number | undefined) ?? 0, synchronous: setup.synchronous } : { horizon: 0 },
    properties(o) {
      const all: Record<StoreProperty, () => Property<SystemState<any, any, any, any>>> = {
        regular: () => regularRegister(o, { initial: 0, expect: expect.regular! }),
        linearizable: () => linearizable(o, register(0), { expect: expect.linearizable! }),
        'no-lost-ack-write': () => noLostAcknowledgedWrite(o, { initial: 0, expect: expect['no-lost-ack-write']! }),
        'read-sees-a-write': () => ({
          name: 'read-sees-a-write',
          kind: 'sometimes',
          description: 'some read returns a written value',
          check: (state) => o.history(state).some((op) => op.input.f === 'read' && op.output?.value !== undefined && op.output.value !== 0),
        }),
      };
      return (Object.keys(expect) as StoreProperty[]).map((name) => all[name]());
    },
  });
}

/** Builds one variant of the quorum store at validated parameters, with a mutation from its table when named. */
export function quorumStore(variant: StoreVariantName, p: ParamValues, mutation?: string, sweep = true): QuorumStoreModel {
  const row = storeVariants[variant];
  const mutations: Record<string, { setup: Partial<StoreSetup> }> = 'mutations' in row ? row.mutations : {};
  const override = mutation === undefined ? {} : mutations[mutation]?.setup;
  if (override === undefined) throw new Error(`quorum-store/${variant} has no mutation '${mutation}'`);
  // The skew parameter is the lww variants' own; the others run with clocks in sync.
  const params = { ...p, skew: variant.startsWith('lww') ? p.skew! : 0 };
  return buildQuorumStore({ ...row.setup, ...override }, row.expect, params, sweep);
}

/** The catalog entry. */
export const quorumStoreModel = defineModel({
  name: 'quorum-store',
  description: 'A replicated register over read and write quorums (Dynamo-style, and ABD)',
  params: {
    replicas: { type: 'int', default: 3, min: 3, max: 5, description: 'replicas N (the workload uses n0, n1, n2)' },
    r: { type: 'int', default: 2, min: 1, max: 5, description: 'read quorum R' },
    w: { type: 'int', default: 2, min: 1, max: 5, description: 'write quorum W' },
    faults: { type: 'int', default: 0, min: 0, max: 3, description: 'fault budget (drop, duplicate, crash; partition for sloppy)' },
    skew: { type: 'int', default: 1, min: 0, max: 3, description: 'clock skew bound in ticks (lww variants)' },
    horizon: { type: 'int', default: 2, min: 0, max: 6, description: 'time horizon in ticks (lww variants, sloppy)' },
  },
  variants: Object.fromEntries(Object.entries(storeVariants).map(([name, row]) => [name, { description: row.description, ...('params' in row ? { params: row.params } : {}), uses: row.uses }])),
  build: (variant, params) => quorumStore(variant as StoreVariantName, params),
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
