import type { Model } from '../../src/core/model.ts';

/**
 * Checkpoint coordination (the checkpoint-lease design of Azure's RingMaster, as Andrew Helwer
 * specified it in TLA+; tlaplus/Examples, `CheckpointCoordination`): a primary elected over a
 * replicated log hands a *checkpoint lease* to one secondary at a time by appending the
 * secondary's name to the log. A secondary that executes an entry naming itself may take a
 * checkpoint; the primary never does, and no two secondaries may at once.
 *
 * Written at the specification's grain: each step is one of its actions (elect, grant a lease,
 * propagate the log, execute an entry, start and finish a checkpoint, time a lease out, a node
 * crashing or recovering, a link failing or healing). Time is one shared count of timed-out log
 * positions, as in the published model: the replicas' clocks may run at different rates, but
 * the replication layer's heartbeat bounds the difference and a secondary times its lease out
 * early by that margin, so a lease times out everywhere at once or its holder leaves the set.
 */

/** A checkpoint lease: who may checkpoint, and the log position that granted it. */
export interface CheckpointLease {
  readonly holder: number;
  readonly position: number;
}

/** One replica. Log positions count from 1, as in the specification. */
export interface CheckpointReplica {
  readonly up: boolean;
  /** The log: the secondary each position grants a lease to, or null while the position is empty. */
  readonly log: readonly (number | null)[];
  /** The next position to execute. */
  readonly next: number;
  /** The position up to which its last checkpoint went (piggybacked on its votes; 1: none). */
  readonly reported: number;
  /** The lease it knows of (at the primary: the one it granted last). */
  readonly lease: CheckpointLease | null;
  /** It believes it may take a checkpoint. */
  readonly mayCheckpoint: boolean;
  /** It is taking one (and executes nothing meanwhile). */
  readonly checkpointing: boolean;
}

/** The whole cluster. */
export interface CheckpointState {
  readonly replicas: readonly CheckpointReplica[];
  /** `links[from * N + to]`: messages from `from` reach `to`. */
  readonly links: readonly boolean[];
  readonly primary: number | null;
  /** Leases granted at a position below this one have timed out. */
  readonly timedOutBelow: number;
  /** The latest checkpoint: the log up to `upTo` (exclusive), from which a recovering replica restores. */
  readonly checkpoint: { readonly log: readonly (number | null)[]; readonly upTo: number };
  /** Faults (crashes, link failures) so far. */
  readonly faults: number;
}

/** A step of the specification. */
export type CheckpointAction =
  | { readonly type: 'elect'; readonly node: number }
  | { readonly type: 'grant'; readonly to: number }
  | { readonly type: 'propagate'; readonly from: number; readonly to: number }
  | { readonly type: 'execute'; readonly node: number }
  | { readonly type: 'start-checkpoint'; readonly node: number }
  | { readonly type: 'finish-checkpoint'; readonly node: number }
  | { readonly type: 'time-out' }
  | { readonly type: 'crash'; readonly node: number }
  | { readonly type: 'recover'; readonly node: number }
  | { readonly type: 'link-fails'; readonly from: number; readonly to: number }
  | { readonly type: 'link-heals'; readonly from: number; readonly to: number };

/** The design choices, and the mistakes a sensitivity check injects. */
export interface CheckpointDesign {
  /**
   * When the primary may replace the lease it granted: once it timed out or its holder reported
   * the checkpoint done (`timeout-or-report`); or also at once when the primary holds that lease
   * itself, the "optimisation" that breaks the design (`also-own-lease`).
   */
  readonly leaseReplacement: 'timeout-or-report' | 'also-own-lease';
  /** A replica may be elected only once it has executed every entry (false: once it holds them). */
  readonly electOnlyExecuted: boolean;
  /** Executing a lease that has timed out grants nothing (false: the holder checkpoints anyway). */
  readonly executeChecksTimeout: boolean;
  /** A time-out aborts a checkpoint under the timed-out lease (false: it runs on). */
  readonly timeoutAborts: boolean;
}

/** The bounds: replicas, the majority, log positions (a state with none left is judged, not expanded), faults. */
export interface CheckpointBounds {
  readonly replicas: number;
  readonly majority: number;
  readonly positions: number;
  readonly faults: number;
  /** Links may fail one way and heal (else only crashes). */
  readonly linkFaults: boolean;
}

