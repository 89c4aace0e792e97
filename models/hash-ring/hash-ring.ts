import { defineModel } from '../../src/core/model.ts';
import { placementModel, type PlacementSetup } from './placement-model.ts';

const RING: PlacementSetup = { placement: 'ring', replicaRule: 'distinct-machines' };
const MODULO: PlacementSetup = { placement: 'modulo', replicaRule: 'distinct-machines' };
const NEXT_TOKENS: PlacementSetup = { placement: 'ring', replicaRule: 'next-tokens' };

/**
 * Key placement under membership changes: consistent hashing with virtual nodes and Dynamo's
 * preference lists, against `hash(key) mod n` and the preference list that does not skip a
 * machine's own tokens. Exhaustive over every sequence of joins and leaves (and every choice of
 * a joining machine's tokens) within the bounds.
 */
export const hashRingModel = defineModel({
  name: 'hash-ring',
  description: 'consistent hashing with virtual nodes: key movement on joins and leaves, preference lists of distinct machines',
  params: {
    slots: { type: 'int', default: 12, min: 4, max: 32, description: 'positions on the ring (the token space)' },
    keys: { type: 'int', default: 6, min: 1, max: 16, description: 'keys k0, k1, ... placed by their hash' },
    machines: { type: 'int', default: 4, min: 2, max: 8, description: 'machines that may be members: A, B, C, ...' },
    initial: { type: 'int', default: 3, min: 1, max: 8, description: 'members at the start, tokens evenly spread in name order' },
    vnodes: { type: 'int', default: 2, min: 1, max: 4, description: 'tokens (virtual nodes) per machine' },
    replicas: { type: 'int', default: 3, min: 1, max: 5, description: 'replicas per key (N)' },
    changes: { type: 'int', default: 3, min: 0, max: 5, description: 'joins and leaves in one run' },
  },
  variants: {
    ring: {
      description: 'consistent hashing with virtual nodes; preference list skips tokens of machines already chosen (Dynamo)',
      setup: RING,
      expect: { 'minimal-movement': 'holds', 'distinct-replicas': 'holds', 'a-join-moves-keys': 'holds', 'a-leave-moves-keys': 'holds' },
      mutations: {
        'respace-tokens': { description: 'every change spreads all tokens evenly again over the members', setup: { placement: 'respaced' } },
        'skip-previous-only': { description: 'the preference list skips a token only when its machine was the one chosen just before', setup: { replicaRule: 'skip-previous' } },
        'dedupe-first-n': { description: 'the preference list takes the next N tokens, then drops repeated machines', setup: { replicaRule: 'dedupe-first-n' } },
      },
    },
    modulo: {
      description: 'a key belongs to member hash(key) mod n, replicas on the next members',
      uses: ['keys', 'machines', 'initial', 'replicas', 'changes'],
      setup: MODULO,
      expect: { 'minimal-movement': 'violated', 'distinct-replicas': 'holds', 'a-join-moves-keys': 'holds', 'a-leave-moves-keys': 'holds' },
    },
    'next-tokens': {
      description: 'the preference list is the next N tokens clockwise, whatever machine owns them',
      setup: NEXT_TOKENS,
      expect: { 'minimal-movement': 'holds', 'distinct-replicas': 'violated', 'a-join-moves-keys': 'holds', 'a-leave-moves-keys': 'holds' },
    },
  },
  build: (variant, params) => placementModel(variant.setup, params),
  validate: (_variant, params) => {
    if (params.initial > params.machines) return `initial=${params.initial} is more than machines=${params.machines}`;
    if (params.machines * params.vnodes > params.slots) return `machines=${params.machines} with vnodes=${params.vnodes} need ${params.machines * params.vnodes} token positions, slots=${params.slots}`;
    return undefined;
  },
});
