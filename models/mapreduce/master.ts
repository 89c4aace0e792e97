import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import { replaceAt } from '../shared/lists.ts';
import type { JobMessage, MapReduceSetup, Phase, RunJob, Timeout } from './messages.ts';

/** One execution of a task on a worker, numbered per task. */
export interface Attempt {
  readonly worker: NodeId;
  readonly attempt: number;
}

/** A task in the master's table (the paper's idle / in-progress / completed). */
export interface Task {
  readonly status: 'idle' | 'in-progress' | 'completed';
  /** Executions handed out so far (the next one's number is this plus one). */
  readonly attempts: number;
  /** Executions that may still report back. */
  readonly running: readonly Attempt[];
  /** For a completed map task: the workers whose local disks hold its output. */
  readonly locations: readonly NodeId[];
}

/** The master: the task tables, the workers it knows to be up, and the job's client operation. */
export interface MasterState {
  readonly maps: readonly Task[];
  readonly reduces: readonly Task[];
  /** Workers up, as far as the master knows (a crash is reported at once; a restarted worker says Ready). */
  readonly up: readonly NodeId[];
  /** Each worker's life, by worker index: how many crashes the master has seen. */
  readonly epochs: readonly number[];
  /** Timeouts that fired (the lab's job count: without one, and without a crash, no map task runs twice). */
  readonly timeouts: number;
  /** The client's run-job operation, while it waits for the job. */
  readonly job: number | null;
  readonly done: boolean;
}

/** The master's knobs besides the design: how many tasks, whether timeouts are armed. */
export interface MasterOptions {
  readonly maps: number;
  readonly reduces: number;
  readonly timeouts: boolean;
  /** The worker nodes, and a node's name for traces. */
  readonly workers: readonly NodeId[];
  name(node: NodeId): string;
}

type Ctx = RoleContext<JobMessage, Record<string, never>, Timeout>;

const idleTask: Task = { status: 'idle', attempts: 0, running: [], locations: [] };
const tableOf = (state: MasterState, phase: Phase) => (phase === 'map' ? state.maps : state.reduces);
const withTable = (state: MasterState, phase: Phase, table: readonly Task[]): MasterState => (phase === 'map' ? { ...state, maps: table } : { ...state, reduces: table });

