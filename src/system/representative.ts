/**
 * The representative of a state's orbit under declared symmetry, and its fingerprint.
 *
 * Each group's members are sorted by a signature no renaming changes (a member's local state,
 * clock, status, timers and the messages to and from it, every interchangeable id collapsed to
 * one). Members with equal signatures are tried in every order, each order judged by a key of the
 * state it would give, combined from the hashes of its parts without building it; the smallest key
 * wins. So the states of one orbit get one representative, and a representative is its own. The
 * same key, with the hash of what no renaming moves, is the representative's fingerprint.
 */
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

/** Beyond this many orders of tied members, a state's ties are left in id order (sound, but two states of an orbit may then differ). */
const MAX_TIE_ORDERS = 5040;

/** Representatives and their fingerprints for one system's groups (not reentrant: it reuses scratch buffers). */
export class Representatives<S, M, O, T> {
  private readonly identity: readonly NodeId[];
  /** Every member renamed to its group's first member: a renaming that makes members alike. */
  private readonly collapsed: readonly NodeId[];
  private readonly collapse: Rename;
  private readonly keep: Rename = (node) => node;
  private readonly idsInside: boolean;
  private readonly plainParts = new Parts();
  private readonly collapsedParts = new Parts();
  private readonly candidateParts = new Parts();
  private linkScratch = new Int32Array(16);
  /** The key of the renaming `choose` last chose, when it keyed it to break ties. */
  private chosenKey: [number, number] | undefined;
  private readonly signatureScratch: Int32Array;
  /** The history last fingerprinted, and its hash. */
  private lastOps: unknown = undefined;
  private opsHi = 0;
  private opsLo = 0;

  constructor(
    private readonly groups: readonly (readonly NodeId[])[],
    private readonly size: number,
    private readonly semantics: NetworkSemantics,
    private readonly ids: Relabelling<S, M, T>,
  ) {
    this.identity = Array.from({ length: size }, (_, node) => node);
    const collapsed = this.identity.slice();
    for (const group of groups) for (const member of group) collapsed[member] = group[0]!;
    this.collapsed = collapsed;
    this.collapse = (node) => collapsed[node] ?? node;
    this.idsInside = ids.node !== undefined || ids.message !== undefined || ids.timer !== undefined;
    this.signatureScratch = new Int32Array(size * 2);
  }

  /** The state with node `m` renamed `permutation[m]`: ids, node slots, clocks, status bits, messages, timers. */
  relabel(s: SystemState<S, M, O, T>, permutation: readonly NodeId[]): SystemState<S, M, O, T> {
    const { node: relabelNode, message: relabelMessage, timer: relabelTimer } = this.ids;
    const rename: Rename = (node) => permutation[node] ?? node;
    const nodes = new Array<S>(this.size);
    const offsets = new Array<number>(this.size);
    for (let m = 0; m < this.size; m++) {
      nodes[permutation[m]!] = relabelNode ? relabelNode(s.nodes[m]!, m, rename) : s.nodes[m]!;
      offsets[permutation[m]!] = s.offsets[m]!;
    }
    const moved = s.net.map((env) => {
      const [from, to] = [permutation[env.from]!, permutation[env.to]!];
      if (!relabelMessage && from === env.from && to === env.to) return env;
      return { from, to, msg: relabelMessage ? relabelMessage(env.msg, rename) : env.msg };
    });
    const timers = s.timers
      .map((t): PendingTimer<T> => (!relabelTimer && permutation[t.node] === t.node ? t : { node: permutation[t.node]!, timer: relabelTimer ? relabelTimer(t.timer, rename) : t.timer, at: t.at }))
      .sort(compareTimers);
    const net = sortNetwork(moved, this.semantics);
    const partition = renamedPartition(s.partition, permutation, this.size);
    const down = permuteBits(s.down, permutation);
    const { time, budget, ops, unnoticed } = s;
    // A literal of the layer's fields (symmetry is refused with fault kinds that add their own), not a spread: cheaper.
    if (unnoticed === undefined) return { nodes, down, net, timers, time, offsets, partition, budget, ops };
    return { nodes, down, net, timers, time, offsets, partition, budget, ops, unnoticed: permuteBits(unnoticed, permutation) };
  }

  /** The representative of the state's orbit (the state itself when it is one). */
  representative(s: SystemState<S, M, O, T>): SystemState<S, M, O, T> {
    const permutation = this.choose(s);
    return isIdentity(permutation) ? s : this.relabel(s, permutation);
  }

