import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Every command the README shows runs, and exits as the README says (0 for all of them: each is
 * a passing check, a reproduced replay or an expected verdict). Commands come from its ```sh
 * blocks and the `run:` steps of its CI YAML (with the pipeline number 1 and shard 1 put in).
 * They run as child processes of bin/faultline.js in a scratch folder holding a copy of
 * counterexamples/ (so `--save` cannot rewrite the tracked files) and the test fixtures.
 * npm scripts are covered elsewhere: `npm run check` is `check --all` (test/cli/check.test.ts),
 * `npm test` is this suite, `npm ci` the install, `npm run bench:*` benchmarks.
 */

const repo = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const run = promisify(execFile);

/** The README's commands, one line each, comments and YAML folding removed. */
function readmeCommands(): string[] {
  const commands: string[] = [];
  for (const block of readme.matchAll(/```(sh|yaml)\n([\s\S]*?)```/g)) {
    if (block[1] === 'sh') {
      for (const line of block[2]!.split('\n')) {
        const command = line.replace(/\s+#.*$/, '').trim();
        if (command) commands.push(command);
      }
    } else {
      for (const step of block[2]!.matchAll(/- run: >\n((?: {10}.*\n)+)/g)) {
        commands.push(step[1]!.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').replace('$(( ${{ github.run_number }} * 1000000 ))', '1000000').replace('${{ matrix.shard }}', '1'));
      }
    }
  }
  return commands;
}

const commands = readmeCommands();
const faultline = commands.filter((c) => c.startsWith('npx faultline '));
const npm = commands.filter((c) => !c.startsWith('npx faultline '));

describe('the README commands', () => {
  it('are faultline commands, plus the npm scripts covered elsewhere', () => {
    expect(npm).toEqual(['npm ci && npm run check', 'npm test', 'npm run bench:lin']);
    expect(faultline.length).toBeGreaterThanOrEqual(15);
    expect(faultline).toContain('npx faultline check --all --engine fast-check --runs 500 --seed 1000000 --shard 1/8 --save');
  });

  const scratch = mkdtempSync(join(tmpdir(), 'faultline-readme-'));
  cpSync(join(repo, 'counterexamples'), join(scratch, 'counterexamples'), { recursive: true });
  symlinkSync(join(repo, 'test'), join(scratch, 'test'));
  symlinkSync(join(repo, 'examples'), join(scratch, 'examples'));

  it.each(faultline)('%s exits 0', async (command) => {
    const argv = command.slice('npx faultline '.length).split(/\s+/);
    let code = 0;
    let output = '';
    try {
      const { stdout, stderr } = await run(process.execPath, [join(repo, 'bin', 'faultline.js'), ...argv], { cwd: scratch, maxBuffer: 256 << 20 });
      output = stdout + stderr;
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      code = typeof e.code === 'number' ? e.code : -1;
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    expect(code, output.split('\n').filter((l) => /FAIL|faultline:|mismatch/.test(l)).join('\n') || output.slice(-2000)).toBe(0);
  }, 900_000);
});
