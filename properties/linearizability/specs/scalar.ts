/** A JSON scalar: the values our registers hold. `null` usually means "no value yet". */
export type Scalar = string | number | boolean | null;

/** Formats a scalar for operation descriptions (strings quoted, the rest as JSON). */
export function showScalar(v: Scalar | undefined): string {
  return v === undefined ? '?' : JSON.stringify(v);
}
