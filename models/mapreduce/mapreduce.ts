import { defineModel, type Expectations, type Mutation, type Property } from '../../src/core/model.ts';
import { crash, defineSystem, drop, type FaultKind, type SystemState } from '../../src/system/index.ts';
import { matchesSequentialRun } from '../../properties/computation/index.ts';
import { fileSystem, type FileSystemState } from './file-system.ts';
import { master, type MasterState } from './master.ts';
import type { JobMessage, MapReduceSetup, Timeout } from './messages.ts';
import { APPLICATIONS, SPLITS, sequentialRuns } from './applications.ts';
import { worker, type WorkerState } from './worker.ts';

/** The size of the job and the faults: M map tasks, R reduce tasks, workers, crashes, timeouts, lost messages. */
export interface JobBounds {
  readonly maps: number;
  readonly reduces: number;
  readonly workers: number;
  readonly crashes: number;
  readonly timeouts: number;
  readonly drops: number;
}

type NodeState = MasterState | WorkerState | FileSystemState;
type State = SystemState<NodeState, JobMessage, Record<string, never>, Timeout>;

/** The witnesses a job of these bounds can show, besides its safety properties. */
function witnessNames(bounds: JobBounds): string[] {
  return [
    'job-done',
    ...(bounds.crashes > 0 ? ['done-after-a-crash'] : []),
    ...(bounds.timeouts > 0 ? ['done-after-a-timeout'] : []),
    ...(bounds.drops > 0 ? ['done-after-a-loss'] : []),
    ...(bounds.maps >= 2 && bounds.workers >= 2 ? ['maps-in-parallel'] : []),
    ...(bounds.reduces >= 2 && bounds.workers >= 2 ? ['reduces-in-parallel'] : []),
  ];
}

/**
 * Word count as MapReduce: master `m`, workers `w1`.., file system `fs`; a client runs the job at
 * the master. Workers may crash (their intermediate files go with them) and restart; the
 * master's timeouts (one round per unit of `timeouts`) may fire before a slow attempt reports.
 */
