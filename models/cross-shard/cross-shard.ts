import { defineModel, type Property } from '../../src/core/model.ts';
import { crash, defineSystem, type SystemState } from '../../src/system/index.ts';
import { atomicVisibility } from '../../properties/history/index.ts';
import type { CrossShardSetup, MultiKeyOp, MultiKeyResult } from './messages.ts';
import { router } from './router.ts';
import { shard } from './shard.ts';

const describeInput = (input: MultiKeyOp) =>
  input.f === 'read' ? `read ${input.key}` : `write ${Object.entries(input.values).map(([key, value]) => `${key}=${value}`).join(' ')}`;

/**
 * A write of x (on shard s0) and y (on shard s1) through router rt, with a reader that reads x,
 * then y: the smallest setting in which a write applied shard by shard is seen half done.
 */
export function crossShardSystem(setup: CrossShardSetup, crashes: number) {
  const system = defineSystem({
    roles: { router: router(setup), shard: shard(setup.readsWaitOnPrepared) },
    nodes: [
      { role: 'router', name: 'rt' },
      { role: 'shard', name: 's0' },
      { role: 'shard', name: 's1' },
    ],
    network: 'unordered',
    workload: [
      [{ node: 'rt', input: { f: 'write', values: { x: 1, y: 1 } } }],
      [
        { node: 'rt', input: { f: 'read', key: 'x' } },
        { node: 'rt', input: { f: 'read', key: 'y' } },
      ],
    ],
    faults: { budget: crashes, kinds: crashes > 0 ? [crash({ nodes: ['rt'] })] : [] },
    properties: (observer) => {
      type State = SystemState<any, any, MultiKeyResult, never>;
      const witness = (name: string, description: string, seen: (op: { input: MultiKeyOp; output?: MultiKeyResult; return?: number }) => boolean): Property<State> => ({
        name,
        kind: 'sometimes',
        description,
        check: (state) => observer.history(state).some(seen),
      });
      return [
        atomicVisibility(observer),
        witness('write-acknowledged', 'witness: the write is acknowledged', (op) => op.input.f === 'write' && op.return !== undefined),
        witness('read-sees-the-write', 'witness: some read returns the written value', (op) => op.input.f === 'read' && op.output?.value === 1),
      ];
    },
    describeInput,
    describeOutput: (output) => (output.value === undefined ? 'ok' : String(output.value)),
  });
  return system;
}

const TWO_PHASE: CrossShardSetup = { protocol: 'two-phase', readsWaitOnPrepared: true, durableDecisions: true };
const SHARD_BY_SHARD: CrossShardSetup = { protocol: 'per-shard', readsWaitOnPrepared: false, durableDecisions: true };

/** The catalog entry. */
export const crossShardModel = defineModel({
  name: 'cross-shard',
  description: 'a write of two keys on two shards behind a router: applied shard by shard, or by two-phase commit',
  params: {
    crashes: { type: 'int', default: 1, min: 0, max: 2, description: 'router (coordinator) crashes, each followed by a restart' },
  },
  variants: {
    'two-phase-commit': {
      description: 'two-phase commit with the router as coordinator (logged decision, presumed abort); reads of a prepared key wait',
      setup: TWO_PHASE,
      expect: { 'atomic-visibility': 'holds', 'write-acknowledged': 'holds', 'read-sees-the-write': 'holds' },
      mutations: {
        'reads-ignore-prepared': { description: 'a shard answers a read of a prepared key with the old value', setup: { readsWaitOnPrepared: false } },
        'volatile-decision': { description: "the coordinator's commit decision is not logged to disk, so a restart aborts it", setup: { durableDecisions: false } },
      },
    },
    'shard-by-shard': {
      description: 'each shard applies its part of the write as soon as it arrives',
      setup: SHARD_BY_SHARD,
      expect: { 'atomic-visibility': 'violated', 'write-acknowledged': 'holds', 'read-sees-the-write': 'holds' },
    },
  },
  build: (variant, params) => crossShardSystem(variant.setup, params.crashes),
});
