import type { Envelope } from './types.ts';

/**
 * Delivery semantics of the network.
 * - `unordered`: any message in flight may be delivered next (a multiset).
 * - `fifo`: messages on one link (from, to) are delivered in send order.
 */
export type NetworkSemantics = 'unordered' | 'fifo';

// Messages are immutable, so their sort keys can be cached by identity.
const keys = new WeakMap<object, string>();

/** A stable text key of a message, for canonical ordering. */
export function messageKey(msg: unknown): string {
  if (msg === null || typeof msg !== 'object') return JSON.stringify(msg) ?? 'undefined';
  let key = keys.get(msg);
  if (key === undefined) {
    key = JSON.stringify(msg);
    keys.set(msg, key);
  }
  return key;
}

function compareLinks(a: Envelope<unknown>, b: Envelope<unknown>): number {
  return a.to - b.to || a.from - b.from;
}

function compareFull(a: Envelope<unknown>, b: Envelope<unknown>): number {
  const link = compareLinks(a, b);
  if (link !== 0) return link;
  const ka = messageKey(a.msg);
  const kb = messageKey(b.msg);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Adds messages to a network, keeping it canonical: sorted by link, then (unordered) by
 * message, or (FIFO) by send order within the link. Returns a new array.
 */
export function enqueue<M>(net: readonly Envelope<M>[], sends: readonly Envelope<M>[], semantics: NetworkSemantics): readonly Envelope<M>[] {
  if (sends.length === 0) return net;
  const result = net.slice();
  for (const env of sends) result.splice(insertionPoint(result, env, semantics === 'fifo'), 0, env);
  return result;
}

/** Where `env` goes: after every element not greater than it, which keeps FIFO send order within a link. */
function insertionPoint<M>(net: readonly Envelope<M>[], env: Envelope<M>, fifo: boolean): number {
  // The new message's key is looked up once, not at every comparison.
  let key: string | undefined;
  let lo = 0;
  let hi = net.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const other = net[mid]!;
    let order = compareLinks(other, env);
    if (order === 0 && !fifo && other.msg !== env.msg) {
      key ??= messageKey(env.msg);
      const otherKey = messageKey(other.msg);
      order = otherKey < key ? -1 : otherKey > key ? 1 : 0;
    }
    if (order <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A network put back in the layer's order after its envelopes were rewritten (a stable sort: FIFO links keep their send order). */
export function sortNetwork<M>(net: Envelope<M>[], semantics: NetworkSemantics): Envelope<M>[] {
  return net.sort(semantics === 'fifo' ? compareLinks : compareFull);
}

/**
 * A trace view of a network: a multiset keyed by each message's line (`Read(#0) n0→n1`), valued
 * `in flight`, or `2× in flight` for copies. Keyed by content, not position, so the diff of two
 * states shows exactly the messages a step sent and consumed. Keys come in network order: by
 * link, and for FIFO in send order within the link.
 */
export function describeNetwork<M>(net: readonly Envelope<M>[], line: (env: Envelope<M>) => string): Record<string, string> {
  const counts = new Map<string, number>();
  for (const env of net) {
    const key = line(env);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const view: Record<string, string> = {};
  for (const [key, count] of counts) view[key] = count === 1 ? 'in flight' : `${count}× in flight`;
  return view;
}

/** Removes the message at `index`. Returns a new array. */
export function removeAt<M>(net: readonly Envelope<M>[], index: number): readonly Envelope<M>[] {
  const result = net.slice();
  result.splice(index, 1);
  return result;
}

/**
 * Indices of the messages that may be delivered next: one per distinct message (copies
 * of the same message are interchangeable) or, for FIFO, the head of each link.
 */
export function candidates<M>(net: readonly Envelope<M>[], semantics: NetworkSemantics): number[] {
  const result: number[] = [];
  for (let i = 0; i < net.length; i++) {
    if (i > 0) {
      const prev = net[i - 1]!;
      const same = semantics === 'fifo' ? compareLinks(prev, net[i]!) === 0 : compareFull(prev, net[i]!) === 0;
      if (same) continue;
    }
    result.push(i);
  }
  return result;
}

/** Indices of messages a fault may hit, adjacent identical copies collapsed (they are interchangeable). */
export function distinctMessages<M>(net: readonly Envelope<M>[]): number[] {
  const result: number[] = [];
  for (let i = 0; i < net.length; i++) {
    if (i > 0 && compareFull(net[i - 1]!, net[i]!) === 0) continue;
    result.push(i);
  }
  return result;
}