  /** The representative's fingerprint, into `fp`, without building it: its parts' key and the hash of what no renaming moves. */
  fingerprint(s: SystemState<S, M, O, T>): void {
    const permutation = this.choose(s);
    // The tie-break already keyed the renaming it chose; otherwise it is keyed here, once.
    const [a, b] = this.chosenKey ?? this.keyOf(s, permutation, this.linkScratch, this.plainParts);
    // The history, too, is most often the last state's (a step that records no operation).
    if (s.ops !== this.lastOps) {
      fingerprintValue(s.ops);
      this.lastOps = s.ops;
      this.opsHi = fp.hi;
      this.opsLo = fp.lo;
    }
    fp.hi = part(a, s.time, s.budget, this.opsHi) >>> 0;
    fp.lo = part(b, s.budget, s.time, this.opsLo) >>> 0;
  }

  /**
   * The renaming that gives the representative. It leaves the state's parts hashed in the scratch
   * buffers and, when ties were broken by key, the chosen renaming's key in `chosenKey`.
   */
  private choose(s: SystemState<S, M, O, T>): NodeId[] {
    this.chosenKey = undefined;
    const linkIndex = this.linkIndices(s.net);
    const plain = this.partsOf(s, this.keep, this.plainParts);
    const signature = this.signatures(s, linkIndex, this.idsInside ? this.partsOf(s, this.collapse, this.collapsedParts, plain) : plain);
    const permutation = this.identity.slice();
    const ties: NodeId[][] = []; // slots (new ids) whose members tie, in each group
    const members: NodeId[][] = [];
    for (const group of this.groups) {
      const sorted = sortMembers(group, signature);
      for (let k = 0; k < sorted.length; k++) permutation[sorted[k]!] = group[k]!;
      for (let k = 0; k < sorted.length; ) {
        let end = k + 1;
        while (end < sorted.length && bySignature(signature, sorted[k]!, sorted[end]!) === 0) end++;
        if (end - k > 1) {
          ties.push(group.slice(k, end));
          members.push(sorted.slice(k, end));
        }
        k = end;
      }
    }
    if (ties.length === 0 || ordersOf(ties) > MAX_TIE_ORDERS) return permutation;
    // Every order of the tied members in their slots (the sorted one among them): keep the smallest key.
    let best = permutation;
    let bestKey: [number, number] | undefined;
    for (const order of tieOrders(ties, members, permutation)) {
      const key = this.keyOf(s, order, linkIndex, plain);
      if (bestKey === undefined || compareKeys(key, bestKey) < 0) [best, bestKey] = [order, key];
    }
    this.chosenKey = bestKey;
    return best;
  }

  /**
   * The hashes of a state's parts, with its ids renamed: node states, messages, timers (two lanes
   * each), into `into`. Hashed each time: a small part costs less to hash again than to look up in a
   * WeakMap (measured). With `plain`, a part the renaming leaves as it was keeps its plain hash.
   */
  private partsOf(s: SystemState<S, M, O, T>, rename: Rename, into: Parts, plain?: Parts): Parts {
    const { node: relabelNode, message: relabelMessage, timer: relabelTimer } = this.ids;
    const renaming = rename !== this.keep;
    // Only a fixed renaming (none, or the collapse) may reuse the last state's hashes.
    const reuse = !renaming || rename === this.collapse;
    const { nodes, net, timers } = into;
    nodes.begin(this.size, reuse);
    for (let m = 0; m < this.size; m++) {
      const local = s.nodes[m]!;
      if (nodes.reused(m, local, true)) continue;
      nodes.hash(m, relabelNode && renaming ? relabelNode(local, m, rename) : local, local, plain?.nodes);
    }
    net.begin(s.net.length, reuse);
    for (let at = 0; at < s.net.length; at++) {
      const { msg } = s.net[at]!;
      if (net.reused(at, msg, false)) continue;
      net.hash(at, relabelMessage && renaming ? relabelMessage(msg, rename) : msg, msg, plain?.net);
    }
    timers.begin(s.timers.length, reuse);
    for (let k = 0; k < s.timers.length; k++) {
      const { timer } = s.timers[k]!;
      if (timers.reused(k, timer, false)) continue;
      timers.hash(k, relabelTimer && renaming ? relabelTimer(timer, rename) : timer, timer, plain?.timers);
    }
    return into;
  }

