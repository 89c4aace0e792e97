import type { SequentialSpec } from '../spec.ts';
import type { Scalar } from './scalar.ts';
import { showScalar } from './scalar.ts';

/** Input of a read/write register operation. */
export type RegisterInput = { readonly f: 'read' } | { readonly f: 'write'; readonly value: Scalar };

/** Output of a register operation: `{value}` for a read; anything (e.g. `{}`) for a write. */
export type RegisterOutput = { readonly value?: Scalar };

/**
 * A plain read/write register holding a JSON scalar, starting at `initial` (default
 * `null`). A read is legal when its output is unknown or equals the state; a write always
 * is, and sets the state.
 */
export function register(initial: Scalar = null): SequentialSpec<Scalar, RegisterInput, RegisterOutput> {
  return {
    name: 'register',
    init: () => initial,
    step(state, input, output) {
      if (input.f === 'write') return { ok: true, next: input.value };
      return { ok: output === undefined || output.value === state, next: state };
    },
    describeOperation(input, output) {
      if (input.f === 'write') return `write ${showScalar(input.value)}`;
      return `read → ${output === undefined ? '?' : showScalar(output.value)}`;
    },
    describeState: (state) => showScalar(state),
  };
}
