/**
 * Declared symmetry: groups of interchangeable nodes, and the representative of a state's orbit
 * computed by the layer (the model only says where node ids hide in its own data).
 *
 * Each group's members are sorted by a signature no relabelling changes (a member's local state,
 * clock, status, timers and the messages to and from it, every interchangeable id collapsed to
 * one). Members with equal signatures are tried in every order, each order judged by a key of the
 * state it would give, combined from the hashes of its parts without building it; the smallest key
 * wins. So the states of one orbit get one representative, and a representative is its own. The
 * same key, with the hash of what no renaming moves, is the representative's fingerprint.
 */
import { ModelContractError } from '../core/errors.ts';
import type { Model } from '../core/model.ts';
import { avalanche, fingerprintValue, fp } from '../core/fingerprint.ts';
import { messageKey, sortNetwork, type NetworkSemantics } from './network.ts';
import type { NodeId, PendingTimer, SystemState } from './types.ts';

/** Renames node ids: `rename(id)` is the id's new name (ids outside every group are kept). */
export type Rename = (node: NodeId) => NodeId;

/** Where node ids appear in a system's own data, for the layer to rename them. Each defaults to "nowhere". */
export interface Relabelling<S, M, T> {
  /** A node's local state with the ids in it renamed (`node`: whose state it is, before renaming). */
  readonly node?: (state: S, node: NodeId, rename: Rename) => S;
  /** A message with the ids in it renamed. */
  readonly message?: (msg: M, rename: Rename) => M;
  /** A timer value with the ids in it renamed. */
  readonly timer?: (timer: T, rename: Rename) => T;
}

/**
 * A symmetry declaration of the node-indexed spec: groups of interchangeable nodes and where ids
 * hide. Sound only if the handlers, the properties and `obsolete` treat the members of a group
 * alike (`expectSymmetric` in the test kit checks it on sampled states); the layer itself checks
 * that no member is named by the workload and that the initial state is symmetric.
 */
export interface SymmetrySpec<S, M, T> extends Relabelling<S, M, T> {
  readonly groups: readonly (readonly NodeId[])[];
}

/** What a compiled model says of its declared symmetry. */
export interface Symmetry<S, M, O, T> {
  /** The groups of interchangeable nodes (each of two or more). */
  readonly groups: readonly (readonly NodeId[])[];
  /** The state with node `m` renamed `permutation[m]` (ids, node slots, clocks, status bits, messages, timers). */
  relabel(state: SystemState<S, M, O, T>, permutation: readonly NodeId[]): SystemState<S, M, O, T>;
  /** The representative of the state's orbit (the state itself when it is one). */
  representative(state: SystemState<S, M, O, T>): SystemState<S, M, O, T>;
  /** The representative's fingerprint into `fp`, computed without building the representative (the model's `fingerprint`). */
  fingerprint(state: SystemState<S, M, O, T>): void;
  /** What the bounds line says of it: `symmetry: r0, r1, r2 interchangeable`. */
  readonly bound: string;
}

/** Beyond this many orders of tied members, a state's ties are left in id order (sound, but two states of an orbit may then differ). */
const MAX_TIE_ORDERS = 5040;

/**
 * The model without its declared symmetry (its `canonical` and the bounds line's clause), for
 * comparisons (`check --no-symmetry`); a model that declares none is returned as it is. A model
 * whose `canonical` is its own, not the layer's representative, is refused: dropping it would drop more.
 */
export function withoutSymmetry<S, A>(model: Model<S, A>): Model<S, A> {
  const symmetry = (model as { symmetry?: Symmetry<unknown, unknown, unknown, unknown> }).symmetry;
  if (!symmetry) return model;
  if ((model.canonical as unknown) !== symmetry.representative) throw new ModelContractError("the model's canonical is not its declared symmetry's representative, so symmetry cannot be switched off alone");
  const { canonical: _canonical, fingerprint: _fingerprint, symmetry: _symmetry, bounds, ...rest } = model as Model<S, A> & { symmetry?: unknown };
  const plain = bounds?.replace(`; ${symmetry.bound}`, '');
  return plain === undefined ? rest : { ...rest, bounds: plain };
}