const name = (node: number) => `n${node + 1}`;

/** The first log position empty at every replica, or null when none is left. */
function firstOpen(s: CheckpointState): number | null {
  const positions = s.replicas[0]!.log.length;
  for (let position = 1; position <= positions; position++) if (s.replicas.every((r) => r.log[position - 1] === null)) return position;
  return null;
}

/** The model of one design within its bounds. */
export function checkpointCoordination(design: CheckpointDesign, bounds: CheckpointBounds): Model<CheckpointState, CheckpointAction> {
  const n = bounds.replicas;
  const nodes = Array.from({ length: n }, (_, node) => node);
  const blank = Array.from({ length: bounds.positions }, () => null);
  const entry = (s: CheckpointState, node: number, position: number) => s.replicas[node]!.log[position - 1] ?? null;
  const reaches = (s: CheckpointState, from: number, to: number) => s.replicas[from]!.up && s.replicas[to]!.up && s.links[from * n + to]!;
  const connected = (s: CheckpointState, a: number, b: number) => reaches(s, a, b) && reaches(s, b, a);
  const hasQuorum = (s: CheckpointState, node: number) => s.replicas[node]!.up && nodes.filter((m) => connected(s, node, m)).length >= bounds.majority;
  const withReplica = (s: CheckpointState, node: number, change: Partial<CheckpointReplica>): CheckpointState => ({
    ...s,
    replicas: s.replicas.map((r, i) => (i === node ? { ...r, ...change } : r)),
  });

  /** Whether the primary may replace the lease it granted. */
  const mayReplace = (s: CheckpointState, lease: CheckpointLease) =>
    lease.position < s.timedOutBelow ||
    (connected(s, s.primary!, lease.holder) && lease.position < s.replicas[lease.holder]!.reported) ||
    (design.leaseReplacement === 'also-own-lease' && lease.holder === s.primary);

  const enabled: Record<CheckpointAction['type'], (s: CheckpointState, a: any) => boolean> = {
    elect: (s, a: { node: number }) => {
      const r = s.replicas[a.node]!;
      const open = firstOpen(s);
      // Executed every entry; or, the mistake, merely holds each one.
      const caughtUp = design.electOnlyExecuted ? r.next === open : r.log.slice(0, open! - 1).every((v) => v !== null);
      return s.primary === null && r.up && !r.checkpointing && hasQuorum(s, a.node) && caughtUp;
    },
    grant: (s, a: { to: number }) => {
      if (s.primary === null || !hasQuorum(s, s.primary) || a.to === s.primary || !connected(s, s.primary, a.to)) return false;
      const lease = s.replicas[s.primary]!.lease;
      return lease === null || mayReplace(s, lease);
    },
    propagate: (s, a: { from: number; to: number }) =>
      reaches(s, a.from, a.to) && s.replicas[a.to]!.log.some((value, i) => value === null && s.replicas[a.from]!.log[i] !== null),
    execute: (s, a: { node: number }) => {
      const r = s.replicas[a.node]!;
      return r.up && !r.checkpointing && entry(s, a.node, r.next) !== null;
    },
    'start-checkpoint': (s, a: { node: number }) => s.replicas[a.node]!.mayCheckpoint && !s.replicas[a.node]!.checkpointing,
    'finish-checkpoint': (s, a: { node: number }) => s.replicas[a.node]!.checkpointing,
    'time-out': (s) => nodes.some((m) => entry(s, m, s.timedOutBelow) !== null),
    crash: (s, a: { node: number }) => s.faults < bounds.faults && s.replicas[a.node]!.up,
    recover: (s, a: { node: number }) => !s.replicas[a.node]!.up,
    'link-fails': (s, a: { from: number; to: number }) => bounds.linkFaults && s.faults < bounds.faults && s.links[a.from * n + a.to]!,
    'link-heals': (s, a: { from: number; to: number }) => !s.links[a.from * n + a.to]!,
  };

  const step: Record<CheckpointAction['type'], (s: CheckpointState, a: any) => CheckpointState> = {
    elect: (s, a: { node: number }) => ({ ...withReplica(s, a.node, { mayCheckpoint: false }), primary: a.node }),
    grant: (s, a: { to: number }) => {
      const position = firstOpen(s)!;
      const primary = s.primary!;
      const replicas = s.replicas.map((r, m) => (reaches(s, primary, m) ? { ...r, log: r.log.map((v, i) => (i === position - 1 ? a.to : v)) } : r));
      return withReplica({ ...s, replicas }, primary, { lease: { holder: a.to, position } });
    },
    propagate: (s, a: { from: number; to: number }) => {
      const source = s.replicas[a.from]!.log;
      return withReplica(s, a.to, { log: s.replicas[a.to]!.log.map((v, i) => v ?? source[i]!) });
    },
    execute: (s, a: { node: number }) => {
      const r = s.replicas[a.node]!;
      const holder = entry(s, a.node, r.next)!;
      const timedOut = design.executeChecksTimeout && r.next < s.timedOutBelow;
      const lease = a.node === s.primary ? r.lease : timedOut ? null : { holder, position: r.next };
      return withReplica(s, a.node, { next: r.next + 1, lease, mayCheckpoint: s.primary !== a.node && holder === a.node && !timedOut });
    },
    'start-checkpoint': (s, a: { node: number }) => withReplica(s, a.node, { checkpointing: true }),
    'finish-checkpoint': (s, a: { node: number }) => {
      const r = s.replicas[a.node]!;
      const log = r.log.map((v, i) => (i + 1 < r.next ? v : null));
      return { ...withReplica(s, a.node, { reported: r.next, lease: null, mayCheckpoint: false, checkpointing: false }), checkpoint: { log, upTo: r.next } };
    },
    'time-out': (s) => {
      const live = (r: CheckpointReplica) => r.lease !== null && r.lease.position > s.timedOutBelow;
      const replicas = s.replicas.map((r) => ({ ...r, mayCheckpoint: r.mayCheckpoint && live(r), checkpointing: r.checkpointing && (live(r) || !design.timeoutAborts) }));
      return { ...s, replicas, timedOutBelow: s.timedOutBelow + 1 };
    },
    crash: (s, a: { node: number }) => ({
      ...withReplica(s, a.node, { up: false, next: 1, reported: 1, lease: null, mayCheckpoint: false, checkpointing: false }),
      primary: s.primary === a.node ? null : s.primary,
      faults: s.faults + 1,
    }),
    recover: (s, a: { node: number }) => {
      const { log: saved, upTo } = s.checkpoint;
      const log = s.replicas[a.node]!.log.map((v, i) => (i + 1 < upTo ? saved[i]! : v));
      return withReplica(s, a.node, { up: true, log, next: upTo, reported: 1, lease: null, mayCheckpoint: false, checkpointing: false });
    },
    'link-fails': (s, a: { from: number; to: number }) => ({ ...s, links: s.links.map((v, i) => (i === a.from * n + a.to ? false : v)), faults: s.faults + 1 }),
    'link-heals': (s, a: { from: number; to: number }) => ({ ...s, links: s.links.map((v, i) => (i === a.from * n + a.to ? true : v)) }),
  };

  const orders = permutations(nodes).map((rename) => ({ rename, inverse: nodes.map((j) => rename.indexOf(j)) }));
  const pairs = nodes.flatMap((from) => nodes.filter((to) => to !== from).map((to) => ({ from, to })));
  const all: CheckpointAction[] = [
    ...nodes.map((node) => ({ type: 'elect', node }) as const),
    ...nodes.map((to) => ({ type: 'grant', to }) as const),
    ...pairs.map((p) => ({ type: 'propagate', ...p }) as const),
    ...nodes.map((node) => ({ type: 'execute', node }) as const),
    ...nodes.map((node) => ({ type: 'start-checkpoint', node }) as const),
    ...nodes.map((node) => ({ type: 'finish-checkpoint', node }) as const),
    { type: 'time-out' },
    ...nodes.map((node) => ({ type: 'crash', node }) as const),
    ...nodes.map((node) => ({ type: 'recover', node }) as const),
    ...pairs.map((p) => ({ type: 'link-fails', ...p }) as const),
    ...pairs.map((p) => ({ type: 'link-heals', ...p }) as const),
  ];

  const initial: CheckpointState = {
    replicas: nodes.map(() => ({ up: true, log: blank, next: 1, reported: 1, lease: null, mayCheckpoint: false, checkpointing: false })),
    links: nodes.flatMap(() => nodes.map(() => true)),
    primary: null,
    timedOutBelow: 1,
    checkpoint: { log: blank, upTo: 1 },
    faults: 0,
  };

  return {
    init: () => [initial],
    actions: (s) => all.filter((a) => enabled[a.type](s, a)),
    next: (s, a) => step[a.type](s, a),
    withinBounds: (s) => firstOpen(s) !== null,
    canonical: (s) => symmetric(s, orders),
    isFault: (a) => a.type === 'crash' || a.type === 'link-fails',
    describeAction: describeCheckpointAction,
    describeState: describeCheckpointState,
    bounds: `${n} replicas, majority ${bounds.majority}, ${bounds.positions} log positions, at most ${bounds.faults} faults (crash${bounds.linkFaults ? ', one-way link failure' : ''}; recoveries and heals free)`,
    properties: [
      { name: 'one-checkpoint-at-a-time', kind: 'always', description: "the specification's SafetyInvariant: the primary never checkpoints, no two replicas may at once, a replica checkpoints only under its own live lease, logs never conflict", check: (s) => safety(s, bounds.positions) },
      { name: 'checkpoint-taken', kind: 'sometimes', description: 'some secondary completes a checkpoint', check: (s) => s.checkpoint.upTo > 1 },
    ],
  };
}

