import type { SequentialSpec } from '../spec.ts';
import { partitionByKey } from '../spec.ts';
import type { KeyedState } from './keyed-state.ts';
import { concatHash, entryAt, keyedEqual, keyedHash, keyedValues, stringHash, valueAt, withEntry } from './keyed-state.ts';

/** Input of a string key-value store operation. */
export type KvInput =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string };

/** Output of a kv operation: `{value}` for get, `{}` for put and append. */
export type KvOutput = { readonly value?: string };

/**
 * A store of independent string registers (porcupine's kv model): `get` returns the
 * key's value, `put` sets it, `append` concatenates onto it. Every key starts at
 * `initial` (default `""`). Partitioned by key: the history is linearizable exactly when
 * each key's sub-history is.
 */
export function kv(initial = ''): SequentialSpec<KeyedState<string>, KvInput, KvOutput> {
  const initialCode = stringHash(initial);
  return {
    name: 'kv',
    init: () => null,
    step(state, input, output) {
      switch (input.f) {
        case 'get': {
          if (output === undefined) return { ok: true, next: state };
          const value = valueAt(state, input.key, initial);
          // Lengths first: values built by appends are rope strings, and comparing their
          // contents flattens them; most mismatches already differ in length.
          return { ok: output.value !== undefined && output.value.length === value.length && output.value === value, next: state };
        }
        case 'put':
          return { ok: true, next: withEntry(state, input.key, input.value, stringHash(input.value)) };
        case 'append': {
          const old = entryAt(state, input.key);
          const value = (old === undefined ? initial : old.value) + input.value;
          const code = concatHash(old === undefined ? initialCode : old.code, input.value, stringHash(input.value));
          return { ok: true, next: withEntry(state, input.key, value, code) };
        }
      }
    },
    partition: partitionByKey((input: KvInput) => input.key),
    hash: keyedHash,
    equal: keyedEqual,
    describeOperation(input, output) {
      switch (input.f) {
        case 'get':
          return `get ${JSON.stringify(input.key)} → ${output === undefined ? '?' : JSON.stringify(output.value)}`;
        case 'put':
          return `put ${JSON.stringify(input.key)} ${JSON.stringify(input.value)}`;
        case 'append':
          return `append ${JSON.stringify(input.key)} ${JSON.stringify(input.value)}`;
      }
    },
    describeState: (state) => JSON.stringify(keyedValues(state)),
  };
}
