/**
 * State of a map of independent registers: only keys that were written are present;
 * missing keys hold the spec's initial value. Treated as immutable.
 */
export type KeyedState<V> = Readonly<Record<string, V>>;

/** The value of `key`, or `initial` when never written. */
export function valueAt<V>(state: KeyedState<V>, key: string, initial: V): V {
  return Object.prototype.hasOwnProperty.call(state, key) ? state[key]! : initial;
}

/** A copy of `state` with `key` set to `value`. */
export function withValue<V>(state: KeyedState<V>, key: string, value: V): KeyedState<V> {
  return { ...state, [key]: value };
}

/**
 * Exact cache key of a keyed state: its entries sorted by key, as JSON. Keys equal to
 * the initial value are kept distinct from absent keys, which is harmless (only costs a
 * few duplicate states).
 */
export function keyedHash<V>(state: KeyedState<V>): string {
  const keys = Object.keys(state);
  if (keys.length === 1) return JSON.stringify([keys[0], state[keys[0]!]]);
  keys.sort();
  return JSON.stringify(keys.map((k) => [k, state[k]]));
}