export function mapReduceSystem(setup: MapReduceSetup, bounds: JobBounds) {
  const workers = Array.from({ length: bounds.workers }, (_, index) => index + 1);
  const fs = bounds.workers + 1;
  const names = ['m', ...workers.map((id) => `w${id}`), 'fs'];
  const kinds: FaultKind[] = [...(bounds.crashes > 0 ? [crash({ nodes: workers })] : []), ...(bounds.drops > 0 ? [drop()] : [])];
  const budget = bounds.crashes + bounds.drops;
  const unfinished = (state: MasterState) =>
    [...state.maps.map((task, index) => [`m${index}`, task] as const), ...state.reduces.map((task, index) => [`r${index}`, task] as const)]
      .filter(([, task]) => task.status !== 'completed')
      .map(([name, task]) => `${name} (${task.status})`)
      .join(', ');
  return defineSystem({
    roles: {
      master: master(setup, { maps: bounds.maps, reduces: bounds.reduces, timeouts: bounds.timeouts > 0, workers, name: (node) => names[node]! }),
      worker: worker(setup, bounds.reduces, 0, fs),
      fs: fileSystem(bounds.reduces),
    },
    nodes: names.map((name, id) => ({ role: id === 0 ? ('master' as const) : id === fs ? ('fs' as const) : ('worker' as const), name })),
    network: 'fifo',
    workload: [[{ node: 'm', input: { f: 'run' as const } }]],
    faults: { budget, kinds },
    ...(bounds.timeouts > 0 ? { clock: { horizon: bounds.timeouts, forTimersOnly: true } } : {}),
    properties: () => {
      const masterOf = (s: State) => s.nodes[0] as MasterState;
      const files = (s: State) => (s.nodes[fs] as FileSystemState).files;
      const done = (s: State) => masterOf(s).done;
      const crashed = (s: State) => masterOf(s).epochs.some((epoch) => epoch > 0);
      const witness = (name: string, description: string, check: (s: State) => boolean): Property<State> => ({ name, kind: 'sometimes', description, check });
      const running = (s: State, phase: 'maps' | 'reduces') => new Set(masterOf(s)[phase].flatMap((task) => task.running.map((run) => run.worker))).size;
      const all: Record<string, Property<State>> = {
        'job-done': witness('job-done', 'witness: the job is reported done', done),
        'done-after-a-crash': witness('done-after-a-crash', 'witness: the job completes after a worker crashed', (s) => done(s) && crashed(s)),
        'done-after-a-timeout': witness('done-after-a-timeout', 'witness: the job completes after a timeout re-ran a task', (s) => done(s) && masterOf(s).timeouts > 0),
        'done-after-a-loss': witness('done-after-a-loss', 'witness: the job completes after a message was lost', (s) => done(s) && s.budget < budget && !crashed(s)),
        'maps-in-parallel': witness('maps-in-parallel', 'witness: map tasks run on 2 workers at once', (s) => running(s, 'maps') >= 2),
        'reduces-in-parallel': witness('reduces-in-parallel', 'witness: 2 workers reduce at once', (s) => workers.filter((w) => (s.nodes[w] as WorkerState).reducing !== null).length >= 2),
      };
      return [
        matchesSequentialRun<State>({
          description: `the committed output is that of a sequential run of the ${setup.application}`,
          committed: files,
          runs: sequentialRuns(APPLICATIONS[setup.application], bounds.maps, bounds.reduces),
          fileName: (index) => `mr-out-${index}`,
        }),
        {
          name: 'no-early-exit',
          kind: 'always',
          description: 'the job is reported done only once every output file is committed',
          check: (s: State) => !done(s) || files(s).every((file) => file !== null) || `the job is reported done, but ${files(s).flatMap((file, index) => (file === null ? [`mr-out-${index}`] : [])).join(', ')} is not written`,
        },
        {
          name: 'job-completes',
          kind: 'eventually',
          description: 'every run that can go no further has the job done',
          check: (s: State) => done(s) || `stuck with ${unfinished(masterOf(s))} unfinished`,
        },
        {
          name: 'each-map-once-without-faults',
          kind: 'always',
          description: 'with no crash and no timeout, no map task is handed out twice',
          check: (s: State) => s.budget < budget || masterOf(s).timeouts > 0 || masterOf(s).maps.every((task) => task.attempts <= 1) || 'a map task was handed out twice with no crash and no timeout',
        },
        ...witnessNames(bounds).map((name) => all[name]!),
      ];
    },
    describeMessage: (msg) => {
      const where = (nodes: readonly number[]) => (nodes.length === 0 ? 'none' : nodes.map((node) => names[node]!).join('+'));
      if (msg.type === 'AssignReduce') return `AssignReduce(r${msg.reduce} #${msg.attempt}, epoch ${msg.epoch}, sources ${msg.sources.map((nodes, map) => `m${map} at ${where(nodes)}`).join(', ')})`;
      if (msg.type === 'MapLocations') return `MapLocations(m${msg.map} at ${where(msg.locations)})`;
      if (msg.type === 'AssignMap') return `AssignMap(m${msg.map} #${msg.attempt}, epoch ${msg.epoch})`;
      if (msg.type === 'MapDone') return `MapDone(m${msg.map} #${msg.attempt})`;
      if (msg.type === 'ReduceDone') return `ReduceDone(r${msg.reduce} #${msg.attempt})`;
      if (msg.type === 'Fetch') return `Fetch(m${msg.map}, r${msg.reduce})`;
      if (msg.type === 'Partition') return `Partition(m${msg.map}, r${msg.reduce}: ${msg.pairs.join(', ') || 'nothing'})`;
      if (msg.type === 'Rename' || msg.type === 'Append') return `${msg.type}(mr-out-${msg.reduce}: ${msg.lines.join(', ') || 'nothing'})`;
      return msg.type === 'Written' ? `Written(mr-out-${msg.reduce})` : msg.type;
    },
    describeInput: () => 'run the job',
    describeOutput: () => 'done',
    describeTimer: (timer) => `timeout(${timer.phase === 'map' ? 'm' : 'r'}${timer.task} #${timer.attempt})`,
  });
}

/** A variant's design: the correct one with some choices changed. */
const design = (changes: Partial<MapReduceSetup> = {}): MapReduceSetup => ({ ...CORRECT, ...changes });
const CORRECT: MapReduceSetup = { completions: 'first', output: 'rename', reduceStart: 'after-maps', reexecute: 'all', reportDone: 'when-written', backups: false, application: 'word-count' };

/**
 * Expectations: the safety verdicts given, every witness the bounds allow holds. With message
 * loss the job may not complete: the master's timeouts are bounded (`timeouts` rounds), and a
 * message lost after the last round is never recovered, so `job-completes` is violated there.
 */
