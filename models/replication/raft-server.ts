import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';
import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { RaftEntry, RaftMsg, Value } from './messages.ts';
import { members, raftLog, serverName } from './render.ts';

/**
 * A server of a Raft-like replicated log (Ongaro and Ousterhout, "In Search of an Understandable
 * Consensus Algorithm", 2014), reduced to what commitment needs: elections with terms and the
 * up-to-date vote check, log shipping with the consistency check, and the leader's commit rule.
 * Election timeouts may expire at any moment (a timer that is always due) on a follower that may
 * campaign, up to `maxTerm`. Leaders ship their whole log, so one round repairs a follower
 * (Raft's back-off in one step).
 */
export interface RaftDesign {
  /**
   * When the leader counts an entry as committed: once a majority holds it and it is of the
   * leader's current term (`current-term`, Raft's rule, §5.4.2), or once a majority holds it,
   * whatever its term (`any-term`).
   */
  readonly commitRule: 'current-term' | 'any-term';
  /** Whether a voter checks that the candidate's log is at least as up-to-date as its own (§5.4.1). */
  readonly upToDateVotes: boolean;
  /** No server starts an election beyond this term. */
  readonly maxTerm: number;
  /** The servers that may start elections (the others only vote and replicate). */
  readonly candidates: readonly NodeId[];
}

/** A Raft server's state: `term`, `votedFor` and `log` are on disk. */
export interface RaftServerState {
  readonly term: number;
  readonly votedFor: NodeId;
  readonly log: readonly RaftEntry[];
  readonly role: 'follower' | 'candidate' | 'leader';
  /** As candidate: bit set of the votes it has. */
  readonly votes: number;
  /** As leader: per server, how many entries are known to match its log. */
  readonly matched: readonly number[];
  /** How many entries of its log this server counted as committed while leading. */
  readonly commit: number;
  /** As leader: client writes waiting for their entry to commit. */
  readonly pending: readonly { readonly op: number; readonly index: number }[];
  /** Client writes that reached it while it did not lead: it appends them once it leads (a client retrying at the leader). */
  readonly held: readonly { readonly op: number; readonly value: Value }[];
}

/** The election timeout. */
export type RaftTimer = { readonly type: 'election' };

type Ctx = RoleContext<RaftMsg, RegisterResult, RaftTimer>;

const lastTerm = (log: readonly RaftEntry[]) => log[log.length - 1]?.term ?? 0;
const count = (bits: number) => {
  let k = 0;
  for (; bits; bits &= bits - 1) k++;
  return k;
};

/**
 * Messages that can no longer change anything (for the layer's `obsolete` sweep): terms only
 * grow and a vote, once cast in a term, stands, so what a server ignores now it ignores forever.
 * A request for votes or a log stays live while it can still raise its receiver's term.
 */
export function raftObsolete(msg: RaftMsg, from: NodeId, to: NodeId, state: (node: NodeId) => RaftServerState): boolean {
  const receiver = state(to);
  switch (msg.type) {
    case 'RequestVote':
      return msg.term < receiver.term || (msg.term === receiver.term && (receiver.votedFor !== -1 || state(from).term !== msg.term || state(from).role !== 'candidate'));
    case 'Vote':
      return receiver.role !== 'candidate' || receiver.term !== msg.term || ((receiver.votes >> from) & 1) === 1;
    case 'Append': {
      if (msg.term < receiver.term) return true;
      if (msg.term > receiver.term || receiver.role !== 'follower') return false;
      const sender = state(from);
      const answerUseless = sender.role !== 'leader' || sender.term !== msg.term || sender.matched[to]! >= msg.from + msg.entries.length;
      const changesNothing = msg.entries.every((e, i) => receiver.log[msg.from + i]?.term === e.term);
      return answerUseless && changesNothing;
    }
    case 'Appended':
      return receiver.role !== 'leader' || receiver.term !== msg.term || receiver.matched[from]! >= msg.length;
  }
}

