/**
 * MapReduce (Dean and Ghemawat, OSDI 2004): a master hands map and reduce tasks to workers.
 * A map task reads its input split and writes one intermediate file per reduce task on the
 * worker's local disk; a reduce task fetches its file from every map task's worker, reduces,
 * and writes its output file on the shared file system.
 */
import type { NodeId } from '../../src/system/index.ts';
import type { ApplicationName, Pair } from './applications.ts';

/** Which phase a task belongs to. */
export type Phase = 'map' | 'reduce';

/** The messages between the master, the workers and the file system: one handler each. */
export type JobMessage =
  /** Run map task `map`; `epoch` is the worker life it is meant for (a restarted worker ignores older ones). */
  | { readonly type: 'AssignMap'; readonly map: number; readonly attempt: number; readonly epoch: number }
  /** Run reduce task `reduce`; `sources[m]`: the workers holding map task m's output. */
  | { readonly type: 'AssignReduce'; readonly reduce: number; readonly attempt: number; readonly epoch: number; readonly sources: readonly (readonly NodeId[])[] }
  /** Map task `map`'s output is now at `locations` (sent to the workers running reduce tasks). */
  | { readonly type: 'MapLocations'; readonly map: number; readonly locations: readonly NodeId[] }
  | { readonly type: 'MapDone'; readonly map: number; readonly attempt: number }
  | { readonly type: 'ReduceDone'; readonly reduce: number; readonly attempt: number }
  /** A restarted worker is back. */
  | { readonly type: 'Ready' }
  /** A reducer asks a map worker for its intermediate file of `reduce`. */
  | { readonly type: 'Fetch'; readonly map: number; readonly reduce: number }
  /** The intermediate file: the pairs map task `map` emitted for `reduce`. */
  | { readonly type: 'Partition'; readonly map: number; readonly reduce: number; readonly pairs: readonly Pair[] }
  /** Atomic commit: the reducer's temporary file (its `lines`) renamed to the final name. */
  | { readonly type: 'Rename'; readonly reduce: number; readonly lines: readonly string[] }
  /** Written in place: the lines appended to the final file. */
  | { readonly type: 'Append'; readonly reduce: number; readonly lines: readonly string[] }
  | { readonly type: 'Written'; readonly reduce: number };

/** The master's timer: an attempt that has not reported back in time (its worker may be slow or paused). */
export interface Timeout {
  readonly type: 'timeout';
  readonly phase: Phase;
  readonly task: number;
  readonly attempt: number;
}

/** The client's one operation: run the job; the answer means "done". */
export interface RunJob {
  readonly f: 'run';
}

/** The design choices of a variant. */
export interface MapReduceSetup {
  /** Which completions of a map task the master uses: the first (later ones ignored), or every one. */
  readonly completions: 'first' | 'every';
  /** How a reduce task's output reaches its final name: a temporary file renamed atomically, or written in place. */
  readonly output: 'rename' | 'append';
  /** When reduce tasks start: once every map task has completed, or once every map task has been handed out. */
  readonly reduceStart: 'after-maps' | 'early';
  /** What the master runs again when a worker crashes: its in-progress and completed map tasks, only in-progress ones, or nothing. */
  readonly reexecute: 'all' | 'in-progress' | 'none';
  /** When a reducer reports its task done: once the file system has its output, or as soon as it has sent it. */
  readonly reportDone: 'when-written' | 'when-sent';
  /** Backup executions of in-progress tasks once no task is waiting (for stragglers). */
  readonly backups: boolean;
  /** The job: word count, word count over a sample (a map whose draw differs from one execution to the next), or an inverted index. */
  readonly application: ApplicationName;
}
