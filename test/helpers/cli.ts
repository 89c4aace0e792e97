import { catalog } from '../../models/catalog.ts';
import { main } from '../../src/cli/main.ts';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), errIsTTY: false }, catalog);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
