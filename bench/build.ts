/**
 * The JavaScript the bench measures: the sources compiled by `tsc` (as `npm run build` does for
 * the package), not run through tsx. tsx compiles with esbuild's `keepNames`, which wraps every
 * function created at run time in a call that renames it; on the hot path of the system layer and
 * of the models (closures made per step) that cost 13-30% of the CPU, a cost no installed user
 * pays. Each checkout is compiled once per bench run, into a temporary folder beside nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles the checkout at `root` (its `tsconfig.build.json`, plus `extra` folders such as `bench`)
 * into a fresh folder and returns it: an ESM tree with `.js` files where the sources had `.ts`,
 * sharing the checkout's node_modules.
 */
export function compileCheckout(root: string, extra: readonly string[] = []): string {
  const out = mkdtempSync(join(tmpdir(), 'faultline-bench-build-'));
  const config = join(out, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, 'tsconfig.build.json'),
      compilerOptions: { rootDir: root, outDir: out, declaration: false, sourceMap: false, typeRoots: [join(root, 'node_modules', '@types')] },
      include: ['src', 'models', 'properties', ...extra].map((folder) => join(root, folder)),
    }),
  );
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(existsSync(tsc) ? tsc : 'tsc', ['-p', config], { encoding: 'utf8', cwd: root });
  if (run.status !== 0) throw new Error(`compiling ${root} for the bench failed:\n${run.stdout}${run.stderr}`);
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
  return out;
}
