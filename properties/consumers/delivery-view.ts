/**
 * What the delivery properties read of a consumer group's state: the records of one partition
 * (offsets 0 .. records-1), what the members did with them, and what the broker still has.
 */
export interface DeliveryView {
  /** How many records were written to the partition (offsets 0 .. records-1). */
  readonly records: number;
  /** Every processing of a record whose output reached the downstream store, by offset, repeats included. */
  readonly processed: readonly number[];
  /** Offsets fetched by members that are up and not processed yet (still in their hands). */
  readonly inHand: readonly number[];
  /** The group's committed offset: where a member that takes the partition over starts reading. */
  readonly committed: number;
  /** The first offset still in the log (retention deletes below it); 0 when nothing was deleted. */
  readonly logStart: number;
}

/** A model's delivery view of a state. */
export interface DeliverySource<St> {
  delivery(state: St): DeliveryView;
}

/** The first element of `items` that appears in it twice (undefined when none repeats). */
export function firstRepeat<T>(items: readonly T[]): T | undefined {
  return items.find((item, index) => items.indexOf(item) !== index);
}
