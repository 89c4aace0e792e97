/** Small list helpers the families share: their states are immutable arrays. */

/** A copy of `list` with `value` at index i. */
export const replaceAt = <T,>(list: readonly T[], i: number, value: T): T[] => list.map((x, j) => (j === i ? value : x));
