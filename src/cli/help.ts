import { readFileSync } from 'node:fs';
import { engines } from '../explore/engines.ts';

/**
 * The CLI's help texts, one per command, and its version. `faultline help` prints the overview,
 * `faultline help COMMAND` and `faultline COMMAND --help` the command's own text.
 */

const CHECK = `usage:
  faultline check <model>[/<variant>]... [options]
  faultline check --all [options]              every variant of every model, default parameters

<model> is a catalog name or a model file, anywhere: path/model.ts[#export][/variant]
(a file's every exported definition, or the one named by #export).

options:
  --param name=value    set a model parameter (repeatable); with several models,
                        --param MODEL.name=value sets it for one model only
  --engine NAME         ${engines.map((e) => e.name).join(' | ')} (default bfs)
  --workers N           bfs on N worker threads (default 1): the same counts and shortest lengths
  --max-depth N         do not expand states at depth N (initial states are depth 1)
  --max-states N        stop after N distinct states
  --timeout DURATION    stop after a time (30s, 1500ms, 2m)
  --max-memory MB       stop when resident memory passes MB
  --property NAME       check only this property (repeatable)
  --exhaustive          keep exploring after every property has a counterexample
  --no-symmetry         explore without the models' declared symmetry (interchangeable
                        nodes): more states, the same verdicts and shortest lengths
  --sleep-sets          bfs with partial-order reduction by sleep sets over the steps a model
                        says commute: the same states, verdicts and shortest lengths, fewer
                        successors computed (on the catalog's models, more CPU: see README);
                        where a model does not allow them, the summary line says why
  --seed N              seed of random and fast-check (default: a fresh one, printed)
  --runs N              runs of random (default 1000) and fast-check (default 30000)
  --max-steps N         longest run of random and fast-check (default 100)
  --shard K/N           this job's slice of the seed space: run i uses seed + i*N + (K-1)
  --no-swarm            plain random walks: no run leaves a kind of action out (by default
                        each run but one in 16 leaves each kind out with a chance of 3/16:
                        swarm testing, see README; --swarm names the default)
  --strict              with a random engine, an expected violation not found fails
                        (by default it is reported as a miss, exit 0: a random search can
                        always miss; an unexpected violation always fails)
  --save                write each violated property's counterexample to
                        counterexamples/<model>--<variant>--<property>.json
  --out PATH            with --save, the file to write (only when one counterexample is saved)
  --json                print one JSON document
  --reporter junit      print a JUnit XML report (one testcase per variant and property)
  --html DIR            write an HTML picture of every counterexample found into DIR
  --mermaid             print every counterexample as a Mermaid sequence diagram

A search cut off by a bound reports "no violation found", never "holds".
When standard error is not a terminal, a long run prints a progress line there every 10 s
(states, states/s, queue, depth) and one at its end.
exit codes: 0 every expectation met, 1 a surprise, 2 bad usage or input, 3 internal error,
130/143 interrupted by SIGINT/SIGTERM (figures so far printed, findings saved), 141 stdout closed`;

const LIST = `usage:
  faultline list [<model>...] [--json]

Lists models (all of them, or the ones named: catalog names or model files), their parameters with defaults and ranges, their
variants and what each variant expects of each property.`;

const REPLAY = `usage:
  faultline replay <file> [--json] [--html OUT.html] [--mermaid]

Re-runs a saved counterexample file against the current model and says whether it still
reproduces. --html writes a self-contained picture of it (sequence diagram, state diff of the
selected step, operations on a timeline); --mermaid prints a Mermaid sequence diagram instead of
the text.
exit codes: 0 reproduced, 1 no longer violates or diverges, 2 invalid file`;

const LIN = `usage:
  faultline lin <file or folder>... [--expect] [--json] [--timeout-ms N] [--max-steps N] [--max-memory MB]

Judges linearizability-history/v1 files. A folder stands for every *.json below it (manifest.json
skipped). With --expect the exit code is 1 when a verdict differs from the file's expected one.
Each file gets at most 60 s (--timeout-ms) and the memory guard (--max-memory, default half the
machine's memory, at most 8 GiB); one that reaches either is unknown.`;

/** Each command's own help text. */
export const COMMAND_HELP: Readonly<Record<string, string>> = { list: LIST, check: CHECK, replay: REPLAY, lin: LIN };

/** The overview `faultline help` prints. */
export function overviewHelp(): string {
  return `faultline ${version()}: model checker for distributed-system designs

usage:
  faultline list [<model>...] [--json]         models, variants, parameters, expectations
  faultline check <model>[/<variant>]... [options]
                                               <model>: a catalog name or path/model.ts
  faultline check --all [options]              every variant of every model
  faultline replay <file> [--json] [--html OUT.html] [--mermaid]
                                               re-run a saved counterexample file
  faultline lin <file or folder>... [--expect] [--json]
                                               judge linearizability-history/v1 files
  faultline help [<command>]                   this text, or one command's options
  faultline --version

check options:
${CHECK.slice(CHECK.indexOf('options:\n') + 'options:\n'.length)}`;
}

/** The help for `faultline help COMMAND`, or undefined for an unknown command. */
export function helpFor(command: string | undefined): string | undefined {
  if (command === undefined) return overviewHelp();
  return Object.hasOwn(COMMAND_HELP, command) ? COMMAND_HELP[command] : undefined;
}

let cachedVersion: string | undefined;

/** The package's version, read from its package.json (two levels up from src/ and from dist/src/). */
export function version(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'faultline' && manifest.version) return (cachedVersion = manifest.version);
    } catch {
      // not this level
    }
  }
  return (cachedVersion = 'unknown');
}

/** Whether a command's arguments ask for its help (`--help` or `-h` before any `--`). */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
