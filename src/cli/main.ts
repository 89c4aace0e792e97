import { catalog } from '../../models/catalog.ts';
import { elide } from '../core/elide.ts';
import { UsageError } from '../core/errors.ts';
import { parseArgs } from './args.ts';
import { runCheck } from './check.ts';
import { asksForHelp, helpFor, version } from './help.ts';
import { processIO, type CliIO } from './io.ts';
import { runLin } from './lin.ts';
import { runList } from './list.ts';
import { runReplay } from './replay.ts';

/** Exit code for a fault in faultline itself (never for bad input: that is 2). */
export const INTERNAL_ERROR = 3;


/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
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
        return runList(catalog, args.flags.has('json'), io, args.positional);
      }
      case 'check':
        return await runCheck(catalog, rest, io);
      case 'replay':
        return runReplay(catalog, rest, io);
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
      io.err(`faultline: ${elide(error.message.split('\n')[0]!, 400)}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`faultline: internal error: ${message} (set FAULTLINE_DEBUG=1 for the stack)`);
    if (process.env.FAULTLINE_DEBUG) io.err(String((error as Error).stack));
    return INTERNAL_ERROR;
  }
}
