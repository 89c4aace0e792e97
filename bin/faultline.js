#!/usr/bin/env node
// The faultline command. An installed package runs the compiled JavaScript in dist/. A development
// checkout (the TypeScript sources beside this file) runs the sources through tsx instead, so an
// edit never meets a stale build; `npm run build` is then only needed for packing.
// The CLI itself runs in a worker thread; this one watches for signals (src/cli/supervisor.ts).
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/supervisor.ts', import.meta.url);
let supervise;
let catalog;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ supervise } = await import(sources.href));
  catalog = new URL('../models/catalog.ts', import.meta.url).href;
} else {
  ({ supervise } = await import('../dist/src/cli/supervisor.js'));
  catalog = new URL('../dist/models/catalog.js', import.meta.url).href;
}
// The CLI is given the shipped models (src/ does not import models/).
process.exitCode = await supervise(process.argv.slice(2), catalog);
