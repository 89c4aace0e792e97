#!/usr/bin/env node
// The faultline command. It runs the compiled JavaScript in dist/ when that build is newer than
// every TypeScript source (an installed package has no sources; a checkout after `npm run build`,
// as `npm ci` and CI do). Otherwise a development checkout runs its sources through tsx, so an
// edit never meets a stale build. Compiled code runs about twice as fast: tsx keeps function names
// by wrapping every function created at run time.
// The CLI itself runs in a worker thread; this one watches for signals (src/cli/supervisor.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const sources = new URL('src/cli/supervisor.ts', root);
const built = new URL('dist/src/cli/supervisor.js', root);

/** The newest modification time of the TypeScript the build compiles (tsconfig.build.json's include). */
function newestSource() {
  let newest = 0;
  for (const folder of ['src', 'models', 'properties']) {
    const dir = fileURLToPath(new URL(folder, root));
    for (const name of readdirSync(dir, { recursive: true })) {
      if (name.endsWith('.ts')) newest = Math.max(newest, statSync(`${dir}/${name}`).mtimeMs);
    }
  }
  return newest;
}

const fromSources = existsSync(sources) && (!existsSync(built) || statSync(built).mtimeMs <= newestSource());
let supervise;
let catalog;
if (fromSources) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ supervise } = await import(sources.href));
  catalog = new URL('models/catalog.ts', root).href;
} else {
  ({ supervise } = await import(built.href));
  catalog = new URL('dist/models/catalog.js', root).href;
}
// The CLI is given the shipped models (src/ does not import models/).
process.exitCode = await supervise(process.argv.slice(2), catalog);
