import type { Interrupt } from '../core/interrupt.ts';

/** Where a command writes: `out` for results, `err` for progress and errors. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Whether `err` is a terminal (progress lines are shown only then). */
  readonly errIsTTY?: boolean;
  /** Rewrites the current terminal line of `err` (progress); absent when not a terminal. */
  status?(line: string): void;
  /** Interval of plain progress lines on `err` when it is not a terminal (default 10 s; see progress.ts). */
  readonly progressEveryMs?: number;
  /** Asks a running search to stop (a signal, a closed stdout: see `src/cli/supervisor.ts`). */
  readonly interrupt?: Interrupt;
}

/** The process's own streams. */
export const processIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  errIsTTY: process.stderr.isTTY === true,
  status: (line) => process.stderr.write('\r\x1b[2K' + line),
};

/** Formats an integer with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Formats milliseconds as seconds with sensible precision. */
export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}
