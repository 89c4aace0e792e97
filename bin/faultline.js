#!/usr/bin/env node
// The faultline command. An installed package runs the compiled JavaScript in dist/. A development
// checkout (the TypeScript sources beside this file) runs the sources through tsx instead, so an
// edit never meets a stale build; `npm run build` is then only needed for packing.
// The CLI itself runs in a worker thread; this one watches for signals (src/cli/supervisor.ts).
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/supervisor.ts', import.meta.url);
let supervise;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ supervise } = await import(sources.href));
} else {
  ({ supervise } = await import('../dist/src/cli/supervisor.js'));
}
process.exitCode = await supervise(process.argv.slice(2));
