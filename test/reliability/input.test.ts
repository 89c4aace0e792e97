import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import { runCli } from '../helpers/cli.ts';
import { check, tempFolder } from './helpers.ts';

/** A saved die-hard counterexample file, edited by `edit`. */
async function dieHardFile(edit: (doc: any) => void): Promise<string> {
  const dir = tempFolder();
  const path = join(dir, 'cx.json');
  expect((await runCli('check', 'die-hard', '--out', path)).code).toBe(0);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/** One line on stderr, at most a few hundred characters, and the exit code. */
function oneLine(run: { code: number; err: string }, code: number): string {
  expect(run.code).toBe(code);
  expect(run.err.split('\n')).toHaveLength(1);
  // 800: the CLI's cut (src/cli/main.ts), room for the catalog's names after an elided argument.
  expect(run.err.length).toBeLessThanOrEqual(820);
  return run.err;
}

describe('input that misled: a clear one-line error and the documented exit code, never 3', () => {
  it('a replay file whose action is nested 100,000 arrays deep', async () => {
    // Written as text: JSON.stringify of such a value would itself overflow the stack.
    const path = await dieHardFile((doc) => {
      doc.steps[0].action = 'NESTED';
    });
    const depth = 100_000;
    writeFileSync(path, readFileSync(path, 'utf8').replace('"NESTED"', '['.repeat(depth) + '"fill big"' + ']'.repeat(depth)));
    expect(oneLine(await runCli('replay', path), 2)).toBe(`faultline: ${path}: steps[0].action: nested more than 200 levels deep; no model's action is`);
  });

  it('--param __proto__=1 is an unknown parameter like any other', async () => {
    expect(oneLine(await runCli('check', 'die-hard', '--param', '__proto__=1'), 2)).toBe("faultline: die-hard: unknown parameter '__proto__'; parameters are: (none)");
  });

  it('a repeated option is refused, whichever command', async () => {
    expect(oneLine(await runCli('check', 'die-hard', '--engine', 'bfs', '--engine', 'dfs'), 2)).toBe('faultline: check: --engine is given twice; give it once');
    expect(oneLine(await runCli('check', 'die-hard', '--json', '--json'), 2)).toBe('faultline: check: --json is given twice; give it once');
    expect(oneLine(await runCli('lin', 'x.json', '--timeout-ms', '5', '--timeout-ms', '6'), 2)).toBe('faultline: lin: --timeout-ms is given twice; give it once');
  });

  it('-- ends the options', async () => {
    expect(oneLine(await runCli('check', '--', '--json'), 2)).toMatch(/^faultline: check: unknown model '--json'; models are: /);
    const run = await runCli('check', '--json', '--', 'die-hard');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).results[0].model).toBe('die-hard');
  });

  it('an argument of 100 KB is not echoed whole', async () => {
    const huge = 'x'.repeat(100_000);
    const err = oneLine(await runCli('check', huge), 2);
    expect(err).toMatch(/^faultline: check: unknown model 'x+…\(\d+ characters\)…x+'; models are: two-phase-commit/);
    expect(oneLine(await runCli(`--${huge}`), 2)).toMatch(/^faultline: unknown command '--x+…\(\d+ characters\)…/);
  });

  it('a random run stopped by the memory guard is not ok (exit 1, ok: false)', async () => {
    // 64 MB is below what the test process already holds: the guard stops the run at its first look.
    const run = await check(catalog, ['two-phase-commit', '--engine', 'random', '--seed', '1', '--runs', '100000', '--max-memory', '64', '--json']);
    const r = JSON.parse(run.out).results[0];
    expect(r.stopReason).toBe('memory');
    expect(r.ok).toBe(false);
    expect(JSON.parse(run.out).ok).toBe(false);
    expect(run.code).toBe(1);
    const text = await check(catalog, ['two-phase-commit', '--engine', 'random', '--seed', '1', '--runs', '100000', '--max-memory', '64']);
    expect(text.out).toMatch(/NOT exhaustive \(random search, stopped by memory: the memory guard of 64 MB; raise it with --max-memory MB; repeat with --seed 1\)/);
  });

  it('fast-check respects --timeout (within a fraction of a second)', async () => {
    const run = await check(catalog, ['two-phase-commit', '--param', 'rms=7', '--engine', 'fast-check', '--seed', '1', '--runs', '10000000', '--timeout', '1500ms', '--json']);
    const r = JSON.parse(run.out).results[0];
    expect(r.stopReason).toBe('timeout');
    expect(r.elapsedMs).toBeLessThan(1500 + 700);
  }, 600_000);

  it('a dangling *.json symlink in a lin folder is an error naming it', async () => {
    const dir = tempFolder();
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'gone.json'), join(dir, 'sub', 'link.json'));
    expect(oneLine(await runCli('lin', dir), 2)).toBe(`faultline: lin: ${join(dir, 'sub', 'link.json')}: a symbolic link to a file that does not exist`);
  });

  it('a replay of a tampered action says what was recorded and what is enabled', async () => {
    // The line is left as it was: only the recorded action's data differ from the enabled one.
    const path = await dieHardFile((doc) => {
      doc.steps[2].action = 'empty  small';
    });
    const run = await runCli('replay', path);
    expect(run.code).toBe(1);
    expect(run.out.split('\n').at(-1)).toBe(
      `diverges at step 3: the file records action #2 as "empty  small" ('empty small'), which is not enabled: action #2 here is "empty small" ('empty small')`,
    );
  });
});
