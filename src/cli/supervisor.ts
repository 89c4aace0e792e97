import { isatty } from 'node:tty';
import { Worker } from 'node:worker_threads';
import { interruptedExitCode, SharedInterrupt, type StopCause } from '../core/interrupt.ts';

/**
 * The process's first thread, while the CLI runs in a worker thread (`worker-entry.ts`). A search
 * is one long synchronous loop, during which its own thread cannot run a signal handler; this
 * thread can, and stops the search through shared memory:
 *
 * - SIGINT or SIGTERM: the search stops at its next budget check, the CLI prints the figures so
 *   far (verdict `unknown`, stop reason `interrupted`, a whole JSON document under `--json`),
 *   saves what it found, and the process exits 130 or 143. A second signal exits at once.
 * - A reader that closed standard output (`check --all | head -1`): the worker sees EPIPE on its
 *   next line and stops the search the same way; nothing more is printed, and the process exits
 *   141 (128 + SIGPIPE) without a message.
 */
export async function supervise(argv: readonly string[], catalogUrl?: string): Promise<number> {
  const interrupt = new SharedInterrupt();
  const onSignal = (cause: StopCause) => {
    // The first signal asks the search to stop; a second one means "now".
    if (!interrupt.request(cause)) process.exit(interruptedExitCode(interrupt.cause ?? cause));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const worker = new Worker(BOOT, {
    eval: true,
    workerData: {
      // From the sources, the worker loads TypeScript through tsx as this thread did; from dist/, JavaScript.
      tsx: fromSources ? import.meta.resolve('tsx/esm/api') : null,
      entry: new URL(fromSources ? './worker-entry.ts' : './worker-entry.js', import.meta.url).href,
      argv: [...argv],
      // The module whose `catalog` export lists the models known by name (given by bin/faultline.js).
      catalog: catalogUrl ?? null,
      cells: interrupt.cells,
      errIsTTY: isatty(2),
    },
  });
  const code = await new Promise<number>((resolve) => {
    let reported: number | undefined;
    worker.on('message', (message: { code: number }) => (reported = message.code));
    worker.on('error', (error) => {
      process.stderr.write(`faultline: internal error: ${error.message.split('\n')[0]} (set FAULTLINE_DEBUG=1 for the stack)\n`);
      if (process.env.FAULTLINE_DEBUG) process.stderr.write(`${error.stack}\n`);
      reported = 3;
    });
    worker.on('exit', () => resolve(reported ?? 3));
  });
  const cause = interrupt.cause;
  return cause === undefined ? code : interruptedExitCode(cause);
}

/** Whether this module runs from the TypeScript sources (not the build in dist/). */
const fromSources = import.meta.url.endsWith('.ts');

/** The worker's first script (CommonJS, as `eval` workers are): loads tsx when needed, then the CLI. */
const BOOT = `
const { workerData } = require('node:worker_threads');
const ready = workerData.tsx ? import(workerData.tsx).then(({ register }) => register()) : Promise.resolve();
ready.then(() => import(workerData.entry));
`;
