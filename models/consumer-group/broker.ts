import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { Grant } from '../../properties/consumers/index.ts';
import type { GroupMessage, GroupSetup, GroupTimer } from './messages.ts';

/** What the broker last granted: a member served or a commit accepted, with p's owner at that moment. */
export interface Granted {
  readonly member: NodeId;
  readonly owner: NodeId | null;
  readonly generation: number;
}

/** The broker: p's log (a fixed number of records), the committed offset, and the group. */
export interface BrokerState {
  readonly generation: number;
  readonly members: readonly NodeId[];
  readonly owner: NodeId | null;
  readonly committed: number;
  /** Session timeouts still to come (the pause budget). */
  readonly timeoutsLeft: number;
  /** For the ownership properties: the last fetch served and the last commit accepted. */
  readonly lastFetch?: Granted;
  readonly lastCommit?: Granted;
}

type Ctx = RoleContext<GroupMessage, never, GroupTimer>;

/** Members are the nodes after the broker (node 0), named c1, c2, ... */
export const memberName = (node: NodeId) => `c${node}`;

/** The broker's view of a grant for the properties, with the members' names. */
export const grantOf = (granted: Granted | undefined, name: (node: NodeId) => string): Grant | undefined =>
  granted && { member: name(granted.member), owner: granted.owner === null ? null : name(granted.owner), generation: granted.generation };

/** The broker of one setup, over a log of `records` records and `timeouts` session timeouts. */
export function broker(setup: GroupSetup, records: number, timeouts: number) {
  /** A request is the owner's, at the current generation. */
  const fromOwner = (state: BrokerState, generation: number, from: NodeId) => generation === state.generation && from === state.owner;

  /** A new generation over `members`: p stays with its owner if still a member, else goes to the first; everyone hears of it. */
  const rebalance = (state: BrokerState, members: readonly NodeId[], ctx: Ctx): BrokerState => {
    const generation = state.generation + 1;
    const owner = state.owner !== null && members.includes(state.owner) ? state.owner : (members[0] ?? null);
    ctx.broadcast(ctx.nodes('member'), { type: 'Assignment', generation, members, owner });
    return { ...state, generation, members, owner };
  };

  /** The session of a member may time out while the pause budget lasts (its heartbeats were late). */
  const watch = (state: BrokerState, member: NodeId, ctx: Ctx) => {
    if (state.timeoutsLeft > 0) ctx.setTimer({ type: 'session-timeout', member }, 0);
  };

  const expel = (state: BrokerState, member: NodeId, ctx: Ctx): BrokerState => {
    if (!state.members.includes(member)) return state;
    ctx.cancelTimer({ type: 'session-timeout', member });
    return rebalance(state, state.members.filter((m) => m !== member), ctx);
  };

  return defineRole<BrokerState, GroupMessage, never, never, GroupTimer>({
    // Generation 1 is the group as it stands at the start: every member, p with the first.
    init: () => ({ generation: 1, members: [], owner: null, committed: 0, timeoutsLeft: timeouts }),
    onStart(state, ctx) {
      const members = ctx.nodes('member');
      for (const member of members) watch(state, member, ctx);
      return { ...state, members, owner: members[0] ?? null };
    },
    on: {
      Fetch(state, msg, from, ctx) {
        // A fenced fetch is refused without an answer: the member's new assignment is already on its way.
        if (setup.fenceFetches && !fromOwner(state, msg.generation, from)) return state;
        ctx.send(from, { type: 'Records', generation: msg.generation, from: msg.offset ?? state.committed, to: records });
        return { ...state, lastFetch: { member: from, owner: state.owner, generation: msg.generation } };
      },
      Commit(state, msg, from, ctx) {
        if (setup.fenceCommits && !fromOwner(state, msg.generation, from)) return state;
        if (msg.sync) ctx.send(from, { type: 'CommitAck', generation: msg.generation, offset: msg.offset });
        return { ...state, committed: msg.offset, lastCommit: { member: from, owner: state.owner, generation: msg.generation } };
      },
      LeaveGroup: (state, _msg, from, ctx) => expel(state, from, ctx),
      JoinGroup(state, _msg, from, ctx) {
        watch(state, from, ctx);
        return rebalance(state, [...new Set([...state.members, from])].sort((a, b) => a - b), ctx);
      },
    },
    // Long polling: a fetch at the end of the log waits for records (here: for ever).
    defer: (state, msg) => msg.type === 'Fetch' && (msg.offset ?? state.committed) >= records,
    onTimer(state, timer, ctx) {
      if (timer.type !== 'session-timeout' || !state.members.includes(timer.member)) return state;
      const timeoutsLeft = state.timeoutsLeft - 1;
      if (timeoutsLeft === 0) for (const member of state.members) ctx.cancelTimer({ type: 'session-timeout', member });
      return expel({ ...state, timeoutsLeft }, timer.member, ctx);
    },
    // A crash is noticed when the member's session expires (the crash fault's delayed detection).
    onPeerCrash: (state, peer, ctx) => expel(state, peer, ctx),
    describe: (state) => `generation ${state.generation} {${state.members.map(memberName).join(' ')}} p→${state.owner === null ? 'nobody' : memberName(state.owner)}, committed ${state.committed}`,
  });
}