const expecting = (verdicts: Expectations) => (params: JobBounds): Expectations => ({
  'sequential-output': 'holds',
  'no-early-exit': 'holds',
  'job-completes': params.drops > 0 ? 'violated' : 'holds',
  'each-map-once-without-faults': 'holds',
  ...Object.fromEntries(witnessNames(params).map((name) => [name, 'holds'])),
  ...verdicts,
});

/** The mistakes a correct coordinator's check must catch (its sensitivity list). */
const MISTAKES = {
  'duplicate-completions-used': { description: 'a second completion of a map task is used as well', setup: { completions: 'every' } },
  'rename-as-copy': { description: 'the output is appended to the final file instead of renamed onto it', setup: { output: 'append' } },
  'reduce-before-maps-finish': { description: 'reduce tasks start once every map task is handed out, not finished', setup: { reduceStart: 'early' } },
  'completed-maps-not-rerun': { description: "a crashed worker's completed map tasks are not re-executed (their output died with it)", setup: { reexecute: 'in-progress' } },
  'no-reexecution': { description: "the master does not re-execute a crashed worker's tasks", setup: { reexecute: 'none' } },
  'done-before-written': { description: 'a reducer reports its task done as it sends its output, before the file system has it', setup: { reportDone: 'when-sent' } },
} as const satisfies Record<string, Mutation<MapReduceSetup>>;

/** The catalog entry. */
export const mapReduceModel = defineModel({
  name: 'mapreduce',
  description: 'word count as MapReduce: a master re-executing the tasks of crashed and timed-out workers, with atomic output commits',
  params: {
    maps: { type: 'int', default: 1, min: 1, max: SPLITS.length, description: 'map tasks (input splits)' },
    reduces: { type: 'int', default: 1, min: 1, max: 2, description: 'reduce tasks (output files)' },
    workers: { type: 'int', default: 2, min: 1, max: 3, description: 'workers' },
    crashes: { type: 'int', default: 1, min: 0, max: 2, description: 'worker crashes (each may restart)' },
    timeouts: { type: 'int', default: 1, min: 0, max: 2, description: "rounds of the master's timeouts (a slow or paused worker's task handed out again)" },
    drops: { type: 'int', default: 0, min: 0, max: 1, description: 'lost messages' },
  },
  variants: {
    correct: {
      description: 'the master re-executes the tasks of crashed and timed-out workers, ignores duplicate completions; reduce output is renamed into place atomically',
      setup: CORRECT,
      expect: expecting({}),
      mutations: MISTAKES,
    },
    indexer: {
      description: "as correct, running an inverted index (the lab's indexer): each word's sorted documents",
      params: { maps: 2, timeouts: 0 },
      setup: design({ application: 'indexer' }),
      expect: expecting({}),
      // A duplicate completion is no mistake here: the index keeps each document once.
      mutations: { 'reduce-before-maps-finish': MISTAKES['reduce-before-maps-finish'], 'completed-maps-not-rerun': MISTAKES['completed-maps-not-rerun'] },
    },
    'backup-tasks': {
      description: 'as correct, and an idle worker runs a backup execution of an in-progress task once nothing waits (stragglers)',
      params: { crashes: 0 },
      setup: design({ backups: true }),
      // A backup is a second execution on purpose: the lab's job count does not apply.
      expect: expecting({ 'each-map-once-without-faults': 'violated' }),
      mutations: {
        'backup-completion-used': { description: "the backup's completion is used as well as the original's", setup: { completions: 'every' } },
      },
    },
    'duplicate-completion': {
      description: "the master uses a re-executed map task's second completion as well as its first",
      params: { crashes: 0 },
      setup: design({ completions: 'every' }),
      expect: expecting({ 'sequential-output': 'violated' }),
    },
    'in-place-output': {
      description: 'a reduce task writes its output under the final name directly (appending), not to a temporary file renamed',
      params: { timeouts: 0 },
      setup: design({ output: 'append' }),
      expect: expecting({ 'sequential-output': 'violated' }),
    },
    'early-reduce': {
      description: 'reduce tasks start once every map task is handed out, before they all finish',
      params: { maps: 2, crashes: 0, timeouts: 0 },
      setup: design({ reduceStart: 'early' }),
      expect: expecting({ 'sequential-output': 'violated' }),
    },
    'sampling-map': {
      description: 'a nondeterministic map function (it samples a word) re-executed after a crash: reducers may read different executions',
      params: { reduces: 2, timeouts: 0 },
      setup: design({ application: 'sampling-word-count' }),
      expect: expecting({ 'sequential-output': 'violated' }),
    },
  },
  build: (variant, params) => mapReduceSystem(variant.setup, params),
});
