/**
 * A request to stop a search early, from outside it: SIGINT, SIGTERM, or a reader that closed
 * standard output. The engines poll it through their budget and stop as they do at a timeout,
 * with the figures so far and the stop reason `interrupted`.
 */
export interface Interrupt {
  /** Whether a stop has been asked for. Cheap: read every few thousand states. */
  readonly requested: boolean;
}

/** Why the process was asked to stop; the value is the signal's number. */
export const STOP_CAUSES = { SIGINT: 2, SIGPIPE: 13, SIGTERM: 15 } as const;

/** What asked for the stop (`SIGPIPE` stands for a closed standard output). */
export type StopCause = keyof typeof STOP_CAUSES;

/**
 * An interrupt kept in shared memory, so that one thread (watching signals and standard output)
 * can stop a search that runs in another without waiting for it to yield.
 */
export class SharedInterrupt implements Interrupt {
  /** Cell 0: 0 until a stop is asked for, then the number of its cause. */
  readonly cells: Int32Array;

  constructor(cells: Int32Array = new Int32Array(new SharedArrayBuffer(4))) {
    this.cells = cells;
  }

  get requested(): boolean {
    return Atomics.load(this.cells, 0) !== 0;
  }

  /** The first cause asked for, if any. */
  get cause(): StopCause | undefined {
    const code = Atomics.load(this.cells, 0);
    return (Object.keys(STOP_CAUSES) as StopCause[]).find((k) => STOP_CAUSES[k] === code);
  }

  /** Asks for a stop; the first cause is kept. Returns whether this was the first request. */
  request(cause: StopCause): boolean {
    return Atomics.compareExchange(this.cells, 0, 0, STOP_CAUSES[cause]) === 0;
  }
}

/** Exit code of a run stopped by a cause: 128 + the signal's number (130, 141, 143), as shells report. */
export function interruptedExitCode(cause: StopCause): number {
  return 128 + STOP_CAUSES[cause];
}
