import { defineModel, type Property } from '../../src/core/model.ts';
import { defineSystem, describeValue, type SystemState } from '../../src/system/index.ts';
import { noLostAcknowledgedWrite, regularRegister, registerSource, type RegisterResult } from '../../properties/history/index.ts';
import type { ReshardMessage, ReshardOp, ReshardSetup, ShardMap } from './messages.ts';
import { router } from './router.ts';
import { shard } from './shard.ts';

const showMap = (map: ShardMap) => `epoch ${map.epoch}: k on s${map.owner}`;
/** Messages carrying a shard map name its owner (shards are nodes 0 and 1: s0, s1). */
const describeMessage = (msg: ReshardMessage) =>
  msg.type === 'MapUpdate' ? `MapUpdate(${showMap(msg.map)})` : msg.type === 'WrongShard' ? `WrongShard(op=${msg.op}, ${showMap(msg.map)})` : describeValue(msg);

const describeInput = (input: ReshardOp) => (input.f === 'move' ? 'move k to s1' : input.f === 'write' ? `write ${input.value}` : 'read');

/**
 * Shards s0 (owner of k's range at epoch 1) and s1; routers rw and rr, both with the epoch-1 map.
 * Workload: an administrator moves the range to s1 (at s0); a writer writes 1 through rw; then a
 * reader reads through rr. The routers learn the new map from s1, or from a refusal.
 */
export function reshardingSystem(setup: ReshardSetup) {
  return defineSystem({
    roles: { shard: shard(setup), router },
    nodes: [
      { role: 'shard', name: 's0' },
      { role: 'shard', name: 's1' },
      { role: 'router', name: 'rw' },
      { role: 'router', name: 'rr' },
    ],
    network: 'unordered',
    workload: [[{ node: 's0', input: { f: 'move' } }], [{ node: 'rw', input: { f: 'write', value: 1 } }], [{ node: 'rr', input: { f: 'read' } }]],
    properties: (observer) => {
      // The register properties read only reads and writes; the move is skipped by them.
      const registerView = registerSource(observer);
      const acknowledgedAfterMove: Property<SystemState<any, any, RegisterResult, never>> = {
        name: 'write-acknowledged-after-move',
        kind: 'sometimes',
        description: 'witness: the write is acknowledged after the move was',
        check: (state) => {
          const history = observer.history(state);
          const move = history.find((op) => op.input.f === 'move');
          return history.some((op) => op.input.f === 'write' && op.return !== undefined && move?.return !== undefined && move.return < op.return);
        },
      };
      return [noLostAcknowledgedWrite(registerView, { initial: 0 }), regularRegister(registerView, { initial: 0 }), acknowledgedAfterMove];
    },
    describeMessage,
    describeInput,
    describeOutput: (output) => (output.value === undefined ? 'ok' : String(output.value)),
  });
}

const FENCED: ReshardSetup = { fenced: true, releaseAt: 'handoff' };
const STALE_MAP: ReshardSetup = { fenced: false, releaseAt: 'handoff' };

/** The catalog entry. */
export const reshardingModel = defineModel({
  name: 'resharding',
  description: "a key range moves between shards while routers with stale shard maps write and read",
  params: {},
  variants: {
    fenced: {
      description: 'a shard serves only a range it owns at the request’s map epoch; the old owner gives it up as it hands it over',
      setup: FENCED,
      expect: { 'no-lost-ack-write': 'holds', regular: 'holds', 'write-acknowledged-after-move': 'holds' },
      mutations: {
        'no-epoch-check': { description: 'shards serve any request from their copy, owner or not', setup: { fenced: false } },
        'release-after-acknowledgement': { description: 'the old owner keeps the range until the new owner acknowledges the handoff', setup: { releaseAt: 'acknowledgement' } },
      },
    },
    'stale-map': {
      description: 'the old owner is not fenced: it keeps serving the range from its copy after handing it over',
      setup: STALE_MAP,
      expect: { 'no-lost-ack-write': 'violated', regular: 'violated', 'write-acknowledged-after-move': 'holds' },
    },
  },
  build: (variant) => reshardingSystem(variant.setup),
});
