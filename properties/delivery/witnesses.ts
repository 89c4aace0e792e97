import type { Property } from '../../src/core/model.ts';
import type { LogSource, PlacedRecord } from '../ordering/log-view.ts';

/**
 * Witnesses (`sometimes` properties) that a partitioned log's workload gets somewhere: without
 * one, a model whose sends never succeed, or whose failovers never keep anything, would pass
 * no-lost-ack and consumed-stays vacuously.
 */

/** Options of the witnesses: `afterFailover` asks for the record to be in the log of a leader of a later epoch. */
export interface WitnessOptions {
  readonly name?: string;
  readonly afterFailover?: boolean;
}

function witness<St>(source: LogSource<St>, placed: (state: St) => readonly PlacedRecord[], options: WitnessOptions, name: string, description: string): Property<St> {
  const inSync = source.inSync;
  if (options.afterFailover && !inSync) throw new Error(`${name} after a failover needs a log source that reports leader epochs (inSync)`);
  return {
    name: options.name ?? (options.afterFailover ? `${name}-after-failover` : name),
    kind: 'sometimes',
    description: options.afterFailover ? `${description}, and is in the log of a leader elected after a failure` : description,
    check(state) {
      const records = placed(state);
      if (!options.afterFailover) return records.length > 0;
      const views = inSync!.call(source, state);
      return records.some((got) => views.some((v) => v.partition === got.partition && v.epoch > 0 && v.leader.records[got.offset]?.id === got.record.id));
    },
  };
}

/** Some send is acknowledged (optionally: and survives in a later leader's log). */
export function someAcknowledged<St>(source: LogSource<St>, options: WitnessOptions = {}): Property<St> {
  return witness(source, (state) => source.acknowledged(state), options, 'some-ack', 'some message is acknowledged');
}

/** Some poll returns a record (optionally: one a later leader still holds at its offset). */
export function someConsumed<St>(source: LogSource<St>, options: WitnessOptions = {}): Property<St> {
  return witness(source, (state) => source.consumed(state), options, 'some-consumed', 'some poll reads a record');
}
