import type { SequentialSpec } from '../spec.ts';
import type { Scalar } from './scalar.ts';
import { showScalar } from './scalar.ts';

/** Input of a compare-and-set register operation. */
export type CasRegisterInput =
  | { readonly f: 'read' }
  | { readonly f: 'write'; readonly value: Scalar }
  | { readonly f: 'cas'; readonly from: Scalar; readonly to: Scalar };

/** Output of a compare-and-set register operation: `{value}` for read, `{}` for write, `{ok}` for cas. */
export type CasRegisterOutput = { readonly value?: Scalar; readonly ok?: boolean };

/**
 * A register with read, write and compare-and-set (porcupine's etcd model, knossos'
 * `cas-register`). The state is the value; `initial` (default `null`, "no value") is the
 * starting value.
 *
 * - read: legal when the output is unknown or `output.value` equals the state.
 * - write v: always legal; the state becomes v.
 * - cas a→b: unknown output: always legal, the state becomes b if it was a.
 *   `ok: true`: legal only when the state is a; it becomes b.
 *   `ok: false`: legal only when the state is not a (a definite failed compare).
 */
export function casRegister(initial: Scalar = null): SequentialSpec<Scalar, CasRegisterInput, CasRegisterOutput> {
  return {
    name: 'cas-register',
    init: () => initial,
    step(state, input, output) {
      switch (input.f) {
        case 'read':
          return { ok: output === undefined || output.value === state, next: state };
        case 'write':
          return { ok: true, next: input.value };
        case 'cas':
          if (output === undefined) return { ok: true, next: state === input.from ? input.to : state };
          if (output.ok === true) return { ok: state === input.from, next: input.to };
          return { ok: state !== input.from, next: state };
      }
    },
    describeOperation(input, output) {
      switch (input.f) {
        case 'read':
          return `read → ${output === undefined ? '?' : showScalar(output.value)}`;
        case 'write':
          return `write ${showScalar(input.value)}${output === undefined ? ' (unknown outcome)' : ''}`;
        case 'cas':
          return `cas ${showScalar(input.from)}→${showScalar(input.to)} → ${output === undefined ? '?' : output.ok ? 'ok' : 'failed'}`;
      }
    },
    describeState: (state) => showScalar(state),
  };
}
