import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { statOrUndefined } from '../core/atomic-write.ts';
import { elide } from '../core/elide.ts';
import { ExitCode, UsageError } from '../core/errors.ts';
import type { HistoryFile, Verdict } from '../../properties/linearizability/index.ts';
import { checkLinearizability, readHistoryFile, specForHistory } from '../../properties/linearizability/index.ts';
import { defaultMemoryLimitMb } from '../explore/budget.ts';
import type { Interrupt } from '../core/interrupt.ts';
import { intFlag, parseArgs, type FlagKind } from './args.ts';

/** Where `faultline lin` writes: standard output and standard error, one line per call. */
export interface LinIo {
  /** Writes one line of normal output. */
  out: (s: string) => void;
  /** Writes one line of diagnostics. */
  err: (s: string) => void;
  /** Asks the check to stop (a signal, a closed stdout): files not yet checked are skipped. */
  readonly interrupt?: Interrupt;
}

/** Time budget of one history file when `--timeout-ms` is not given: past it, the verdict is `unknown`. */
export const DEFAULT_LIN_TIMEOUT_MS = 60_000;

const USAGE =
  'usage: faultline lin <file or folder>... [--expect] [--json] [--timeout-ms N] [--max-steps N] [--max-memory MB]';

const FLAGS: Readonly<Record<string, FlagKind>> = {
  expect: 'boolean',
  json: 'boolean',
  'timeout-ms': 'value',
  'max-steps': 'value',
  'max-memory': 'value',
};

interface LinArgs {
  paths: string[];
  expect: boolean;
  json: boolean;
  timeoutMs: number;
  maxSteps?: number;
  maxMemoryMb: number;
  interrupt?: Interrupt;
}

/** A history file to check: where it is, and how output names it. */
interface Target {
  /** The path to open: as given, or joined onto the folder as given. */
  path: string;
  /** Its name in output: the basename of a file given directly, the path below the folder otherwise. */
  label: string;
}

/**
 * `faultline lin`: checks `linearizability-history/v1` files and prints one line per file
 * (name, verdict, operation count, time) and a summary line, or one JSON document with `--json`.
 *
 * A folder stands for every `*.json` below it, at any depth, except `manifest.json`, in
 * sorted order of the path below the folder; a folder with none is an error. With
 * `--expect`, each verdict is compared with the file's `expected` field. Returns the exit
 * code: 0 when all match (or without `--expect`), 1 on a mismatch (an `unknown` verdict
 * counts as one), 2 on bad usage, a malformed file or a folder without history files (one
 * line on `err`, `faultline: <message>` as `main` prints other usage errors).
 */
export async function runLin(argv: string[], io: LinIo): Promise<number> {
  try {
    return runChecked(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`faultline: ${elide(e.message.split('\n')[0]!, 400)}`);
      return e.exitCode;
    }
    throw e;
  }
}

function runChecked(argv: string[], io: LinIo): number {
  const args = { ...parseLinArgs(argv), ...(io.interrupt ? { interrupt: io.interrupt } : {}) };
  const targets = args.paths.flatMap(expandPath);
  // Load and validate everything first, so a malformed file fails before any output.
  const histories = targets.map((target) => ({ ...target, file: loadHistory(target.path) }));
  if (args.expect) {
    for (const { path, file } of histories) {
      if (file.expected === undefined) throw new UsageError(`${path}: expected: missing (needed by --expect)`);
    }
  }

  const rows: Row[] = [];
  for (const { path, label, file } of histories) {
    if (args.interrupt?.requested) break;
    rows.push(checkFile(path, label, file, args));
  }
  const interrupted = args.interrupt?.requested === true;
  const mismatches = rows.filter((r) => r.match === false).length;
  const totalMs = rows.reduce((sum, r) => sum + r.elapsedMs, 0);
  const counts = {
    linearizable: rows.filter((r) => r.verdict === 'linearizable').length,
    notLinearizable: rows.filter((r) => r.verdict === 'not linearizable').length,
    unknown: rows.filter((r) => r.verdict === 'unknown').length,
  };

  if (args.json) {
    io.out(
      JSON.stringify({
        command: 'lin',
        files: rows,
        ...(interrupted ? { interrupted: true, unchecked: histories.length - rows.length } : {}),
        budget: { timeoutMs: args.timeoutMs, maxMemoryMb: args.maxMemoryMb, ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}) },
        summary: {
          files: rows.length,
          ...counts,
          ...(args.expect ? { mismatches } : {}),
          elapsedMs: round(totalMs),
        },
      }),
    );
  } else {
    const width = Math.max(0, ...rows.map((r) => r.file.length));
    for (const r of rows) {
      const expectation = !args.expect ? '' : r.match ? '  ok' : `  MISMATCH (expected ${r.expected})`;
      const why = r.verdict === 'unknown' ? `  (${r.message}${raiseHint(r.message)})` : '';
      io.out(
        `${r.file.padEnd(width)}  ${r.verdict.padEnd(16)}  ${String(r.operations).padStart(5)} ops  ${formatMs(r.elapsedMs).padStart(9)}${why}${expectation}`,
      );
    }
    if (interrupted) io.out(`interrupted: ${histories.length - rows.length} file(s) not checked`);
    if (args.expect) {
      io.out(`${rows.length} file(s), ${rows.length - mismatches} as expected, ${mismatches} mismatch(es), ${formatMs(totalMs)}`);
    } else {
      io.out(
        `${rows.length} file(s): ${counts.linearizable} linearizable, ${counts.notLinearizable} not linearizable, ${counts.unknown} unknown, ${formatMs(totalMs)}`,
      );
    }
  }
  return args.expect && mismatches > 0 ? ExitCode.surprise : ExitCode.ok;
}

