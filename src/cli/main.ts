import { elide } from '../core/elide.ts';
import { UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';
import { readCounterexampleFile } from '../trace/counterexample-file.ts';
import { parseArgs } from './args.ts';
import { runCheck } from './check.ts';
import { asksForHelp, helpFor, version } from './help.ts';
import { processIO, type CliIO } from './io.ts';
import { runLin } from './lin.ts';
import { runList } from './list.ts';
import { loadRecordedModel, withModelFiles } from './load-model.ts';
import { runReplay } from './replay.ts';

/** Exit code for a fault in faultline itself (never for bad input: that is 2). */
export const INTERNAL_ERROR = 3;

/**
 * Runs the CLI with the given arguments and returns the exit code. `catalog` is the models known
 * by name (bin/faultline.js gives the shipped ones); model files named on the command line are
 * loaded on top of it.
 */
export async function main(argv: readonly string[], io: CliIO = processIO, catalog: readonly ModelDefinition[] = []): Promise<number> {
  try {
    const [command, ...rest] = argv;
    // `COMMAND --help` is the same as `help COMMAND`.
    const help = command === 'help' ? rest[0] : command !== undefined && helpFor(command) && asksForHelp(rest) ? command : null;
    if (help !== null) {
      const text = helpFor(help);
      if (text === undefined) throw new UsageError(`help: unknown command '${help}'; commands are: list, check, replay, lin, help`);
      io.out(text);
      return 0;
    }
    switch (command) {
      case 'list': {
        const args = parseArgs(rest, { json: 'boolean' }, 'list');
        const named = await withModelFiles(catalog, args.positional);
        return runList(named.catalog, args.flags.has('json'), io, named.names);
      }
      case 'check':
        return await runCheck(catalog, rest, io);
      case 'replay':
        return runReplay(await withRecordedModel(catalog, rest), rest, io);
      case 'lin':
        return await runLin(rest, io);
      case '--help':
      case '-h':
        io.out(helpFor(undefined)!);
        return 0;
      case '--version':
      case '-V':
      case 'version':
        io.out(`faultline ${version()}`);
        return 0;
      case undefined:
        io.err(helpFor(undefined)!);
        return 2;
      default:
        throw new UsageError(`unknown command '${command}'; commands are: list, check, replay, lin, help, --version`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`faultline: ${elide(error.message.split('\n')[0]!, 800)}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`faultline: internal error: ${message} (set FAULTLINE_DEBUG=1 for the stack)`);
    if (process.env.FAULTLINE_DEBUG) io.err(String((error as Error).stack));
    return INTERNAL_ERROR;
  }
}

/** The catalog, with the model a counterexample file records as its source (a model file) in front. */
async function withRecordedModel(catalog: readonly ModelDefinition[], argv: readonly string[]): Promise<readonly ModelDefinition[]> {
  const path = argv.find((a) => !a.startsWith('-'));
  if (path === undefined) return catalog;
  const file = readCounterexampleFile(path);
  if (!file.modelFile) return catalog;
  return [await loadRecordedModel(path, file.modelFile, file.model), ...catalog];
}