/** The master for one design. */
export function master(setup: MapReduceSetup, options: MasterOptions) {
  const busy = (state: MasterState, worker: NodeId) => [...state.maps, ...state.reduces].some((task) => task.running.some((run) => run.worker === worker));
  const reducesMayStart = (state: MasterState) =>
    setup.reduceStart === 'early' ? state.maps.every((task) => task.status !== 'idle') : state.maps.every((task) => task.status === 'completed');

  /** The next task for an idle worker: a waiting map task, then a waiting reduce task, then a backup execution. */
  const nextTask = (state: MasterState): { phase: Phase; task: number } | undefined => {
    const waiting = (phase: Phase) => tableOf(state, phase).findIndex((task) => task.status === 'idle');
    if (waiting('map') >= 0) return { phase: 'map', task: waiting('map') };
    if (reducesMayStart(state) && waiting('reduce') >= 0) return { phase: 'reduce', task: waiting('reduce') };
    if (!setup.backups) return undefined;
    // Near the end (nothing waits): a second execution of a task that has only one, so a straggler does not hold up the job.
    for (const phase of ['map', 'reduce'] as const) {
      const task = tableOf(state, phase).findIndex((t) => t.status === 'in-progress' && t.running.length === 1 && t.attempts === 1);
      if (task >= 0) return { phase, task };
    }
    return undefined;
  };

  const assign = (state: MasterState, worker: NodeId, phase: Phase, index: number, ctx: Ctx): MasterState => {
    const task = tableOf(state, phase)[index]!;
    const attempt = task.attempts + 1;
    const epoch = state.epochs[options.workers.indexOf(worker)]!;
    if (phase === 'map') ctx.send(worker, { type: 'AssignMap', map: index, attempt, epoch });
    else ctx.send(worker, { type: 'AssignReduce', reduce: index, attempt, epoch, sources: state.maps.map((map) => (map.status === 'completed' ? map.locations : [])) });
    if (options.timeouts) ctx.setTimer({ type: 'timeout', phase, task: index, attempt }, 1);
    const updated: Task = { ...task, status: 'in-progress', attempts: attempt, running: [...task.running, { worker, attempt }] };
    return withTable(state, phase, replaceAt(tableOf(state, phase), index, updated));
  };

  /** Hands a task to every idle worker that is up, while there are tasks. */
  const schedule = (state: MasterState, ctx: Ctx): MasterState => {
    if (state.job === null) return state;
    let after = state;
    for (const worker of after.up) {
      if (busy(after, worker)) continue;
      const next = nextTask(after);
      if (!next) break;
      after = assign(after, worker, next.phase, next.task, ctx);
    }
    return after;
  };

  /** Removes a finished attempt from its task; undefined when the master no longer waits for it. */
  const finish = (state: MasterState, phase: Phase, index: number, from: NodeId, attempt: number, ctx: Ctx): Task | undefined => {
    const task = tableOf(state, phase)[index]!;
    if (!task.running.some((run) => run.worker === from && run.attempt === attempt)) return undefined;
    ctx.cancelTimer({ type: 'timeout', phase, task: index, attempt });
    return { ...task, running: task.running.filter((run) => run.attempt !== attempt) };
  };

  /** Tells every worker running a reduce task where a map task's output now is. */
  const announce = (state: MasterState, map: number, ctx: Ctx) => {
    const reducers = state.reduces.flatMap((task) => task.running.map((run) => run.worker));
    for (const worker of new Set(reducers)) ctx.send(worker, { type: 'MapLocations', map, locations: state.maps[map]!.locations });
  };

  return defineRole<MasterState, JobMessage, RunJob, Record<string, never>, Timeout>({
    init: () => ({
      maps: Array.from({ length: options.maps }, () => idleTask),
      reduces: Array.from({ length: options.reduces }, () => idleTask),
      up: options.workers,
      epochs: options.workers.map(() => 0),
      timeouts: 0,
      job: null,
      done: false,
    }),
    onRequest: (state, request, ctx) => schedule({ ...state, job: request.op }, ctx),
    on: {
      MapDone(state, msg, from, ctx) {
        const task = finish(state, 'map', msg.map, from, msg.attempt, ctx);
        if (!task) return state;
        const first = task.status !== 'completed';
        // A second completion of a completed task: the paper ignores it; the 'every' design also uses its output.
        const use = first || (setup.completions === 'every' && !task.locations.includes(from));
        const updated: Task = use ? { ...task, status: 'completed', locations: first ? [from] : [...task.locations, from] } : task;
        const after = { ...state, maps: replaceAt(state.maps, msg.map, updated) };
        if (use) announce(after, msg.map, ctx);
        return schedule(after, ctx);
      },
      ReduceDone(state, msg, from, ctx) {
        const task = finish(state, 'reduce', msg.reduce, from, msg.attempt, ctx);
        if (!task) return state;
        const after = { ...state, reduces: replaceAt(state.reduces, msg.reduce, { ...task, status: 'completed' as const }) };
        if (after.job !== null && after.reduces.every((t) => t.status === 'completed')) {
          ctx.reply(after.job, {});
          return { ...after, job: null, done: true };
        }
        return schedule(after, ctx);
      },
      Ready: (state, _msg, from, ctx) => schedule({ ...state, up: [...state.up, from].sort((a, b) => a - b) }, ctx),
    },
    // The attempt has not reported in time: its worker may be paused or slow, so the task is handed out again (the attempt may still finish).
    onTimer(state, timer, ctx) {
      const task = tableOf(state, timer.phase)[timer.task]!;
      if (task.status !== 'in-progress' || !task.running.some((run) => run.attempt === timer.attempt)) return state;
      const after = withTable(state, timer.phase, replaceAt(tableOf(state, timer.phase), timer.task, { ...task, status: 'idle' }));
      return schedule({ ...after, timeouts: after.timeouts + 1 }, ctx);
    },
    // A perfect failure detector: the crashed worker's attempts are void and its disk unreachable.
    onPeerCrash(state, peer, ctx) {
      const index = options.workers.indexOf(peer);
      const after: MasterState = { ...state, up: state.up.filter((worker) => worker !== peer), epochs: replaceAt(state.epochs, index, state.epochs[index]! + 1) };
      if (setup.reexecute === 'none') return after;
      const jobLeft = state.reduces.some((task) => task.status !== 'completed');
      const reset = (phase: Phase) => (task: Task, at: number): Task => {
        for (const run of task.running) if (run.worker === peer) ctx.cancelTimer({ type: 'timeout', phase, task: at, attempt: run.attempt });
        const running = task.running.filter((run) => run.worker !== peer);
        if (task.status === 'in-progress' && running.length === 0) return { ...task, status: 'idle', running };
        if (phase === 'reduce' || task.status !== 'completed' || setup.reexecute !== 'all') return { ...task, running };
        // The output of a completed map task was on the crashed worker's disk: run it again while the job needs it.
        const locations = task.locations.filter((worker) => worker !== peer);
        return { ...task, running, locations, status: locations.length === 0 && jobLeft ? 'idle' : task.status };
      };
      return schedule({ ...after, maps: after.maps.map(reset('map')), reduces: after.reduces.map(reset('reduce')) }, ctx);
    },
    describe: (state) => {
      const show = (prefix: string) => (task: Task, index: number) => {
        const runs = task.running.map((run) => `#${run.attempt} on ${options.name(run.worker)}`).join(', ');
        const where = task.status === 'completed' && prefix === 'm' ? ` at ${task.locations.map(options.name).join('+')}` : '';
        return `${prefix}${index} ${task.status}${where}${runs ? ` (${runs})` : ''}`;
      };
      return [...state.maps.map(show('m')), ...state.reduces.map(show('r')), ...(state.done ? ['job done'] : [])].join(', ');
    },
  });
}