/** Builds the symmetry of a compiled system; `coordinators` are the nodes the workload names. */
export function makeSymmetry<S, M, O, T>(
  declared: SymmetrySpec<S, M, T>,
  size: number,
  semantics: NetworkSemantics,
  coordinators: ReadonlySet<NodeId>,
  name: (node: NodeId) => string,
): Symmetry<S, M, O, T> {
  type State = SystemState<S, M, O, T>;
  const groups = checkedGroups(declared.groups, size, coordinators, name);
  const relabelNode = declared.node;
  const relabelMessage = declared.message;
  const relabelTimer = declared.timer;
  const identity = Array.from({ length: size }, (_, node) => node);
  /** Every member collapsed to its group's first member: a relabelling that makes members alike. */
  const collapsed = identity.slice();
  for (const group of groups) for (const member of group) collapsed[member] = group[0]!;
  const collapse: Rename = (node) => collapsed[node] ?? node;
  const keep: Rename = (node) => node;

  const relabel = (s: State, permutation: readonly NodeId[]): State => {
    const rename: Rename = (node) => permutation[node] ?? node;
    const nodes = new Array<S>(size);
    const offsets = new Array<number>(size);
    for (let m = 0; m < size; m++) {
      nodes[permutation[m]!] = relabelNode ? relabelNode(s.nodes[m]!, m, rename) : s.nodes[m]!;
      offsets[permutation[m]!] = s.offsets[m]!;
    }
    const net = sortNetwork(
      s.net.map((env) => {
        const from = permutation[env.from]!;
        const to = permutation[env.to]!;
        if (!relabelMessage && from === env.from && to === env.to) return env;
        return { from, to, msg: relabelMessage ? relabelMessage(env.msg, rename) : env.msg };
      }),
      semantics,
    );
    const timers = s.timers
      .map((t): PendingTimer<T> => (!relabelTimer && permutation[t.node] === t.node ? t : { node: permutation[t.node]!, timer: relabelTimer ? relabelTimer(t.timer, rename) : t.timer, at: t.at }))
      .sort(compareTimers);
    const partition = renamedPartition(s.partition, permutation, size);
    const down = permuteBits(s.down, permutation);
    const { time, budget, ops, unnoticed } = s;
    // A literal of the layer's fields (no fault kind from outside the layer: makeSymmetry's caller checks), not a spread: cheaper.
    if (unnoticed === undefined) return { nodes, down, net, timers, time, offsets, partition, budget, ops };
    return { nodes, down, net, timers, time, offsets, partition, budget, ops, unnoticed: permuteBits(unnoticed, permutation) };
  };

  const idsInside = relabelNode !== undefined || relabelMessage !== undefined || relabelTimer !== undefined;
  // Scratch buffers, reused from call to call (the search is one thread; nothing here is reentrant).
  const plainParts = new Parts();
  const collapsedParts = new Parts();
  const candidateParts = new Parts();
  let linkScratch = new Int32Array(16);
  const signatureScratch = new Int32Array(size * 2);

  /**
   * The hashes of a state's parts, with its ids renamed: node states, messages, timers (two lanes
   * each), into `into`. Hashed each time: a small part costs less to hash again than to look up in a
   * WeakMap (measured). With `plain`, a part the renaming leaves as it was keeps its plain hash.
   */
  const partsOf = (s: State, rename: Rename, into: Parts, plain?: Parts): Parts => {
    into.reserve(size, s.net.length, s.timers.length);
    for (let m = 0; m < size; m++) {
      const local = s.nodes[m]!;
      hashPart(into.nodes, m, relabelNode && rename !== keep ? relabelNode(local, m, rename) : local, local, plain?.nodes);
    }
    for (let at = 0; at < s.net.length; at++) {
      const { msg } = s.net[at]!;
      hashPart(into.net, at, relabelMessage && rename !== keep ? relabelMessage(msg, rename) : msg, msg, plain?.net);
    }
    for (let k = 0; k < s.timers.length; k++) {
      const { timer } = s.timers[k]!;
      hashPart(into.timers, k, relabelTimer && rename !== keep ? relabelTimer(timer, rename) : timer, timer, plain?.timers);
    }
    return into;
  };

  const statusOf = (s: State, m: NodeId) => ((s.down >> m) & 1) | ((((s.unnoticed ?? 0) >> m) & 1) << 1) | (s.offsets[m]! << 2);

  /**
   * A key of the relabelled state's parts that a relabelling can move (nodes, clocks, status bits,
   * messages, timers), computed without building it: order-free sums of each part's hash mixed with
   * where the part lands. Equal keys: equal states (up to 64-bit collisions); the rest of the state
   * (history, time, budget) is the same for every relabelling.
   */
  const relabelledKey = (s: State, permutation: readonly NodeId[], linkIndex: Int32Array, plain: Parts): [number, number] => {
    const parts = idsInside ? partsOf(s, (node) => permutation[node] ?? node, candidateParts, plain) : plain;
    let a = 0;
    let b = 0;
    for (let m = 0; m < size; m++) {
      const to = permutation[m]!;
      const status = statusOf(s, m);
      a = (a + part(0x51ed27, to, status, parts.nodes[2 * m]!)) | 0;
      b = (b + part(0x2b7e15, to, status, parts.nodes[2 * m + 1]!)) | 0;
    }
    for (let at = 0; at < s.net.length; at++) {
      const env = s.net[at]!;
      const link = permutation[env.from]! * 64 + permutation[env.to]!;
      a = (a + part(0x6a09e6, link, linkIndex[at]!, parts.net[2 * at]!)) | 0;
      b = (b + part(0x3c6ef3, link, linkIndex[at]!, parts.net[2 * at + 1]!)) | 0;
    }
    for (let k = 0; k < s.timers.length; k++) {
      const t = s.timers[k]!;
      a = (a + part(0x1f83d9, permutation[t.node]!, t.at, parts.timers[2 * k]!)) | 0;
      b = (b + part(0x5be0cd, permutation[t.node]!, t.at, parts.timers[2 * k + 1]!)) | 0;
    }
    const partition = renamedPartition(s.partition, permutation, size);
    return [avalanche(a ^ Math.imul(partition, 0x9e3779b1)), avalanche(b ^ Math.imul(partition, 0x85ebca77))];
  };

  /** Each message's position within its link (FIFO: the order matters), or 0 (unordered: a multiset). */
  const linkIndices = (net: State['net']): Int32Array => {
    if (linkScratch.length < net.length) linkScratch = new Int32Array(2 * net.length);
    const indices = linkScratch;
    indices.fill(0, 0, net.length);
    if (semantics !== 'fifo') return indices;
    for (let at = 1; at < net.length; at++) {
      const same = net[at]!.from === net[at - 1]!.from && net[at]!.to === net[at - 1]!.to;
      indices[at] = same ? indices[at - 1]! + 1 : 0;
    }
    return indices;
  };

  /**
   * Each node's signature (members' only are used), the same whatever the relabelling: its local
   * state with ids collapsed, status and clock, and order-free sums over its messages (both ways)
   * and timers. Two lanes a node.
   */
  const signatures = (s: State, linkIndex: Int32Array, collapsedParts: Parts): Int32Array => {
    const sums = signatureScratch;
    for (let m = 0; m < size; m++) {
      const status = statusOf(s, m);
      sums[2 * m] = part(0x243f6a, status, 0, collapsedParts.nodes[2 * m]!);
      sums[2 * m + 1] = part(0x13198a, status, 0, collapsedParts.nodes[2 * m + 1]!);
    }
    for (let at = 0; at < s.net.length; at++) {
      const { from, to } = s.net[at]!;
      const hi = collapsedParts.net[2 * at]!;
      const lo = collapsedParts.net[2 * at + 1]!;
      sums[2 * to] = (sums[2 * to]! + part(0x0a4093, collapsed[from]!, linkIndex[at]!, hi)) | 0;
      sums[2 * to + 1] = (sums[2 * to + 1]! + part(0x0a4094, collapsed[from]!, linkIndex[at]!, lo)) | 0;
      sums[2 * from] = (sums[2 * from]! + part(0x299f31, collapsed[to]!, linkIndex[at]!, hi)) | 0;
      sums[2 * from + 1] = (sums[2 * from + 1]! + part(0x299f32, collapsed[to]!, linkIndex[at]!, lo)) | 0;
    }
    for (let k = 0; k < s.timers.length; k++) {
      const t = s.timers[k]!;
      sums[2 * t.node] = (sums[2 * t.node]! + part(0x082efa, 0, t.at, collapsedParts.timers[2 * k]!)) | 0;
      sums[2 * t.node + 1] = (sums[2 * t.node + 1]! + part(0x082efb, 0, t.at, collapsedParts.timers[2 * k + 1]!)) | 0;
    }
    return sums;
  };

  /** The relabelling that gives the representative, with what it was chosen from. */
  const choose = (s: State): { permutation: NodeId[]; linkIndex: Int32Array; plain: Parts } => {
    const linkIndex = linkIndices(s.net);
    const plain = partsOf(s, keep, plainParts);
    const signature = signatures(s, linkIndex, idsInside ? partsOf(s, collapse, collapsedParts, plain) : plain);
    const compareMembers = (a: NodeId, b: NodeId) => signature[2 * a]! - signature[2 * b]! || signature[2 * a + 1]! - signature[2 * b + 1]!;
    const permutation = identity.slice();
    const ties: NodeId[][] = []; // slots (new ids) whose members tie, in each group
    const members: NodeId[][] = [];
    for (const group of groups) {
      const sorted = [...group].sort((a, b) => compareMembers(a, b) || a - b);
      for (let k = 0; k < sorted.length; k++) permutation[sorted[k]!] = group[k]!;
      for (let k = 0; k < sorted.length; ) {
        let end = k + 1;
        while (end < sorted.length && compareMembers(sorted[k]!, sorted[end]!) === 0) end++;
        if (end - k > 1) {
          ties.push(group.slice(k, end));
          members.push(sorted.slice(k, end));
        }
        k = end;
      }
    }
    if (ties.length === 0 || ordersOf(ties) > MAX_TIE_ORDERS) return { permutation, linkIndex, plain };
    // Every order of the tied members in their slots: keep the smallest key.
    let best = permutation;
    let bestKey = relabelledKey(s, permutation, linkIndex, plain);
    for (const order of tieOrders(ties, members, permutation)) {
      const key = relabelledKey(s, order, linkIndex, plain);
      if (compareSignatures(key, bestKey) < 0) [best, bestKey] = [order, key];
    }
    return { permutation: best, linkIndex, plain };
  };

  const representative = (s: State): State => {
    const { permutation } = choose(s);
    return isIdentity(permutation) ? s : relabel(s, permutation);
  };

  /** The representative's fingerprint, into `fp`, without building it: its parts' key and the hash of what no relabelling moves. */
  const fingerprint = (s: State): void => {
    const { permutation, linkIndex, plain } = choose(s);
    const [a, b] = relabelledKey(s, permutation, linkIndex, plain);
    fingerprintValue(s.ops);
    fp.hi = part(a, s.time, s.budget, fp.hi) >>> 0;
    fp.lo = part(b, s.budget, s.time, fp.lo) >>> 0;
  };

  const bound = `symmetry: ${groups.map((group) => group.map(name).join(', ')).join(' and ')} interchangeable`;
  return { groups, relabel, representative, fingerprint, bound };
}