  /**
   * A key of the renamed state's parts (nodes, clocks, status bits, messages, timers, the
   * partition), computed without building it: order-free sums of each part's hash mixed with where
   * it lands. Equal keys: equal states (up to 64-bit collisions) but for history, time and budget,
   * which no renaming changes.
   */
  private keyOf(s: SystemState<S, M, O, T>, permutation: readonly NodeId[], linkIndex: Int32Array, plain: Parts): [number, number] {
    const parts = this.idsInside ? this.partsOf(s, (node) => permutation[node] ?? node, this.candidateParts, plain) : plain;
    let a = 0;
    let b = 0;
    for (let m = 0; m < this.size; m++) {
      const [to, status] = [permutation[m]!, statusOf(s, m)];
      a = (a + part(0x51ed27, to, status, parts.nodes.lanes[2 * m]!)) | 0;
      b = (b + part(0x2b7e15, to, status, parts.nodes.lanes[2 * m + 1]!)) | 0;
    }
    for (let at = 0; at < s.net.length; at++) {
      const env = s.net[at]!;
      const link = permutation[env.from]! * 64 + permutation[env.to]!;
      a = (a + part(0x6a09e6, link, linkIndex[at]!, parts.net.lanes[2 * at]!)) | 0;
      b = (b + part(0x3c6ef3, link, linkIndex[at]!, parts.net.lanes[2 * at + 1]!)) | 0;
    }
    for (let k = 0; k < s.timers.length; k++) {
      const t = s.timers[k]!;
      a = (a + part(0x1f83d9, permutation[t.node]!, t.at, parts.timers.lanes[2 * k]!)) | 0;
      b = (b + part(0x5be0cd, permutation[t.node]!, t.at, parts.timers.lanes[2 * k + 1]!)) | 0;
    }
    const partition = renamedPartition(s.partition, permutation, this.size);
    return [avalanche(a ^ Math.imul(partition, 0x9e3779b1)), avalanche(b ^ Math.imul(partition, 0x85ebca77))];
  }

  /** Each message's position within its link (FIFO: the order matters), or 0 (unordered: a multiset). */
  private linkIndices(net: SystemState<S, M, O, T>['net']): Int32Array {
    if (this.linkScratch.length < net.length) this.linkScratch = new Int32Array(2 * net.length);
    const indices = this.linkScratch;
    indices.fill(0, 0, net.length);
    if (this.semantics !== 'fifo') return indices;
    for (let at = 1; at < net.length; at++) {
      const same = net[at]!.from === net[at - 1]!.from && net[at]!.to === net[at - 1]!.to;
      indices[at] = same ? indices[at - 1]! + 1 : 0;
    }
    return indices;
  }

  /**
   * Each node's signature (members' only are used), the same whatever the renaming: its local
   * state with ids collapsed, status and clock, and order-free sums over its messages (both ways)
   * and timers. Two lanes a node.
   */
  private signatures(s: SystemState<S, M, O, T>, linkIndex: Int32Array, collapsedParts: Parts): Int32Array {
    const sums = this.signatureScratch;
    const collapsed = this.collapsed;
    for (let m = 0; m < this.size; m++) {
      const status = statusOf(s, m);
      sums[2 * m] = part(0x243f6a, status, 0, collapsedParts.nodes.lanes[2 * m]!);
      sums[2 * m + 1] = part(0x13198a, status, 0, collapsedParts.nodes.lanes[2 * m + 1]!);
    }
    const net = collapsedParts.net.lanes;
    for (let at = 0; at < s.net.length; at++) {
      const { from, to } = s.net[at]!;
      addToSignature(sums, to, 0x0a4093, collapsed[from]!, linkIndex[at]!, net[2 * at]!, net[2 * at + 1]!);
      addToSignature(sums, from, 0x299f31, collapsed[to]!, linkIndex[at]!, net[2 * at]!, net[2 * at + 1]!);
    }
    const timers = collapsedParts.timers.lanes;
    for (let k = 0; k < s.timers.length; k++) addToSignature(sums, s.timers[k]!.node, 0x082efa, 0, s.timers[k]!.at, timers[2 * k]!, timers[2 * k + 1]!);
    return sums;
  }
}

/** A bit set of node ids renamed: bit `m` moves to `rename(m)` (for models that keep sets of nodes as bits). */
export function renameBits(bits: number, rename: Rename): number {
  let result = 0;
  for (let m = 0; m < 31 && bits >> m; m++) if ((bits >> m) & 1) result |= 1 << rename(m);
  return result;
}

/** The hashes of a state's parts, two lanes each, in the state's own order. */
class Parts {
  readonly nodes = new PartList();
  readonly net = new PartList();
  readonly timers = new PartList();
}

/**
 * The hashes of one kind of part (node states, messages or timers) of the last state hashed, with
 * the parts themselves: the next state, a sibling successor in a search, shares most of them (the
 * same objects: states are never mutated), and a part it shares keeps its hash instead of being
 * hashed again. Reused buffers: only the state's own count is meaningful.
 */
class PartList {
  lanes = new Int32Array(0);
  private parts: unknown[] = [];
  private lastLanes = new Int32Array(0);
  private lastParts: unknown[] = [];
  private lastCount = 0;
  private count = 0;
  /** Where the walk over the last state's parts is (parts that stay keep their order). */
  private cursor = 0;

  /** Starts a state of `count` parts; with `reuse` false, nothing of the last one is reused. */
  begin(count: number, reuse: boolean): void {
    [this.lanes, this.lastLanes] = [this.lastLanes, this.lanes];
    [this.parts, this.lastParts] = [this.lastParts, this.parts];
    this.lastCount = reuse ? this.count : 0;
    this.count = count;
    this.cursor = 0;
    if (this.lanes.length < 2 * count) this.lanes = new Int32Array(4 * count);
  }

