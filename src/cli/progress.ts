import type { ExplorationResult, Progress } from '../explore/result.ts';
import { count, seconds, type CliIO } from './io.ts';

/**
 * Progress of one variant's check on standard error. On a terminal: one status line rewritten in
 * place about once a second, cleared at the end. Elsewhere (a CI log, a file): a plain line every
 * `io.progressEveryMs` (default 10 s), the figures TLC's Progress lines give (states, states per
 * second, queue, depth), and one line at the end when any was printed. Never on standard output,
 * so `--json` and `--reporter junit` documents stay clean.
 */
export interface ProgressReporter {
  /** The engine's `onProgress` callback (undefined when nothing is reported). */
  readonly onProgress?: (progress: Progress) => void;
  /** Called once the check has ended. */
  finish(result: ExplorationResult): void;
}

/** Default interval of plain progress lines. */
export const PROGRESS_EVERY_MS = 10_000;

/** A states-per-second figure (`1.35 M/s`, `820/s`; `-` when no time passed). */
export function rate(states: number, elapsedMs: number): string {
  if (elapsedMs <= 0) return '-';
  const perSecond = (states * 1000) / elapsedMs;
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${count(Math.round(perSecond))}/s`;
}

function figures(p: Progress): string {
  return `${count(p.distinctStates)} states, ${rate(p.distinctStates, p.elapsedMs)}, queue ${count(p.queued)}, depth ${p.depth}, ${seconds(p.elapsedMs)}`;
}

/** The reporter for one variant's check, labelled `model/variant`. */
export function progressReporter(label: string, io: CliIO): ProgressReporter {
  const status = io.errIsTTY ? io.status : undefined;
  if (status) {
    return {
      onProgress: (p) => status(`${label}: ${figures(p)}`),
      finish: () => status(''),
    };
  }
  const every = io.progressEveryMs ?? PROGRESS_EVERY_MS;
  let next = every;
  let printed = false;
  return {
    onProgress: (p) => {
      if (p.elapsedMs < next) return;
      next = p.elapsedMs + every;
      printed = true;
      io.err(`progress ${label}: ${figures(p)}`);
    },
    finish: (r) => {
      if (printed) io.err(`progress ${label}: done, ${figures({ distinctStates: r.distinctStates, generatedStates: r.generatedStates, queued: 0, depth: r.depth, elapsedMs: r.elapsedMs })}`);
    },
  };
}
