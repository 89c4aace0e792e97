import { catalog } from '../../models/catalog.ts';
import { UsageError } from '../core/errors.ts';
import { engines } from '../explore/engines.ts';
import { parseArgs } from './args.ts';
import { runCheck } from './check.ts';
import { processIO, type CliIO } from './io.ts';
import { runLin } from './lin.ts';
import { runList } from './list.ts';
import { runReplay } from './replay.ts';

/** Exit code for a fault in faultline itself (never for bad input: that is 2). */
export const INTERNAL_ERROR = 3;

const HELP = `faultline: model checker for distributed-system designs

usage:
  faultline list [--json]                      models, variants, parameters, expectations
  faultline check <model>[/<variant>]... [options]
  faultline check --all [options]              every variant of every model, default parameters
  faultline replay <file> [--json]             re-run a saved counterexample file
  faultline lin <file or folder>... [--expect] [--json] [--timeout-ms N] [--max-steps N]
                                               judge linearizability-history/v1 files

check options:
  --param name=value    set a model parameter (repeatable)
  --engine NAME         ${engines.map((e) => e.name).join(' | ')} (default bfs)
  --max-depth N         do not expand states at depth N (initial states are depth 1)
  --max-states N        stop after N distinct states
  --timeout DURATION    stop after a time (30s, 1500ms, 2m)
  --max-memory MB       stop when resident memory passes MB
  --property NAME       check only this property (repeatable)
  --exhaustive          keep exploring after every property has a counterexample
  --seed N              seed of random and fast-check (default: a fresh one, printed)
  --runs N              runs of random (default 1000) and fast-check (default 5000)
  --max-steps N         longest run of random and fast-check (default 100)
  --shard K/N           this job's slice of the seed space: run i uses seed + i*N + (K-1)
  --save                write each violated property's counterexample to
                        counterexamples/<model>--<variant>--<property>.json
  --out PATH            with --save, the file to write (only when one counterexample is saved)
  --json                print one JSON document

replay: exit 0 reproduced, 1 no longer violates or diverges, 2 invalid file.

A search cut off by a bound reports "no violation found", never "holds".
exit codes: 0 every expectation met, 1 a surprise, 2 bad usage or input`;

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'list': {
        const args = parseArgs(rest, { json: 'boolean' }, 'list');
        if (args.positional.length > 0) throw new UsageError(`list: unexpected argument '${args.positional[0]}'`);
        return runList(catalog, args.flags.has('json'), io);
      }
      case 'check':
        return await runCheck(catalog, rest, io);
      case 'replay':
        return runReplay(catalog, rest, io);
      case 'lin':
        return await runLin(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      case undefined:
        io.err(HELP);
        return 2;
      default:
        throw new UsageError(`unknown command '${command}'; commands are: list, check, replay, lin, help`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`faultline: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`faultline: internal error: ${message} (set FAULTLINE_DEBUG=1 for the stack)`);
    if (process.env.FAULTLINE_DEBUG) io.err(String((error as Error).stack));
    return INTERNAL_ERROR;
  }
}