/** The groups, checked: known, distinct ids, none named by the workload; groups of one dropped. */
function checkedGroups(groups: readonly (readonly NodeId[])[], size: number, coordinators: ReadonlySet<NodeId>, name: (node: NodeId) => string): NodeId[][] {
  const seen = new Set<NodeId>();
  for (const group of groups) {
    for (const node of group) {
      if (!Number.isInteger(node) || node < 0 || node >= size) throw new ModelContractError(`symmetry names unknown node ${JSON.stringify(node)}`);
      if (seen.has(node)) throw new ModelContractError(`symmetry names ${name(node)} twice`);
      if (coordinators.has(node)) throw new ModelContractError(`symmetry: ${name(node)} is named by the workload, so it is not interchangeable with the other nodes of its group`);
      seen.add(node);
    }
  }
  return groups.filter((group) => group.length > 1).map((group) => [...group].sort((a, b) => a - b));
}

/** Every permutation that puts each tie's members into its slots in another order (as `base` elsewhere). */
function* tieOrders(ties: readonly (readonly NodeId[])[], members: readonly (readonly NodeId[])[], base: readonly NodeId[]): Generator<NodeId[]> {
  if (ties.length === 0) {
    yield base.slice();
    return;
  }
  for (const order of orders(ties[0]!)) {
    for (const permutation of tieOrders(ties.slice(1), members.slice(1), base)) {
      members[0]!.forEach((member, k) => (permutation[member] = order[k]!));
      yield permutation;
    }
  }
}

