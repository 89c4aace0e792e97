import { defineModel, type Property } from '../../src/core/model.ts';
import { crash, defineSystem, type NodeId, type SystemState, type SystemView } from '../../src/system/index.ts';
import { fencedCommitsRejected, noDuplicateProcessing, noLostMessage, singleOwner, type DeliverySource, type OwnershipSource } from '../../properties/consumers/index.ts';
import { broker, grantOf, memberName, type BrokerState } from './broker.ts';
import { member, type MemberState } from './member.ts';
import type { GroupMessage, GroupSetup, GroupTimer } from './messages.ts';

/** The bounds of one check: group size, log length, and the faults. */
export interface GroupBounds {
  readonly members: number;
  readonly records: number;
  /** Session timeouts of live members (a member paused past its session): the pause budget. */
  readonly pauses: number;
  /** Member crashes, each noticed late (at its session timeout) or not before it restarts. */
  readonly crashes: number;
  /** Whether the last member may leave the group (shut down) at any moment. */
  readonly leave: boolean;
}

const describeMessage = (msg: GroupMessage) =>
  msg.type === 'Assignment'
    ? `Assignment(generation=${msg.generation}, members=${msg.members.map(memberName).join(' ') || 'none'}, p→${msg.owner === null ? 'nobody' : memberName(msg.owner)})`
    : msg.type === 'Records'
      ? `Records(generation=${msg.generation}, offsets ${msg.from}..${msg.to - 1})`
      : msg.type === 'Fetch'
        ? `Fetch(generation=${msg.generation}, from ${msg.offset ?? 'the committed offset'})`
        : msg.type === 'Commit'
          ? `Commit(generation=${msg.generation}, offset=${msg.offset}${msg.sync ? ', sync' : ''})`
          : msg.type === 'CommitAck'
            ? `CommitAck(generation=${msg.generation}, offset=${msg.offset})`
            : 'JoinGroup';

const describeTimer = (timer: GroupTimer) => (timer.type === 'session-timeout' ? `session-timeout(${memberName(timer.member)})` : timer.type);

/**
 * Messages that can no longer have any effect, swept after every step. A member's generation
 * only grows (it is kept across a restart), and a member that does not own p in its generation
 * takes no records until a newer one; the broker never crashes, and a fenced request of an
 * older generation is refused for ever.
 */
function obsoleteFor(setup: GroupSetup) {
  return (msg: GroupMessage, _from: NodeId, to: NodeId, view: SystemView<{ broker: ReturnType<typeof broker>; member: ReturnType<typeof member> }>): boolean => {
    if (view.roleOf(to) === 'broker') {
      const generation = view.state('broker', to).generation;
      if (msg.type === 'Fetch') return setup.fenceFetches && msg.generation < generation;
      if (msg.type === 'Commit') return setup.fenceCommits && msg.generation < generation;
      return false;
    }
    const target = view.state('member', to);
    if (target.left) return true;
    if (msg.type === 'Records') return msg.generation < target.generation || (msg.generation === target.generation && !target.owns);
    if (msg.type === 'Assignment') return msg.generation <= target.generation;
    if (msg.type === 'CommitAck') return msg.generation < target.generation;
    return false;
  };
}

/**
 * Broker b (p's log of `records` records, the group coordinator) and members c1, c2, ...; c1 owns
 * p in generation 1. Each member fetches, processes one record a step and commits; the broker's
 * session timers expel a member that paused; a crashed member rejoins when it restarts.
 */
export function consumerGroupSystem(setup: GroupSetup, bounds: GroupBounds, options: { readonly obsolete?: boolean } = {}) {
  const members = Array.from({ length: bounds.members }, (_, i) => ({ role: 'member' as const, name: memberName(i + 1) }));
  const system = defineSystem({
    roles: { broker: broker(setup, bounds.records, bounds.pauses), member: member(setup, bounds.leave) },
    nodes: [{ role: 'broker', name: 'b' }, ...members],
    network: 'unordered',
    workload: [],
    faults: { budget: bounds.crashes, kinds: bounds.crashes > 0 ? [crash({ nodes: members.map((m) => m.name), detection: 'delayed' })] : [] },
    properties: (observer) => {
      type State = SystemState<BrokerState | MemberState, GroupMessage, never, GroupTimer>;
      const brokerOf = (state: State) => state.nodes[0] as BrokerState;
      const membersOf = (state: State) => state.nodes.slice(1) as MemberState[];
      const delivery: DeliverySource<State> = {
        delivery: (state) => ({
          records: bounds.records,
          processed: membersOf(state).flatMap((m) => m.processed),
          inHand: membersOf(state).flatMap((m, i) => (observer.isUp(state, i + 1) ? m.hand : [])),
          committed: brokerOf(state).committed,
          logStart: 0,
        }),
      };
      const ownership: OwnershipSource<State> = {
        lastFetch: (state) => grantOf(brokerOf(state).lastFetch, memberName),
        lastCommit: (state) => grantOf(brokerOf(state).lastCommit, memberName),
      };
      const everythingCommitted = (state: State) => brokerOf(state).committed === bounds.records && membersOf(state).every((m) => m.hand.length === 0);
      const witness: Property<State> =
        bounds.members > 1
          ? {
              name: 'new-owner-commits-everything',
              kind: 'sometimes',
              description: 'witness: p moves to another member, which processes and commits every record',
              check: (state) => everythingCommitted(state) && brokerOf(state).lastCommit?.member !== 1,
            }
          : {
              name: 'everything-processed-and-committed',
              kind: 'sometimes',
              description: 'witness: every record is processed and its offset committed',
              check: everythingCommitted,
            };
      return [singleOwner(ownership), fencedCommitsRejected(ownership), noLostMessage(delivery), noDuplicateProcessing(delivery), witness];
    },
    ...(options.obsolete === false ? {} : { obsolete: obsoleteFor(setup) }),
    describeMessage,
    describeTimer,
  });
  return system;
}

