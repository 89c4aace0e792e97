import type { Property } from '../../src/core/model.ts';

/** A record a reader was given, with its transaction's status now. */
export interface SeenRecord {
  readonly record: string;
  readonly status: 'ongoing' | 'committed' | 'aborted';
}

/** A model's list of the records its readers were given. */
export interface ReadSource<St> {
  seen(state: St): readonly SeenRecord[];
}

/** Read-committed isolation: no reader is ever given a record of a transaction that aborts. */
export function readCommitted<St>(source: ReadSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'read-committed',
    kind: 'always',
    description: 'no reader sees a record of an aborted transaction',
    check(state) {
      const aborted = source.seen(state).find((seen) => seen.status === 'aborted');
      return aborted === undefined || `a reader was given ${aborted.record}, whose transaction aborted`;
    },
  };
}