/** Writes a part's hash at `index`: the plain one again when relabelling left the part as it was. */
function hashPart(into: Int32Array, index: number, part: unknown, original: unknown, plain: Int32Array | undefined): void {
  if (plain && part === original) {
    into[2 * index] = plain[2 * index]!;
    into[2 * index + 1] = plain[2 * index + 1]!;
    return;
  }
  fingerprintValue(part);
  into[2 * index] = fp.hi;
  into[2 * index + 1] = fp.lo;
}

/** The hashes of a state's movable parts, two lanes each, in the state's own order (reused buffers: only the state's own length is meaningful). */
class Parts {
  nodes = new Int32Array(0);
  net = new Int32Array(0);
  timers = new Int32Array(0);

  /** Makes room for a state's parts (the buffers only grow). */
  reserve(nodes: number, messages: number, timers: number): void {
    if (this.nodes.length < 2 * nodes) this.nodes = new Int32Array(2 * nodes);
    if (this.net.length < 2 * messages) this.net = new Int32Array(4 * messages);
    if (this.timers.length < 2 * timers) this.timers = new Int32Array(4 * timers);
  }
}

/** One part's contribution to a key: its hash mixed with where it is. */
function part(salt: number, where: number, detail: number, hash: number): number {
  let h = Math.imul(salt ^ where, 0xcc9e2d51) ^ Math.imul(detail + 0x6b43a9b5, 0x1b873593);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ hash;
  return avalanche(h);
}

