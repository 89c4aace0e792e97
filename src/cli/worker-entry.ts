import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SharedInterrupt } from '../core/interrupt.ts';
import type { ModelDefinition } from '../core/model.ts';
import type { CliIO } from './io.ts';
import { main } from './main.ts';
import { rememberCatalogModule } from './model-recipe.ts';

/**
 * The CLI in its worker thread (see `supervisor.ts`). It writes straight to file descriptors 1
 * and 2: a worker's own `process.stdout` hands lines to the first thread only when the worker is
 * idle, so a long search would show nothing, and a closed stdout would go unnoticed.
 */
const data = workerData as { argv: string[]; cells: Int32Array; errIsTTY: boolean; catalog: string | null };
const interrupt = new SharedInterrupt(data.cells);
let stdoutOpen = true;

/** Writes all of `text`; a closed stdout (EPIPE) stops the search and silences the rest. */
function write(fd: 1 | 2, text: string): void {
  if (fd === 1 && !stdoutOpen) return;
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe that is full: try again
      if (code === 'EPIPE' && fd === 1) {
        stdoutOpen = false;
        interrupt.request('SIGPIPE');
        return;
      }
      if (code === 'EPIPE') return;
      throw error;
    }
  }
}

const io: CliIO = {
  out: (line) => write(1, line + '\n'),
  err: (line) => write(2, line + '\n'),
  errIsTTY: data.errIsTTY,
  ...(data.errIsTTY ? { status: (line: string) => write(2, '\r\x1b[2K' + line) } : {}),
  interrupt,
};
const catalog = data.catalog ? ((await import(data.catalog)) as { catalog: readonly ModelDefinition[] }).catalog : [];
if (data.catalog) rememberCatalogModule(data.catalog);
const code = await main(data.argv, io, catalog);
parentPort!.postMessage({ code });
