import type { Property } from '../../src/core/model.ts';

/** A write of a key's value, or its tombstone (value null). */
export interface KeyedWrite {
  readonly key: string;
  readonly value: number | null;
  readonly offset: number;
}

/** A reader part way through the log: the table it built and the offset it reads next. */
export interface ReplayReader {
  readonly name: string;
  readonly position: number;
  readonly table: Readonly<Record<string, number>>;
}

/** What the property reads of a compacted log's state. */
export interface ReplayView {
  /** Every write, in offset order, as the full (never cleaned) log holds them. */
  readonly full: readonly KeyedWrite[];
  /** The records the log still holds. */
  readonly retained: readonly KeyedWrite[];
  readonly readers: readonly ReplayReader[];
}

/** A model's replay view of a state. */
export interface ReplaySource<St> {
  replay(state: St): ReplayView;
}

/** The table a reader ends with after applying `writes` to `table`. */
function replay(table: Readonly<Record<string, number>>, writes: readonly KeyedWrite[]): Record<string, number> {
  const result: Record<string, number> = { ...table };
  for (const write of writes) {
    if (write.value === null) delete result[write.key];
    else result[write.key] = write.value;
  }
  return result;
}

const showTable = (table: Readonly<Record<string, number>>) => `{${Object.entries(table).sort().map(([key, value]) => `${key}=${value}`).join(' ')}}`;

/**
 * Compacted replay equals full replay: a reader that reads the log as it now is, from the start
 * or from where it stands, ends with the table a replay of every write gives.
 */
export function compactedReplayEqualsFull<St>(source: ReplaySource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'compacted-replay-equals-full',
    kind: 'always',
    description: 'reading the log as it now is, from the start or from any reader’s position, ends in the full log’s table',
    check(state) {
      const view = source.replay(state);
      const expected = showTable(replay({}, view.full));
      const readers: ReplayReader[] = [{ name: 'a reader from the start', position: 0, table: {} }, ...view.readers];
      for (const reader of readers) {
        const reached = showTable(replay(reader.table, view.retained.filter((r) => r.offset >= reader.position)));
        if (reached !== expected) return `${reader.name} (at offset ${reader.position}, table ${showTable(reader.table)}) ends with ${reached}; a replay of the full log gives ${expected}`;
      }
      return true;
    },
  };
}
