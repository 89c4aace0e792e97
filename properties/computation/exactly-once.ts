import type { Property } from '../../src/core/model.ts';

/** What the counting properties read of a state: the counts kept, and whether the whole input has been processed. */
export interface CountSource<St> {
  /** The running count per key, as the computation holds it now; undefined while it cannot be read (its node is down). */
  counts(state: St): Readonly<Record<string, number>> | undefined;
  /** True once the computation has processed its whole input (as far as it knows). */
  finished(state: St): boolean;
  /** The count per key that one pass over the input gives. */
  readonly totals: Readonly<Record<string, number>>;
}

const keysOf = (totals: Readonly<Record<string, number>>, counts: Readonly<Record<string, number>>) => [...new Set([...Object.keys(totals), ...Object.keys(counts)])].sort();
/** What is wrong with a key whose count is not its number of records. */
const miscounted = (count: number, total: number) => `counted ${count} time${count === 1 ? '' : 's'} for ${total} record${total === 1 ? '' : 's'}`;
const show = (counts: Readonly<Record<string, number>>, keys: readonly string[]) => keys.map((key) => `${key}=${counts[key] ?? 0}`).join(' ');

/**
 * Judges a finished computation's counts against the input's: `compare` names what is wrong
 * with one key's count (or returns undefined when it is fine).
 */
function countsProperty<St>(name: string, description: string, source: CountSource<St>, compare: (count: number, total: number) => string | undefined): Property<St> {
  return {
    name,
    kind: 'always',
    description,
    check(state) {
      const counts = source.counts(state);
      if (counts === undefined || !source.finished(state)) return true;
      const keys = keysOf(source.totals, counts);
      for (const key of keys) {
        const wrong = compare(counts[key] ?? 0, source.totals[key] ?? 0);
        if (wrong) return `the whole input is processed with counts ${show(counts, keys)}, but the input has ${show(source.totals, keys)}: ${key} ${wrong}`;
      }
      return true;
    },
  };
}

/** Each input counted exactly once: once the whole input is processed, every key's count is its number of records. */
export function countedExactlyOnce<St>(source: CountSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return countsProperty(options.name ?? 'exactly-once', 'once the input is processed, each record has been counted exactly once', source, (count, total) =>
    count !== total ? miscounted(count, total) : undefined,
  );
}

/** No input lost (at least once): once the whole input is processed, no key's count is below its number of records. */
export function noInputLost<St>(source: CountSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return countsProperty(options.name ?? 'no-input-lost', 'once the input is processed, every record has been counted at least once', source, (count, total) =>
    count < total ? miscounted(count, total) : undefined,
  );
}
