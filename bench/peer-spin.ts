/**
 * SPIN as a benchmark peer: builds a verifier (`spin -a`, then `gcc`) once per model and flags,
 * runs it, and reads its figures. CPU time comes from `/usr/bin/time` (the verifier's own
 * user + system seconds, the figure the faultline side reports for its search).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One SPIN configuration: a Promela text, preprocessor defines, compile flags and `pan` options. */
export interface SpinConfig {
  readonly promela: string;
  /** Passed to `spin -a` (for example `-DQ=1`). */
  readonly defines?: readonly string[];
  /** Passed to gcc besides `-O2 -DSAFETY -DNOREDUCE` (for example `-DBFS`). */
  readonly gccFlags?: readonly string[];
  /** Passed to `pan` (the hash table size, `-w26`). */
  readonly panFlags: readonly string[];
}

/** What one SPIN run reports. */
export interface SpinFigures {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly errors: number;
  /** Steps of the trail SPIN wrote for a violation (0 when none). */
  readonly trailSteps: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

/** Why SPIN cannot be the peer here, or undefined when `spin`, `gcc` and `/usr/bin/time` are all present. */
export function spinMissing(): string | undefined {
  for (const tool of ['spin', 'gcc']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not on the PATH (Debian: apt-get install spin gcc)`;
  }
  if (!existsSync('/usr/bin/time')) return '/usr/bin/time is missing (Debian: apt-get install time)';
  return undefined;
}

/** Builds the verifier for a configuration (cached by content under the system's temporary folder); returns its folder. */
export function buildSpin(config: SpinConfig): string {
  const key = createHash('sha256').update(JSON.stringify([config.promela, config.defines ?? [], config.gccFlags ?? []])).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'faultline-bench-spin', key);
  if (existsSync(join(dir, 'pan'))) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.pml'), config.promela);
  run('spin', [...(config.defines ?? []), '-a', 'model.pml'], dir);
  run('gcc', ['-O2', '-DSAFETY', '-DNOREDUCE', ...(config.gccFlags ?? []), '-o', 'pan', 'pan.c'], dir);
  return dir;
}

/** Runs a built verifier once. */
export function runSpin(dir: string, config: SpinConfig): SpinFigures {
  for (const old of readdirSync(dir)) if (old.endsWith('.trail')) writeFileSync(join(dir, old), '');
  const out = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', 'time.txt', './pan', ...config.panFlags], { cwd: dir, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (out.error) throw out.error;
  const [user, system, maxKb] = readFileSync(join(dir, 'time.txt'), 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  const trail = join(dir, 'model.pml.trail');
  return { ...parsePan(out.stdout, existsSync(trail) ? readFileSync(trail, 'utf8') : ''), cpuSeconds: user! + system!, peakRssMb: maxKb! / 1024 };
}

/** The counts in `pan`'s report, and the number of steps of its trail file's text (empty: none). */
export function parsePan(report: string, trail: string): Omit<SpinFigures, 'cpuSeconds' | 'peakRssMb'> {
  // Large counts are printed in exponent form (1.2355840e+08 transitions).
  const number = (pattern: RegExp) => Number(pattern.exec(report)?.[1] ?? NaN);
  return {
    states: number(/([\d.e+]+) states, stored/),
    transitions: number(/([\d.e+]+) transitions/),
    depth: number(/depth reached (\d+)/),
    errors: number(/errors: (\d+)/),
    // A trail line is `step:process:transition`; SPIN's header lines have negative numbers.
    trailSteps: trail.split('\n').filter((line) => /^[1-9]\d*:/.test(line)).length,
  };
}

function run(command: string, args: readonly string[], cwd: string): void {
  const out = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${out.stderr || out.stdout}`);
}
