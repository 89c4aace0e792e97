import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepare`), the tarball
 * unpacked into a fresh project's node_modules, its declared dependencies linked from this
 * checkout's install (no network: CI has only what `npm ci` fetched), then used from plain Node,
 * from vitest, through `npx faultline` and from a type-checked TypeScript file.
 */

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const modules = join(repo, 'node_modules');
const consumerFixture = fileURLToPath(new URL('./consumer', import.meta.url));

/** The environment of a child process, without the markers of the vitest running this file. */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'));
  return { ...env, npm_config_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1' };
}

async function sh(file: string, args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: childEnv(), maxBuffer: 64 << 20 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: e.stdout ?? '', err: e.stderr ?? '' };
  }
}

let work: string;
let project: string;
let tarball: string;
let files: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'faultline-package-'));
  const packed = await sh('npm', ['pack', '--pack-destination', work, '--json'], repo);
  expect(packed.code, packed.err).toBe(0);
  const [info] = JSON.parse(packed.out.slice(packed.out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info!.filename);
  files = info!.files.map((f) => f.path);

  project = join(work, 'project');
  cpSync(consumerFixture, project, { recursive: true });
  const installed = join(project, 'node_modules', 'faultline');
  mkdirSync(installed, { recursive: true });
  const untar = await sh('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], work);
  expect(untar.code, untar.err).toBe(0);
  // Only the dependencies the packed package.json declares: a missing declaration fails below.
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
  for (const name of [...Object.keys(manifest.dependencies), 'vitest']) symlinkSync(join(modules, name), join(project, 'node_modules', name));
  mkdirSync(join(project, 'node_modules', '.bin'));
  symlinkSync(join('..', 'faultline', manifest.bin.faultline!), join(project, 'node_modules', '.bin', 'faultline'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the compiled library, its declarations, the bin and the README, and nothing else', () => {
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('bin/faultline.js');
    expect(files).toContain('README.md');
    const stray = files.filter((f) => !/^(dist\/.*\.(js|d\.ts)|bin\/faultline\.js|README\.md|package\.json)$/.test(f));
    expect(stray).toEqual([]);
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('bench/'))).toBe(false);
  });

  it('imports from plain Node through every entry point and checks a model', async () => {
    const { code, out, err } = await sh('node', ['main.mjs'], project);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      engines: ['bfs', 'dfs', 'random', 'fast-check'],
      verdict: ['big != 4: violated, 6 steps', 'measures 1 gallon: holds'],
      ok: true,
      lin: 'not linearizable',
      functions: ['function', 'function'],
    });
  });

  it('runs under vitest in the consuming project', async () => {
    const vitest = join(modules, 'vitest', 'vitest.mjs');
    const { code, out, err } = await sh('node', [vitest, 'run', '--root', project, '--reporter', 'verbose'], project);
    expect(code, out + err).toBe(0);
    expect(out).toContain('meets die-hard expectations with bfs');
    expect(out).toMatch(/Tests\s+2 passed/);
  });

  it('runs `npx faultline list` from the compiled JavaScript, without tsx', async () => {
    const { code, out, err } = await sh('npx', ['--no-install', 'faultline', 'list'], project);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('variant die-hard/standard');
    const bin = await sh('node', ['-e', "console.log(require('fs').existsSync('node_modules/faultline/src'))"], project);
    expect(bin.out.trim()).toBe('false');
  });

  it('type-checks a consumer with only faultline installed, and its types are not any', async () => {
    const tsc = join(modules, 'typescript', 'bin', 'tsc');
    const clean = await sh('node', [tsc, '-p', project], project);
    expect(clean.out + clean.err).toBe('');
    expect(clean.code).toBe(0);
    const wrong = await sh('node', [tsc, '-p', join(project, 'tsconfig.wrong.json')], project);
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain("wrong.ts(4,14): error TS2322: Type 'Promise<VariantReport>' is not assignable to type 'number'.");
  });
});