/** The Raft server role for one design. */
export function raftServerRole(design: RaftDesign) {
  const servers = (ctx: Ctx) => ctx.nodes('server');
  const others = (ctx: Ctx) => servers(ctx).filter((n) => n !== ctx.self);
  const majority = (k: number, ctx: Ctx) => 2 * k > servers(ctx).length;

  const mayCampaign = (ctx: Ctx) => design.candidates.includes(ctx.self);
  const armElection = (ctx: Ctx) => {
    if (mayCampaign(ctx)) ctx.setTimer({ type: 'election' }, 0);
  };

  /** Follows the leader of `term` (a newer term, or a leader of its own term); a vote of this term stands. */
  const stepDown = (s: RaftServerState, term: number, ctx: Ctx): RaftServerState => {
    if (s.role !== 'follower') armElection(ctx);
    return { ...s, term, votedFor: term > s.term ? -1 : s.votedFor, role: 'follower', votes: 0, matched: [], pending: [] };
  };

  const shipLog = (s: RaftServerState, ctx: Ctx) => ctx.broadcast(others(ctx), { type: 'Append', term: s.term, from: 0, prevTerm: 0, entries: s.log });

  /** Counts as committed the longest prefix held by a majority that the commit rule accepts, and answers its clients. */
  const advance = (s: RaftServerState, ctx: Ctx): RaftServerState => {
    let commit = s.commit;
    for (let k = s.log.length; k > s.commit; k--) {
      const holders = s.matched.filter((m) => m >= k).length;
      if (majority(holders, ctx) && (design.commitRule === 'any-term' || s.log[k - 1]!.term === s.term)) {
        commit = k;
        break;
      }
    }
    if (commit === s.commit) return s;
    for (const p of s.pending) if (p.index < commit) ctx.reply(p.op, {});
    return { ...s, commit, pending: s.pending.filter((p) => p.index >= commit) };
  };

  /** Appends client writes to the leader's log, as entries of its term. */
  const append = (s: RaftServerState, writes: RaftServerState['held'], ctx: Ctx): RaftServerState => {
    if (writes.length === 0) return s;
    const log = [...s.log, ...writes.map((w) => ({ term: s.term, value: w.value }))];
    const pending = [...s.pending, ...writes.map((w, i) => ({ op: w.op, index: s.log.length + i }))];
    return { ...s, log, matched: s.matched.map((m, n) => (n === ctx.self ? log.length : m)), pending, held: [] };
  };

  /** Whether a candidate's log is at least as up-to-date as this server's (later last term, or same and as long). */
  const upToDate = (s: RaftServerState, lastTermOf: number, length: number) =>
    !design.upToDateVotes || lastTermOf > lastTerm(s.log) || (lastTermOf === lastTerm(s.log) && length >= s.log.length);

  return defineRole<RaftServerState, RaftMsg, RegisterOp, RegisterResult, RaftTimer>({
    init: () => ({ term: 0, votedFor: -1, log: [], role: 'follower', votes: 0, matched: [], commit: 0, pending: [], held: [] }),
    durable: ['term', 'votedFor', 'log'],
    describe: describeRaftServer,
    onStart(s, ctx) {
      armElection(ctx);
      return s;
    },

    onRequest(s, request, ctx) {
      if (request.input.f !== 'write') {
        ctx.fail(request.op, 'reads are not modelled');
        return s;
      }
      const write = { op: request.op, value: request.input.value as Value };
      if (s.role !== 'leader') return { ...s, held: [...s.held, write] };
      const next = append(s, [write], ctx);
      shipLog(next, ctx);
      return advance(next, ctx);
    },

    on: {
      RequestVote(s, msg, from, ctx) {
        if (msg.term > s.term) s = stepDown(s, msg.term, ctx);
        if (msg.term < s.term || (s.votedFor !== -1 && s.votedFor !== from) || !upToDate(s, msg.lastTerm, msg.length)) return s;
        ctx.send(from, { type: 'Vote', term: s.term });
        return { ...s, votedFor: from };
      },
      Vote(s, msg, from, ctx) {
        if (s.role !== 'candidate' || msg.term !== s.term) return s;
        const votes = s.votes | (1 << from);
        if (!majority(count(votes), ctx)) return { ...s, votes };
        const elected: RaftServerState = { ...s, role: 'leader', votes: 0, matched: servers(ctx).map((n) => (n === ctx.self ? s.log.length : 0)), commit: 0, pending: [] };
        const leader = append(elected, s.held, ctx);
        shipLog(leader, ctx);
        return leader;
      },
      Append(s, msg, from, ctx) {
        if (msg.term < s.term) return s;
        if (msg.term > s.term || s.role !== 'follower') s = stepDown(s, msg.term, ctx);
        if (msg.from > s.log.length || (msg.from > 0 && s.log[msg.from - 1]!.term !== msg.prevTerm)) return s;
        // Keep what agrees; from the first conflicting entry on, take the leader's.
        let log = s.log;
        msg.entries.forEach((entry, i) => {
          const at = msg.from + i;
          if (log[at]?.term === entry.term) return;
          log = [...log.slice(0, at), ...msg.entries.slice(i)];
        });
        ctx.send(from, { type: 'Appended', term: s.term, length: msg.from + msg.entries.length });
        return log === s.log ? s : { ...s, log };
      },
      Appended(s, msg, from, ctx) {
        if (s.role !== 'leader' || msg.term !== s.term || s.matched[from]! >= msg.length) return s;
        return advance({ ...s, matched: s.matched.map((m, n) => (n === from ? msg.length : m)) }, ctx);
      },
    },

    // A follower's timeout: it campaigns in the next term. (A candidate waits for the outcome: a
    // newer term or a leader of its own sends it back to following, and re-arms the timer.)
    onTimer(s, _timer, ctx) {
      if (s.role !== 'follower' || s.term >= design.maxTerm) return s;
      const term = s.term + 1;
      ctx.broadcast(others(ctx), { type: 'RequestVote', term, lastTerm: lastTerm(s.log), length: s.log.length });
      return { ...s, term, votedFor: ctx.self, role: 'candidate', votes: 1 << ctx.self };
    },
  });
}

/** The state's line in traces. */
function describeRaftServer(s: RaftServerState): string {
  const log = `log ${raftLog(s.log)}${s.held.length > 0 ? `, holding ${s.held.map((w) => `write ${w.value}`).join(', ')}` : ''}`;
  switch (s.role) {
    case 'leader':
      return `leader t${s.term}, ${log}, matched ${s.matched.map((m, n) => `${serverName(n)}:${m}`).join(' ')}, committed ${s.commit}`;
    case 'candidate':
      return `candidate t${s.term}, votes ${members(s.votes, serverName)}, ${log}`;
    case 'follower':
      return `follower t${s.term}${s.votedFor >= 0 ? ` (voted ${serverName(s.votedFor)})` : ''}, ${log}${s.commit > 0 ? `, committed ${s.commit} while leading` : ''}`;
  }
}