/** Every ordering of the nodes. */
function permutations(nodes: readonly number[]): number[][] {
  if (nodes.length <= 1) return [[...nodes]];
  return nodes.flatMap((first) => permutations(nodes.filter((m) => m !== first)).map((rest) => [first, ...rest]));
}

/** The state with its nodes renamed: node `m` becomes `rename[m]`. */
function renamed(s: CheckpointState, rename: readonly number[]): CheckpointState {
  const n = rename.length;
  const value = (v: number | null) => (v === null ? null : rename[v]!);
  const replicas: CheckpointReplica[] = new Array(n);
  const links: boolean[] = new Array(n * n);
  for (let m = 0; m < n; m++) {
    const r = s.replicas[m]!;
    replicas[rename[m]!] = { ...r, log: r.log.map(value), lease: r.lease && { holder: rename[r.lease.holder]!, position: r.lease.position } };
    for (let to = 0; to < n; to++) links[rename[m]! * n + rename[to]!] = s.links[m * n + to]!;
  }
  return { ...s, replicas, links, primary: value(s.primary), checkpoint: { ...s.checkpoint, log: s.checkpoint.log.map(value) } };
}

/** A compact key of the state as renamed by `rename`, built without renaming it. */
function renamedKey(s: CheckpointState, rename: readonly number[], inverse: readonly number[]): string {
  const n = rename.length;
  const value = (v: number | null) => (v === null ? '-' : String(rename[v]));
  let key = `${s.primary === null ? '-' : rename[s.primary]}|${s.timedOutBelow}|${s.faults}|${s.checkpoint.upTo}:${s.checkpoint.log.map(value).join('')}`;
  for (let j = 0; j < n; j++) {
    const m = inverse[j]!;
    const r = s.replicas[m]!;
    key += `|${r.up ? 1 : 0}${r.log.map(value).join('')},${r.next},${r.reported},${r.lease ? `${rename[r.lease.holder]}@${r.lease.position}` : '.'},${r.mayCheckpoint ? 1 : 0}${r.checkpointing ? 1 : 0},`;
    for (let k = 0; k < n; k++) key += s.links[m * n + inverse[k]!] ? 1 : 0;
  }
  return key;
}