  /**
   * Whether part `index` is the last state's (at `index` itself when `positional`, else at the walk's
   * cursor or one further on, a part before it being gone): then its hash is copied.
   */
  reused(index: number, part: unknown, positional: boolean): boolean {
    this.parts[index] = part;
    let at = positional ? index : this.cursor;
    if (at >= this.lastCount) return false;
    // 0 and -0 are === but hash apart: a zero part is hashed again.
    if (part === 0) return false;
    if (this.lastParts[at] !== part) {
      if (positional || at + 1 >= this.lastCount || this.lastParts[at + 1] !== part) return false;
      at++;
    }
    this.cursor = at + 1;
    this.lanes[2 * index] = this.lastLanes[2 * at]!;
    this.lanes[2 * index + 1] = this.lastLanes[2 * at + 1]!;
    return true;
  }

  /** Writes part `index`'s hash, that of `value` (the part renamed): the plain one again when renaming left the part as it was. */
  hash(index: number, value: unknown, original: unknown, plain: PartList | undefined): void {
    if (plain && value === original) {
      this.lanes[2 * index] = plain.lanes[2 * index]!;
      this.lanes[2 * index + 1] = plain.lanes[2 * index + 1]!;
      return;
    }
    fingerprintValue(value);
    this.lanes[2 * index] = fp.hi;
    this.lanes[2 * index + 1] = fp.lo;
  }
}

/** One part's contribution to a key: its hash mixed with where it is. */
function part(salt: number, where: number, detail: number, hash: number): number {
  let h = Math.imul(salt ^ where, 0xcc9e2d51) ^ Math.imul(detail + 0x6b43a9b5, 0x1b873593);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ hash;
  return avalanche(h);
}

/** A node's down and unnoticed bits and its clock offset, in one number. */
function statusOf<S, M, O, T>(s: SystemState<S, M, O, T>, m: NodeId): number {
  return ((s.down >> m) & 1) | ((((s.unnoticed ?? 0) >> m) & 1) << 1) | (s.offsets[m]! << 2);
}

/**
 * A group's members sorted by signature, then id: an insertion sort (groups are a few nodes; a
 * comparator passed to Array.prototype.sort cost most of the time of choosing a representative).
 */
function sortMembers(group: readonly NodeId[], signature: Int32Array): NodeId[] {
  const sorted = group.slice();
  for (let k = 1; k < sorted.length; k++) {
    const member = sorted[k]!;
    let at = k;
    for (; at > 0; at--) {
      const other = sorted[at - 1]!;
      if ((bySignature(signature, other, member) || other - member) <= 0) break;
      sorted[at] = other;
    }
    sorted[at] = member;
  }
  return sorted;
}

/** How two members' signatures compare (0: they tie). */
function bySignature(signature: Int32Array, a: NodeId, b: NodeId): number {
  return signature[2 * a]! - signature[2 * b]! || signature[2 * a + 1]! - signature[2 * b + 1]!;
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

/** Every ordering of the items (of their places, computed once a length). */
function orders(items: readonly NodeId[]): NodeId[][] {
  return placeOrders(items.length).map((order) => order.map((place) => items[place]!));
}

const placeOrdersByLength: number[][][] = [];

/** Every ordering of 0..n-1. */
function placeOrders(n: number): readonly (readonly number[])[] {
  let known = placeOrdersByLength[n];
  if (known === undefined) {
    const places = Array.from({ length: n }, (_, place) => place);
    const all = (rest: readonly number[]): number[][] => (rest.length <= 1 ? [[...rest]] : rest.flatMap((first) => all(rest.filter((other) => other !== first)).map((tail) => [first, ...tail])));
    known = placeOrdersByLength[n] = all(places);
  }
  return known;
}

/** Adds a message's or timer's hash, mixed with the other end and its place in its link, to a node's signature. */
function addToSignature(sums: Int32Array, node: NodeId, salt: number, other: NodeId, index: number, hi: number, lo: number): void {
  sums[2 * node] = (sums[2 * node]! + part(salt, other, index, hi)) | 0;
  sums[2 * node + 1] = (sums[2 * node + 1]! + part(salt + 1, other, index, lo)) | 0;
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

/** A bit set of nodes with bit `m` moved to `permutation[m]` (bits above the nodes' are dropped). */
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

function compareKeys(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Timers as the layer keeps them: by node, then by the timer's key. */
function compareTimers<T>(a: PendingTimer<T>, b: PendingTimer<T>): number {
  if (a.node !== b.node) return a.node - b.node;
  const [ka, kb] = [messageKey(a.timer), messageKey(b.timer)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
