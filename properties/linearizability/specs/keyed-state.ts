/**
 * State of a map of independent registers, treated as immutable: a list of the written
 * keys sorted by key (missing keys hold the spec's initial value); `null` is the empty
 * map. Each node carries a hash of the whole map from itself on, maintained
 * incrementally.
 *
 * Why this shape: the checker identifies states by `hash` then `equal`, and a kv search
 * creates a new state on almost every step. Serialising the map to hash it dominated the
 * run time on long histories, whose values are ever-growing strings; here a step on a
 * one-key map allocates one node and hashes in O(1) of the value's length.
 */
export type KeyedState<V> = KeyedNode<V> | null;

/** One written key of a {@link KeyedState}. */
export interface KeyedNode<V> {
  /** The key. */
  readonly key: string;
  /** Its value. */
  readonly value: V;
  /** Hash code of the value (for strings, a polynomial hash that extends on append). */
  readonly code: number;
  /** Hash of this node and all following ones. */
  readonly hash: number;
  /** The next key in sorted order. */
  readonly rest: KeyedState<V>;
}

/** The node of `key`, or undefined when never written. */
export function entryAt<V>(state: KeyedState<V>, key: string): KeyedNode<V> | undefined {
  for (let n = state; n !== null; n = n.rest) if (n.key === key) return n;
  return undefined;
}

/** The value of `key`, or `initial` when never written. */
export function valueAt<V>(state: KeyedState<V>, key: string, initial: V): V {
  const e = entryAt(state, key);
  return e === undefined ? initial : e.value;
}

/** Hash of a keyed state (0 when empty). */
export function keyedHash<V>(state: KeyedState<V>): number {
  return state === null ? 0 : state.hash;
}

/** A copy of `state` with `key` set to `value`, whose hash code is `code`. Shares the untouched tail. */
export function withEntry<V>(state: KeyedState<V>, key: string, value: V, code: number): KeyedState<V> {
  if (state === null || key < state.key) return node(key, value, code, state);
  if (key === state.key) return node(key, value, code, state.rest);
  return node(state.key, state.value, state.code, withEntry(state.rest, key, value, code));
}

function node<V>(key: string, value: V, code: number, rest: KeyedState<V>): KeyedNode<V> {
  let h = (keyedHash(rest) * 31 + stringHash(key)) ^ Math.imul(code, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return { key, value, code, hash: h | 0, rest };
}

/** Exact equality: the same written keys with identical values. */
export function keyedEqual<V>(a: KeyedState<V>, b: KeyedState<V>): boolean {
  while (a !== null && b !== null) {
    if (a === b) return true;
    if (a.key !== b.key || a.code !== b.code || a.value !== b.value) return false;
    a = a.rest;
    b = b.rest;
  }
  return a === b;
}

/** Plain `{key: value}` view of a keyed state, for descriptions. */
export function keyedValues<V>(state: KeyedState<V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (let n = state; n !== null; n = n.rest) out[n.key] = n.value;
  return out;
}

/** Polynomial hash of a string: h(s) = Σ s[i]·31^(n-1-i), mod 2^32. */
export function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The polynomial hash of `s + t` from the hashes of `s` and `t` (O(log |t|)). */
export function concatHash(hs: number, t: string, ht: number): number {
  let pow = 1;
  let base = 31;
  for (let e = t.length; e > 0; e >>>= 1) {
    if (e & 1) pow = Math.imul(pow, base);
    base = Math.imul(base, base);
  }
  return (Math.imul(hs, pow) + ht) | 0;
}

/** Hash code of a JSON scalar value. */
export function scalarHash(v: string | number | boolean | null): number {
  return typeof v === 'string' ? stringHash(v) : stringHash('\u0000' + JSON.stringify(v));
}
