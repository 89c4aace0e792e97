import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelDefinition, Model } from '../../src/core/model.ts';
import { runCheck } from '../../src/cli/check.ts';
import type { CliIO } from '../../src/cli/io.ts';
import type { Interrupt } from '../../src/core/interrupt.ts';

/** The repository root and the CLI's entry point. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'faultline.js');

/** A fresh temporary folder. */
export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'faultline-reliability-'));
}

/** What a run printed and returned. */
export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `check` in-process against a catalog, with an optional interrupt. */
export async function check(catalog: readonly ModelDefinition[], argv: readonly string[], interrupt?: Interrupt): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), ...(interrupt ? { interrupt } : {}) };
  let code: number;
  try {
    code = await runCheck(catalog, argv, io);
  } catch (error) {
    const e = error as { exitCode?: number; message: string };
    if (e.exitCode === undefined) throw error;
    err.push(`faultline: ${e.message}`);
    code = e.exitCode;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A one-variant family around a model, named `bad/only`. */
export function family(model: () => Model<any, any>, name = 'bad'): ModelDefinition {
  // The engine-facing definition itself: the model's properties keep whatever expectations they carry.
  return { name, description: 'a model that breaks the contract', params: {}, variants: { only: {} }, build: () => model() };
}

/** A spawned CLI process, with what it printed so far. */
export interface Spawned {
  readonly out: () => string;
  readonly err: () => string;
  readonly pid: number;
  /** Resolves once stdout contains `text` (or the process has exited). */
  waitFor(text: string): Promise<void>;
  /** Resolves with the exit code (or 128 + signal number when killed). */
  exited: Promise<number>;
  kill(signal: NodeJS.Signals): void;
}

/** Spawns `node bin/faultline.js ...args` in `cwd`. */
export function spawnCli(args: readonly string[], cwd = ROOT): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    out += d;
    for (const w of waiters.filter((w) => out.includes(w.text))) w.resolve();
  });
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => {
      // A process that ended without printing what a test waits for fails that test, not hangs it.
      for (const w of waiters) w.resolve();
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 9));
    }),
  );
  return {
    out: () => out,
    err: () => err,
    pid: child.pid!,
    waitFor: (text) => (out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
    exited,
    kill: (signal) => child.kill(signal),
  };
}
