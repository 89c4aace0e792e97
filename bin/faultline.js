#!/usr/bin/env node
// The faultline command. An installed package runs the compiled JavaScript in dist/. A development
// checkout (the TypeScript sources beside this file) runs the sources through tsx instead, so an
// edit never meets a stale build; `npm run build` is then only needed for packing.
import { existsSync } from 'node:fs';

// A reader that closes the pipe early (`| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/src/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
