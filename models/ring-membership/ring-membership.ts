import { defineModel, type Property, type Variant } from '../../src/core/model.ts';
import { defineSystem, describeValue, type SystemState } from '../../src/system/index.ts';
import { noLostAcknowledgedWrite, regularRegister, registerSource, type RegisterResult } from '../../properties/history/index.ts';
import { hashName, preferenceList, showRing, sortTokens, type Token } from '../shared/ring/ring.ts';
import { coordinator } from './coordinator.ts';
import type { MembershipMessage, MembershipOp, MembershipSetup, Placement } from './messages.ts';
import { replica } from './replica.ts';

/** The ring: 12 slots, one token per replica; k's position; N = 2 distinct replicas (Dynamo's rule). */
const SLOTS = 12;
const TOKENS: readonly Token[] = [
  { position: 0, machine: 'n0' },
  { position: 4, machine: 'n1' },
  { position: 8, machine: 'n2' },
];
const REPLICAS = 2;
const KEY_POSITION = hashName('k') % SLOTS;

/** k's preference list before and after the change: n2 joins, or n2 leaves a ring of three. */
export function placement(change: MembershipSetup['change']): Placement {
  const small = sortTokens(TOKENS.filter((token) => token.machine !== 'n2'));
  const [from, to] = change === 'join' ? [small, sortTokens(TOKENS)] : [sortTokens(TOKENS), small];
  const list = (tokens: readonly Token[]) => preferenceList(tokens, KEY_POSITION, REPLICAS, 'distinct-machines').map((name) => Number(name.slice(1)));
  const [before, after] = [list(from), list(to)];
  const losing = before.find((node) => !after.includes(node));
  const gaining = after.find((node) => !before.includes(node));
  if (losing === undefined || gaining === undefined) throw new Error(`the ${change} does not move k (position ${KEY_POSITION})`);
  const shown = `ring of ${SLOTS} slots ${showRing(from)} → ${showRing(to)}; k at ${KEY_POSITION}; N=${REPLICAS}, W=${REPLICAS}, R=1`;
  return { before, after, losing, gaining, shown };
}

const describeInput = (input: MembershipOp) =>
  input.f === 'join' ? 'n2 joins' : input.f === 'leave' ? 'n2 leaves' : input.f === 'write' ? `write ${input.value}` : 'read';

const describeMessage = (msg: MembershipMessage) =>
  msg.type === 'StartHandoff' ? `StartHandoff(to n${msg.to})` : describeValue(msg);

/**
 * Replicas n0, n1, n2 and a coordinator co. Workload, three concurrent clients at co: write 1;
 * the membership change; a read. The history properties judge the reads and writes only.
 */
export function ringMembershipSystem(setup: MembershipSetup) {
  const layout = placement(setup.change);
  return defineSystem({
    roles: { replica: replica(setup), coordinator: coordinator(setup, layout) },
    nodes: [
      { role: 'replica', name: 'n0' },
      { role: 'replica', name: 'n1' },
      { role: 'replica', name: 'n2' },
      { role: 'coordinator', name: 'co' },
    ],
    network: 'unordered',
    workload: [[{ node: 'co', input: { f: 'write', value: 1 } }], [{ node: 'co', input: { f: setup.change } }], [{ node: 'co', input: { f: 'read' } }]],
    properties: (observer) => {
      const registerView = registerSource(observer);
      const readAfterChange: Property<SystemState<any, any, RegisterResult, never>> = {
        name: 'read-after-change-sees-write',
        kind: 'sometimes',
        description: 'witness: a read begun after the change and the write completed returns the written value',
        check: (state) => {
          const history = observer.history(state);
          const change = history.find((op) => op.input.f === setup.change);
          const write = history.find((op) => op.input.f === 'write');
          return history.some(
            (op) => op.input.f === 'read' && op.output?.value === 1 && [change, write].every((done) => done?.return !== undefined && done.return < op.call),
          );
        },
      };
      return [noLostAcknowledgedWrite(registerView, { initial: 0 }), regularRegister(registerView, { initial: 0 }), readAfterChange];
    },
    describeMessage,
    describeInput,
    describeOutput: (output) => (output.value === undefined ? 'ok' : String(output.value)),
  });
}

const HANDOFF_FIRST = { switchAt: 'handoff-received', drainFirst: true, writeToGaining: true, dropBeforeHandoff: false } as const;
const VIOLATED = { 'no-lost-ack-write': 'violated', regular: 'violated', 'read-after-change-sees-write': 'holds' } as const;
const HOLDS = { 'no-lost-ack-write': 'holds', regular: 'holds', 'read-after-change-sees-write': 'holds' } as const;
/** Small mistakes a handoff-first design must not survive. */
const HANDOFF_MUTATIONS = {
  'switch-on-handoff-sent': { description: 'the coordinator switches when the losing replica has sent its copy, before it arrives', setup: { switchAt: 'handoff-sent' } },
  'no-drain': { description: 'the handoff starts while a write begun under the old preference list is still under way', setup: { drainFirst: false } },
  'writes-skip-gaining': { description: 'writes begun during the change go to the old preference list only', setup: { writeToGaining: false } },
} as const;

/** The catalog entry. */
export const ringMembershipModel = defineModel({
  name: 'ring-membership',
  description: `data during a ring membership change: a replica joins or leaves while a client writes and another reads (${placement('join').shown})`,
  params: {},
  variants: {
    'join-handoff-first': {
      description: 'n2 joins; the coordinator drains earlier writes, sends later ones to n2 too, and routes to n2 only once n2 holds the handoff',
      setup: { change: 'join', ...HANDOFF_FIRST },
      expect: HOLDS,
      mutations: HANDOFF_MUTATIONS,
    },
    'join-serve-before-handoff': {
      description: 'n2 joins and the coordinator routes to it at once; the handoff of k arrives later',
      setup: { change: 'join', ...HANDOFF_FIRST, switchAt: 'change-requested' },
      expect: VIOLATED,
    },
    'leave-handoff-first': {
      description: 'n2 leaves; it hands k to n1 (which gains it) before the coordinator stops routing to n2',
      setup: { change: 'leave', ...HANDOFF_FIRST },
      expect: HOLDS,
      mutations: {
        ...HANDOFF_MUTATIONS,
        'drop-before-handoff': { description: 'the leaving replica drops its copy before handing it off', setup: { dropBeforeHandoff: true } },
      },
    },
    'leave-drops-data': {
      description: 'n2 leaves and drops its copy of k before the handoff',
      setup: { change: 'leave', ...HANDOFF_FIRST, dropBeforeHandoff: true },
      expect: VIOLATED,
    },
  },
  build: (variant: Variant<MembershipSetup>) => ringMembershipSystem(variant.setup),
});