/**
 * Symmetry reduction (the published model checks with node symmetry too): the renaming of the
 * state whose key comes first. The nodes play interchangeable roles and the properties name none.
 */
function symmetric(s: CheckpointState, orders: readonly { readonly rename: readonly number[]; readonly inverse: readonly number[] }[]): CheckpointState {
  let best = orders[0]!;
  let bestKey = renamedKey(s, best.rename, best.inverse);
  for (const order of orders.slice(1)) {
    const key = renamedKey(s, order.rename, order.inverse);
    if (key < bestKey) [best, bestKey] = [order, key];
  }
  return best === orders[0] ? s : renamed(s, best.rename);
}

/** The specification's SafetyInvariant, with a message naming the clause that fails. */
function safety(s: CheckpointState, positions: number): true | string {
  const may = s.replicas.flatMap((r, node) => (r.mayCheckpoint ? [node] : []));
  const taking = s.replicas.flatMap((r, node) => (r.checkpointing ? [node] : []));
  if (s.primary !== null) {
    const primary = s.replicas[s.primary]!;
    if (primary.mayCheckpoint || primary.checkpointing) return `the primary ${name(s.primary)} may take a checkpoint`;
    const busy = [...may, ...taking].find((node) => primary.lease === null || primary.lease.holder !== node);
    if (busy !== undefined) return `${name(busy)} may take a checkpoint, but the primary ${name(s.primary)} ${primary.lease ? `leased it to ${name(primary.lease.holder)}` : 'knows of no lease'}`;
  }
  if (may.length > 1) return `${may.map(name).join(' and ')} both may take a checkpoint`;
  if (taking.length > 1) return `${taking.map(name).join(' and ')} both take a checkpoint`;
  for (const [node, r] of s.replicas.entries()) {
    if (r.checkpointing && !r.mayCheckpoint) return `${name(node)} takes a checkpoint it may not take`;
    if (r.mayCheckpoint && (r.lease === null || r.lease.holder !== node)) return `${name(node)} may take a checkpoint without holding the lease`;
    if (r.mayCheckpoint && r.lease!.position < s.timedOutBelow) return `${name(node)} may take a checkpoint under a lease that timed out`;
  }
  for (let i = 0; i < positions; i++) {
    const values = new Set(s.replicas.map((r) => r.log[i]).filter((v) => v !== null));
    if (values.size > 1) return `the logs conflict at position ${i + 1}`;
  }
  return true;
}