interface Row {
  file: string;
  path: string;
  model: string;
  verdict: Verdict;
  expected?: string;
  match?: boolean;
  operations: number;
  steps: number;
  elapsedMs: number;
  message: string;
}

function checkFile(path: string, label: string, file: HistoryFile, args: LinArgs): Row {
  const result = checkLinearizability(specForHistory(file), file.operations, {
    ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}),
    timeoutMs: args.timeoutMs,
    maxMemoryMb: args.maxMemoryMb,
    ...(args.interrupt ? { interrupt: args.interrupt } : {}),
  });
  return {
    file: label,
    path,
    model: file.model,
    verdict: result.verdict,
    ...(file.expected !== undefined ? { expected: file.expected } : {}),
    ...(args.expect ? { match: result.verdict === file.expected } : {}),
    operations: file.operations.length,
    steps: result.steps,
    elapsedMs: round(result.elapsedMs),
    message: result.message,
  };
}

function parseLinArgs(argv: string[]): LinArgs {
  const parsed = parseArgs(argv, FLAGS, 'lin');
  if (parsed.positional.length === 0) throw new UsageError(`lin: no file or folder given; ${USAGE}`);
  const maxSteps = intFlag(parsed, 'max-steps', 1);
  return {
    paths: parsed.positional,
    expect: parsed.flags.has('expect'),
    json: parsed.flags.has('json'),
    timeoutMs: intFlag(parsed, 'timeout-ms', 1) ?? DEFAULT_LIN_TIMEOUT_MS,
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    maxMemoryMb: intFlag(parsed, 'max-memory', 64) ?? defaultMemoryLimitMb(),
  };
}

/**
 * Reads a history file; a problem with it is a {@link UsageError} naming the path as given
 * (the reader names only the basename, which is not enough to find a file found in a folder).
 */
function loadHistory(path: string): HistoryFile {
  try {
    return readHistoryFile(path);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const name = `${basename(path)}: `;
    const detail = e.message.startsWith(name) ? e.message.slice(name.length) : e.message;
    throw new UsageError(`${path}: ${detail}`, e.exitCode);
  }
}

/**
 * A file stands for itself; a folder for every `*.json` below it at any depth except
 * `manifest.json`, sorted by the path below the folder. A folder with none is an error, so
 * that a wrong path fails instead of checking nothing.
 */
function expandPath(path: string): Target[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`lin: ${path}: no such file or folder`);
  }
  if (!isDir) return [{ path, label: basename(path) }];
  const found = historyFilesBelow(path, '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (found.length === 0) throw new UsageError(`lin: no history files found in ${path}`);
  return found.map((relative) => ({ path: join(path, relative), label: relative }));
}

/** Paths, relative to `root`, of the history files in `root/relative` and its subfolders. */
function historyFilesBelow(root: string, relative: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
    const below = relative === '' ? entry.name : `${relative}/${entry.name}`;
    // Follow a symbolic link to a file, but not one to a folder (it could lead back up).
    const kind = entry.isSymbolicLink() ? statOrUndefined(join(root, below)) : entry;
    if (!kind && entry.name.endsWith('.json')) throw new UsageError(`lin: ${join(root, below)}: a symbolic link to a file that does not exist`);
    if (entry.isDirectory()) found.push(...historyFilesBelow(root, below));
    else if (kind?.isFile() && entry.name.endsWith('.json') && entry.name !== 'manifest.json') found.push(below);
  }
  return found;
}

/** How to give an `unknown` check more room, from the budget its message names. */
function raiseHint(message: string): string {
  if (message.includes('time budget')) return '; raise it with --timeout-ms N';
  if (message.includes('memory budget')) return '; raise it with --max-memory MB';
  if (message.includes('step budget')) return '; raise it with --max-steps N';
  return '';
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}
