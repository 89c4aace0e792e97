import type { SequentialSpec } from '../spec.ts';
import { partitionByKey } from '../spec.ts';
import type { KeyedState } from './keyed-state.ts';
import { keyedEqual, keyedHash, keyedValues, scalarHash, valueAt, withEntry } from './keyed-state.ts';
import type { Scalar } from './scalar.ts';
import { showScalar } from './scalar.ts';

/** Input of a key-value map operation. */
export type KeyValueMapInput =
  | { readonly f: 'read'; readonly key: string }
  | { readonly f: 'write'; readonly key: string; readonly value: Scalar };

/** Output of a key-value map operation: `{value}` for a read; anything for a write. */
export type KeyValueMapOutput = { readonly value?: Scalar };

/**
 * A map of independent read/write registers holding JSON scalars; every key starts at
 * `initial` (default `null`). Partitioned by key.
 */
export function keyValueMap(
  initial: Scalar = null,
): SequentialSpec<KeyedState<Scalar>, KeyValueMapInput, KeyValueMapOutput> {
  return {
    name: 'key-value-map',
    init: () => null,
    step(state, input, output) {
      if (input.f === 'write') return { ok: true, next: withEntry(state, input.key, input.value, scalarHash(input.value)) };
      return { ok: output === undefined || output.value === valueAt(state, input.key, initial), next: state };
    },
    partition: partitionByKey((input: KeyValueMapInput) => input.key),
    hash: keyedHash,
    equal: keyedEqual,
    describeOperation(input, output) {
      if (input.f === 'write') return `write ${JSON.stringify(input.key)} ${showScalar(input.value)}`;
      return `read ${JSON.stringify(input.key)} → ${output === undefined ? '?' : showScalar(output.value)}`;
    },
    describeState: (state) => JSON.stringify(keyedValues(state)),
  };
}