/** One line a step, in the specification's terms. */
export function describeCheckpointAction(a: CheckpointAction, s: CheckpointState): string {
  switch (a.type) {
    case 'elect':
      return `${name(a.node)} is elected primary`;
    case 'grant':
      return `${name(s.primary!)} grants the checkpoint lease to ${name(a.to)} at log position ${firstOpen(s)}`;
    case 'propagate':
      return `${name(a.from)} propagates its log to ${name(a.to)}`;
    case 'execute': {
      const r = s.replicas[a.node]!;
      return `${name(a.node)} executes position ${r.next} (lease to ${name(r.log[r.next - 1]!)})`;
    }
    case 'start-checkpoint':
      return `${name(a.node)} starts a checkpoint`;
    case 'finish-checkpoint':
      return `${name(a.node)} finishes its checkpoint`;
    case 'time-out':
      return `the lease of position ${s.timedOutBelow} times out`;
    case 'crash':
      return `${name(a.node)} crashes`;
    case 'recover':
      return `${name(a.node)} recovers from the latest checkpoint and its own log`;
    case 'link-fails':
      return `link ${name(a.from)}→${name(a.to)} fails`;
    case 'link-heals':
      return `link ${name(a.from)}→${name(a.to)} heals`;
  }
}

/** A readable view of the cluster for traces. */
function describeCheckpointState(s: CheckpointState): Record<string, string> {
  const log = (entries: readonly (number | null)[]) => `[${entries.map((v) => (v === null ? '-' : name(v))).join(' ')}]`;
  const view: Record<string, string> = { primary: s.primary === null ? 'none' : name(s.primary), 'timed out below': String(s.timedOutBelow) };
  for (const [node, r] of s.replicas.entries()) {
    const lease = r.lease ? `lease ${name(r.lease.holder)}@${r.lease.position}` : 'no lease';
    const flags = [r.up ? '' : 'down', r.mayCheckpoint ? 'may checkpoint' : '', r.checkpointing ? 'checkpointing' : ''].filter(Boolean).join(', ');
    view[name(node)] = `log ${log(r.log)} next ${r.next}, ${lease}${flags ? `, ${flags}` : ''}`;
  }
  view['checkpoint'] = `${log(s.checkpoint.log)} up to ${s.checkpoint.upTo}`;
  return view;
}