/** Every ordering of the items. */
function orders(items: readonly NodeId[]): NodeId[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item) => orders(items.filter((other) => other !== item)).map((rest) => [item, ...rest]));
}

/** How many orders the ties have in all. */
function ordersOf(ties: readonly (readonly NodeId[])[]): number {
  let product = 1;
  for (const tie of ties) for (let k = 2; k <= tie.length; k++) product *= k;
  return product;
}

function isIdentity(permutation: readonly NodeId[]): boolean {
  return permutation.every((to, from) => to === from);
}

/** A bit set of node ids renamed: bit `m` moves to `rename(m)` (for models that keep sets of nodes as bits). */
export function renameBits(bits: number, rename: Rename): number {
  let result = 0;
  for (let m = 0; bits >> m; m++) if ((bits >> m) & 1) result |= 1 << rename(m);
  return result;
}

/** A bit set of nodes with bit `m` moved to `permutation[m]`. */
function permuteBits(bits: number, permutation: readonly NodeId[]): number {
  let result = 0;
  for (let m = 0; m < permutation.length && bits >> m; m++) if ((bits >> m) & 1) result |= 1 << permutation[m]!;
  return result;
}

/**
 * The partition field renamed: its side's node bits moved, the side recorded flipped to the one
 * without n0 (as the layer keeps it), and the bits above the nodes' (a lasting partition's flag) kept.
 */
function renamedPartition(partition: number, permutation: readonly NodeId[], size: number): number {
  if (partition === 0) return 0;
  const nodes = (1 << size) - 1;
  let side = permuteBits(partition & nodes, permutation);
  if (side & 1) side = nodes & ~side;
  return side | (partition & ~nodes);
}

function compareSignatures(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function compareKeys(a: unknown, b: unknown): number {
  const ka = messageKey(a);
  const kb = messageKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Timers as the layer keeps them: by node, then by the timer's key. */
function compareTimers<T>(a: PendingTimer<T>, b: PendingTimer<T>): number {
  return a.node - b.node || compareKeys(a.timer, b.timer);
}

