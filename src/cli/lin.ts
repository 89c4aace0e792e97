import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../core/errors.ts';
import type { HistoryFile, Verdict } from '../../properties/linearizability/index.ts';
import { checkLinearizability, readHistoryFile, specForHistory } from '../../properties/linearizability/index.ts';

/** Where `faultline lin` writes: standard output and standard error, one line per call. */
export interface LinIo {
  /** Writes one line of normal output. */
  out: (s: string) => void;
  /** Writes one line of diagnostics. */
  err: (s: string) => void;
}

const USAGE =
  'usage: faultline lin <file or folder>... [--expect] [--json] [--timeout-ms N] [--max-steps N]';

interface LinArgs {
  paths: string[];
  expect: boolean;
  json: boolean;
  timeoutMs?: number;
  maxSteps?: number;
}

/**
 * `faultline lin`: checks `linearizability-history/v1` files and prints one line per file
 * (name, verdict, operation count, time), or one JSON document with `--json`.
 *
 * A folder stands for every `*.json` in it except `manifest.json`. With `--expect`, each
 * verdict is compared with the file's `expected` field. Returns the exit code: 0 when all
 * match (or without `--expect`), 1 on a mismatch (an `unknown` verdict counts as one), 2 on
 * bad usage or a malformed file (one line on `err`).
 */
export async function runLin(argv: string[], io: LinIo): Promise<number> {
  try {
    return runChecked(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return e.exitCode;
    }
    throw e;
  }
}

function runChecked(argv: string[], io: LinIo): number {
  const args = parseArgs(argv);
  const files = args.paths.flatMap(expandPath);
  // Load and validate everything first, so a malformed file fails before any output.
  const histories = files.map((path) => ({ path, file: readHistoryFile(path) }));
  if (args.expect) {
    for (const { file } of histories) {
      if (file.expected === undefined) throw new UsageError(`${file.fileName}: expected: missing (needed by --expect)`);
    }
  }

  const rows = histories.map(({ path, file }) => checkFile(path, file, args));
  const mismatches = rows.filter((r) => r.match === false).length;
  const totalMs = rows.reduce((sum, r) => sum + r.elapsedMs, 0);

  if (args.json) {
    io.out(
      JSON.stringify({
        command: 'lin',
        files: rows,
        summary: {
          files: rows.length,
          linearizable: rows.filter((r) => r.verdict === 'linearizable').length,
          notLinearizable: rows.filter((r) => r.verdict === 'not linearizable').length,
          unknown: rows.filter((r) => r.verdict === 'unknown').length,
          ...(args.expect ? { mismatches } : {}),
          elapsedMs: round(totalMs),
        },
      }),
    );
  } else {
    const width = Math.max(0, ...rows.map((r) => r.file.length));
    for (const r of rows) {
      const expectation = !args.expect ? '' : r.match ? '  ok' : `  MISMATCH (expected ${r.expected})`;
      io.out(
        `${r.file.padEnd(width)}  ${r.verdict.padEnd(16)}  ${String(r.operations).padStart(5)} ops  ${formatMs(r.elapsedMs).padStart(9)}${expectation}`,
      );
    }
    if (args.expect) {
      io.out(`${rows.length} file(s), ${rows.length - mismatches} as expected, ${mismatches} mismatch(es), ${formatMs(totalMs)}`);
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

function checkFile(path: string, file: HistoryFile, args: LinArgs): Row {
  const result = checkLinearizability(specForHistory(file), file.operations, {
    ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}),
    ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
  });
  return {
    file: file.fileName,
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

function parseArgs(argv: string[]): LinArgs {
  const args: LinArgs = { paths: [], expect: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--expect') args.expect = true;
    else if (a === '--json') args.json = true;
    else if (a === '--timeout-ms' || a === '--max-steps') {
      const v = argv[++i];
      if (v === undefined || !/^[0-9]+$/.test(v) || Number(v) < 1) {
        throw new UsageError(`lin: ${a} needs a positive integer`);
      }
      if (a === '--timeout-ms') args.timeoutMs = Number(v);
      else args.maxSteps = Number(v);
    } else if (a.startsWith('-')) {
      throw new UsageError(`lin: unknown option ${a}; ${USAGE}`);
    } else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError(`lin: no file or folder given; ${USAGE}`);
  return args;
}

/** A file stands for itself; a folder for its `*.json` files except `manifest.json`, sorted. */
function expandPath(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`lin: ${path}: no such file or folder`);
  }
  if (!isDir) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.json') && name !== 'manifest.json')
    .sort()
    .map((name) => join(path, name))
    .filter((p) => statSync(p).isFile());
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}
