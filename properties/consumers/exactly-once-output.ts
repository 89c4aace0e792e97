import type { Property } from '../../src/core/model.ts';
import { firstRepeat } from './delivery-view.ts';

/** What exactly-once output reads of a read-process-write pipeline's state. */
export interface OutputView {
  /** The consumed offset the group committed: the inputs below it count as done. */
  readonly committedInput: number;
  /** The input offset of every committed output record (visible to read_committed readers), repeats included. */
  readonly committedOutputs: readonly number[];
}

/** A model's output view of a state. */
export interface OutputSource<St> {
  output(state: St): OutputView;
}

/**
 * Exactly-once output: every input the group counts as consumed has its output committed, and
 * no input's output is committed twice (a retry, or a zombie instance, writing it again).
 */
export function exactlyOnceOutput<St>(source: OutputSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'exactly-once-output',
    kind: 'always',
    description: 'each consumed input has exactly one committed output',
    check(state) {
      const { committedInput, committedOutputs } = source.output(state);
      const twice = firstRepeat(committedOutputs);
      if (twice !== undefined) return `the output of input ${twice} is committed twice`;
      for (let input = 0; input < committedInput; input++) {
        if (!committedOutputs.includes(input)) return `input ${input} is below the committed offset ${committedInput}, but its output was never committed`;
      }
      return true;
    },
  };
}
