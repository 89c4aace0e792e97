import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

/** A model file anywhere: checked, listed and replayed from its path, with no catalog entry. */

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'faultline.js');

/** Runs bin/faultline.js in another process, from `cwd`. */
async function faultline(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** A folder outside the repository, with no package.json and no node_modules. */
const outside = () => mkdtempSync(join(tmpdir(), 'faultline-model-file-'));

const NEVER_REACHED = `
import { defineModel } from 'faultline';

export default defineModel({
  name: 'stuck',
  description: 'a counter that never gets to 2',
  params: {},
  variants: { only: { description: 'stops at 1', setup: {}, expect: { 'reaches 2': 'holds' } } },
  build: () => ({
    init: () => [0],
    actions: (n: number) => (n < 1 ? ['inc'] : []),
    next: (n: number) => n + 1,
    properties: [{ name: 'reaches 2', kind: 'sometimes', check: (n: number) => n === 2 }],
  }),
});
`;

describe('a model file outside the repository (bin/faultline.js in another process)', () => {
  it('is checked from its path, importing faultline from a folder with no node_modules', async () => {
    const dir = outside();
    copyFileSync(join(root, 'examples', 'lost-update.ts'), join(dir, 'lost-update.ts'));

    const run = await faultline(dir, 'check', 'lost-update.ts');

    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('lost-update/racy (clients=2) with bfs');
    expect(run.out).toMatch(/ok +no lost update +violated: counter is 1 after 2 increments +\[expected violated\]/);
    expect(run.out).toContain('2 variants checked: 2 met every expectation, 0 with a surprise');
  }, 600_000);

  it('exits 1 saying "vacuous" when a sometimes property is never reached', async () => {
    const dir = outside();
    writeFileSync(join(dir, 'stuck.ts'), NEVER_REACHED);

    const run = await faultline(dir, 'check', join(dir, 'stuck.ts'));

    expect(run.code).toBe(1);
    expect(run.out).toMatch(/FAIL +reaches 2 +violated: vacuous: never reached/);
  }, 600_000);

  it('saves a counterexample that replays with no flags while the model file is there, and says what is missing when it is not', async () => {
    const dir = outside();
    copyFileSync(join(root, 'examples', 'lost-update.ts'), join(dir, 'lost-update.ts'));
    const saved = join(dir, 'cx', 'racy.json');

    const check = await faultline(dir, 'check', 'lost-update.ts/racy', '--property', 'no lost update', '--out', saved);
    expect(check.err).toBe('');
    const file = JSON.parse(readFileSync(saved, 'utf8'));
    const replay = await faultline(tmpdir(), 'replay', saved);
    rmSync(join(dir, 'lost-update.ts'));
    const missing = await faultline(tmpdir(), 'replay', saved);

    expect(check.code).toBe(0);
    expect(file.modelFile).toEqual({ path: '../lost-update.ts', export: 'lostUpdate' });
    expect(replay.code).toBe(0);
    expect(replay.out).toContain('reproduced');
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toBe(`faultline: ${saved}: model 'lost-update' came from ${join(dir, 'lost-update.ts')} (export lostUpdate), which is not there: restore that file, or replay with the model's definition from code`);
  }, 600_000);
});

describe('bad model files: one line, exit 2', () => {
  it.each([
    ['does not exist', 'nowhere.ts', undefined, 'faultline: model file {dir}/nowhere.ts does not exist'],
    ['is not a model', 'plain.ts', 'export const answer = 42;\n', 'faultline: model file {dir}/plain.ts exports no model definition (an object made by defineModel)'],
    ['throws on import', 'broken.ts', "throw new Error('half-written model');\n", 'faultline: model file {dir}/broken.ts failed to load: half-written model'],
  ])('a file that %s', async (_what, name, contents, message) => {
    const dir = outside();
    if (contents !== undefined) writeFileSync(join(dir, name), contents);

    const run = await runCli('check', join(dir, name));

    expect(run.code).toBe(2);
    expect(run.err).toBe(message.replace('{dir}', dir));
  });

  it('an export that is not there names the ones that are', async () => {
    const run = await runCli('check', `${join(root, 'examples', 'lost-update.ts')}#nope`);

    expect(run.code).toBe(2);
    expect(run.err).toBe(`faultline: model file ${join(root, 'examples', 'lost-update.ts')} has no model export 'nope'; its model exports are: lostUpdate`);
  });

  it('list shows a model file\'s variants and expectations', async () => {
    const run = await runCli('list', 'examples/lost-update.ts');

    expect(run.code).toBe(0);
    expect(run.out).toContain('lost-update');
    expect(run.out).toContain('locked');
  });
});
