import { defineModel, type Expectations, type Property } from '../../src/core/model.ts';
import { crash, drop, duplicate, partition, type SystemState } from '../../src/system/index.ts';
import { linearizable, noLostAcknowledgedWrite, regularRegister } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { quorumSystem } from '../shared/quorum/system.ts';
import { storeParams, storeVariants, type StoreParams, type StoreSetup } from './variants.ts';

/** A compiled quorum-store model. */
export type QuorumStoreModel = ReturnType<typeof quorumSystem>;

/** How the store is built besides its setup: whether obsolete messages are swept (false only to test that reduction). */
export interface StoreBuild {
  readonly sweep?: boolean;
}

/**
 * The store of one setup (mutated or not) at validated parameters, checking the properties that
 * `expect` names.
 */
export function buildQuorumStore(setup: StoreSetup, expect: Expectations, p: StoreParams, build: StoreBuild = {}): QuorumStoreModel {
  const kinds = setup.faultKinds === 'partition' ? [partition()] : [drop(), duplicate(), crash()];
  const design = { ...setup, replicas: p.replicas, readQuorum: p.r, writeQuorum: p.w };
  const clock = {
    none: { horizon: 0 },
    'bounded-delay': { horizon: p.horizon, skew: 0, synchronous: true },
    skewed: { horizon: p.horizon, skew: p.skew, synchronous: false },
  }[setup.time];
  return quorumSystem(design, {
    workload: setup.workload,
    ...(build.sweep === false ? { sweep: false } : {}),
    faults: { budget: p.faults, kinds },
    clock,
    properties(o) {
      const all: Record<string, () => Property<SystemState<any, any, any, any>>> = {
        regular: () => regularRegister(o, { initial: 0 }),
        linearizable: () => linearizable(o, register(0)),
        'no-lost-ack-write': () => noLostAcknowledgedWrite(o, { initial: 0 }),
        'read-sees-a-write': () => ({
          name: 'read-sees-a-write',
          kind: 'sometimes',
          description: 'some read returns a written value',
          check: (state) => o.history(state).some((op) => op.input.f === 'read' && op.output?.value !== undefined && op.output.value !== 0),
        }),
      };
      return Object.keys(expect).map((name) => all[name]!());
    },
  });
}

/** The catalog entry. */
export const quorumStoreModel = defineModel({
  name: 'quorum-store',
  description: 'A replicated register over read and write quorums (Dynamo-style, and ABD)',
  params: storeParams,
  variants: storeVariants,
  build: (variant, params) => buildQuorumStore(variant.setup, variant.expect, params),
  validate(variant, p) {
    for (const q of ['r', 'w'] as const) {
      if (p[q] > p.replicas) return `${q}=${p[q]} is not allowed: ${q} must be from 1 to replicas (${p.replicas})`;
    }
    const sum = p.r + p.w;
    if (variant.name === 'weak' && sum > p.replicas) return `r + w = ${sum} is not allowed for weak: r + w must be at most replicas (${p.replicas})`;
    if (variant.name !== 'weak' && sum <= p.replicas) return `r + w = ${sum} is not allowed for ${variant.name}: r + w must be more than replicas (${p.replicas})`;
    return undefined;
  },
});