/** The fenced group's design, committing after processing. */
export const FENCED: GroupSetup = { fenceCommits: true, fenceFetches: true, commit: 'after-processing', commitOneEarly: false };
/** The same design with no generation check anywhere. */
export const UNFENCED: GroupSetup = { ...FENCED, fenceCommits: false, fenceFetches: false };
const ONE_MEMBER = { members: 1, records: 1, pauses: 0, crashes: 1, leave: false };

/** The catalog entry. */
export const consumerGroupModel = defineModel({
  name: 'consumer-group',
  description: 'a Kafka-like consumer group on one partition: rebalancing with generations, fencing, and when offsets are committed',
  params: {
    members: { type: 'int', default: 2, min: 1, max: 2, description: 'members of the group' },
    records: { type: 'int', default: 1, min: 1, max: 2, description: 'records in the partition' },
    pauses: { type: 'int', default: 1, min: 0, max: 2, description: 'session timeouts of a live member (a pause longer than its session)' },
    crashes: { type: 'int', default: 0, min: 0, max: 1, description: 'member crashes, each followed by a restart' },
    leave: { type: 'bool', default: false, description: 'the last member may leave the group at any moment' },
  },
  variants: {
    fenced: {
      description: 'the broker checks the generation (and owner) of every fetch and commit; offsets committed after processing',
      setup: FENCED,
      expect: { 'single-owner': 'holds', 'fenced-commits-rejected': 'holds', 'no-lost-message': 'holds', 'no-duplicate': 'violated', 'new-owner-commits-everything': 'holds' },
      mutations: {
        'commits-unfenced': { description: 'the generation check removed from commits only', setup: { fenceCommits: false } },
        'fetches-unfenced': { description: 'the generation check removed from fetches only', setup: { fenceFetches: false } },
        'commit-one-early': { description: 'the offset committed one message early, before the batch’s last record is processed', setup: { commitOneEarly: true } },
      },
    },
    unfenced: {
      description: 'no generation check: a member paused across a rebalance resumes, processes and commits with its old generation',
      setup: UNFENCED,
      expect: { 'single-owner': 'violated', 'fenced-commits-rejected': 'violated', 'no-lost-message': 'holds', 'no-duplicate': 'violated', 'new-owner-commits-everything': 'holds' },
    },
    'commit-after-processing': {
      description: 'at-least-once: a member commits a batch’s offset once it has processed the batch; one member, one crash',
      params: ONE_MEMBER,
      setup: FENCED,
      expect: { 'single-owner': 'holds', 'fenced-commits-rejected': 'holds', 'no-lost-message': 'holds', 'no-duplicate': 'violated', 'everything-processed-and-committed': 'holds' },
      mutations: {
        'commit-one-early': { description: 'the offset committed one message early, before the batch’s last record is processed', setup: { commitOneEarly: true } },
        'commit-before-processing': { description: 'the offset committed before the batch is processed', setup: { commit: 'before-processing' } },
      },
    },
    'commit-before-processing': {
      description: 'at-most-once: a member commits a batch’s offset (and waits for the answer) before processing it; one member, one crash',
      params: ONE_MEMBER,
      setup: { ...FENCED, commit: 'before-processing' as const },
      expect: { 'single-owner': 'holds', 'fenced-commits-rejected': 'holds', 'no-lost-message': 'violated', 'no-duplicate': 'holds', 'everything-processed-and-committed': 'holds' },
    },
  },
  build: (variant, params) => consumerGroupSystem(variant.setup, params),
});
