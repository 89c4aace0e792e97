import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import type { Interrupt } from '../../src/core/interrupt.ts';
import { parseCounterexampleFile } from '../../src/trace/counterexample-file.ts';
import { BIN, check, ROOT, spawnCli, tempFolder } from './helpers.ts';

// A search that takes minutes (TwoPhase with 10 resource managers; compiled, 9 can end within the
// 8 s the JSON test waits on a quiet machine): only an interruption ends it soon.
const LONG = ['check', 'two-phase-commit', '--param', 'rms=10'];
const HEADER = 'two-phase-commit/standard (rms=10) with bfs';

describe('SIGINT and SIGTERM stop a running search cleanly (spawned CLI)', () => {
  it('SIGINT: the figures so far, unknown with stop reason interrupted, exit 130', async () => {
    const cli = spawnCli(LONG);
    await cli.waitFor(HEADER);
    cli.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.out()).toMatch(/explored [\d,]+ distinct states .*NOT exhaustive \(stopped by interrupted/);
    expect(cli.out()).toMatch(/TCConsistent +no violation found in [\d,]+ states explored \(not exhaustive: interrupted\)/);
    expect(cli.out()).toContain('1 variant checked: 0 met every expectation, 1 with a surprise; interrupted, 0 not checked');
  }, 180_000);

  it('SIGTERM under --json: one valid JSON document, exit 143', async () => {
    const cli = spawnCli([...LONG, '--json']);
    // No header under --json: wait until the worker has started (its first stderr or a while).
    await new Promise((resolve) => setTimeout(resolve, 8000));
    cli.kill('SIGTERM');
    expect(await cli.exited).toBe(143);
    const doc = JSON.parse(cli.out());
    expect(doc.ok).toBe(false);
    expect(doc.interrupted).toBe(true);
    // The signal may come before the search starts on a slow machine: then the variant is unchecked.
    if (doc.results.length === 1) {
      expect(doc.results[0].stopReason).toBe('interrupted');
      expect(doc.results[0].properties.map((p: { verdict: string }) => p.verdict)).toEqual(['unknown', 'unknown', 'unknown']);
    } else {
      expect(doc.unchecked).toBe(1);
    }
  }, 180_000);

  it('check --all --save keeps the counterexamples found before the signal', async () => {
    const dir = tempFolder();
    // die-hard, third in the catalog, is violated at once; slower searches follow it.
    const cli = spawnCli(['check', '--all', '--save'], dir);
    await cli.waitFor('saved counterexamples/die-hard--standard--big-4.json');
    cli.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    const path = join(dir, 'counterexamples', 'die-hard--standard--big-4.json');
    expect(existsSync(path)).toBe(true);
    expect(parseCounterexampleFile(readFileSync(path, 'utf8'), path).steps).toHaveLength(6);
    expect(cli.out()).toMatch(/variants? checked: .*; interrupted, \d+ not checked/);
  }, 180_000);
});

describe('a closed stdout stops the search', () => {
  it('check --all | head -1 ends soon after head, quietly, exit 141', async () => {
    const started = Date.now();
    const result = await new Promise<{ code: number | null; err: string; first: string }>((resolve) => {
      // bash reports the CLI's own exit code through PIPESTATUS; its stderr is kept apart from head's.
      const script = `node ${JSON.stringify(BIN)} check --all 2>"$ERR" | head -1; code=\${PIPESTATUS[0]}; cat "$ERR" >&2; exit $code`;
      const shell = spawn('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ERR: join(tempFolder(), 'stderr') } });
      let out = '';
      let err = '';
      shell.stdout.on('data', (d) => (out += d));
      shell.stderr.on('data', (d) => (err += d));
      shell.on('exit', (code) => resolve({ code, err, first: out }));
    });
    expect(result.first).toBe('two-phase-commit/standard (rms=3) with bfs\n');
    expect(result.code).toBe(141);
    expect(result.err).toBe('');
    // `check --all` takes minutes; stopping within the first variants is well under one.
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);
});

describe('the interrupt reaches every engine (in-process)', () => {
  /** An interrupt that asks to stop after it has been read `after` times. */
  const after = (reads: number): Interrupt => {
    let n = 0;
    return {
      get requested() {
        return ++n > reads;
      },
    };
  };

  for (const engine of ['bfs', 'dfs', 'random', 'fast-check']) {
    it(`${engine} stops as 'interrupted', and an expected holds is not met`, async () => {
      const bounds = engine === 'random' || engine === 'fast-check' ? ['--runs', '1000000', '--seed', '1'] : [];
      const run = await check(catalog, ['two-phase-commit', '--param', 'rms=7', '--engine', engine, ...bounds, '--json'], after(3));
      const r = JSON.parse(run.out).results[0];
      expect(r.stopReason).toBe('interrupted');
      expect(r.ok).toBe(false);
      expect(run.code).toBe(1);
    }, 60_000);
  }
});
