import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { JobMessage, MapReduceSetup } from './messages.ts';
import { APPLICATIONS, partitionPairs, reduceAll, SPLITS, type Pair } from './applications.ts';

/** The intermediate files of one map execution on this worker's local disk: the pairs for each reduce task. */
export interface MapOutput {
  readonly map: number;
  readonly partitions: readonly (readonly Pair[])[];
}

/** A reduce task this worker runs: fetching its inputs, then writing its output. */
export interface ReduceRun {
  readonly reduce: number;
  readonly attempt: number;
  readonly phase: 'fetching' | 'writing';
  /** Per map task, the workers holding its output, as the master last said. */
  readonly sources: readonly (readonly NodeId[])[];
  /** The intermediate files fetched so far, by map task and the worker they came from. */
  readonly fetched: readonly { readonly map: number; readonly from: NodeId; readonly pairs: readonly Pair[] }[];
}

/** A worker: its life (on disk), its intermediate files (lost with it when it crashes), and the reduce task it runs. */
export interface WorkerState {
  readonly epoch: number;
  readonly intermediate: readonly MapOutput[];
  readonly reducing: ReduceRun | null;
}

type Ctx = RoleContext<JobMessage, never, never>;

/** A worker for one design and job size. */
export function worker(setup: MapReduceSetup, reduces: number, masterNode: NodeId, fileSystem: NodeId) {
  const application = APPLICATIONS[setup.application];

  /** Fetches what is missing of map task `map` from the workers that hold it. */
  const fetch = (run: ReduceRun, map: number, ctx: Ctx) => {
    for (const from of run.sources[map]!) if (!run.fetched.some((f) => f.map === map && f.from === from)) ctx.send(from, { type: 'Fetch', map, reduce: run.reduce });
  };

  /** Once every source is fetched: reduce, and write the output (atomically or in place). */
  const maybeWrite = (state: WorkerState, run: ReduceRun, ctx: Ctx): WorkerState => {
    const complete = run.sources.every((sources, map) => sources.every((from) => run.fetched.some((f) => f.map === map && f.from === from)));
    if (!complete) return { ...state, reducing: run };
    const lines = reduceAll(application, run.fetched.flatMap((f) => f.pairs));
    ctx.send(fileSystem, { type: setup.output === 'rename' ? 'Rename' : 'Append', reduce: run.reduce, lines });
    if (setup.reportDone === 'when-written') return { ...state, reducing: { ...run, phase: 'writing' } };
    ctx.send(masterNode, { type: 'ReduceDone', reduce: run.reduce, attempt: run.attempt });
    return { ...state, reducing: null };
  };

  return defineRole<WorkerState, JobMessage, never, never, never>({
    init: () => ({ epoch: 0, intermediate: [], reducing: null }),
    durable: ['epoch'],
    on: {
      AssignMap(state, msg, _from, ctx) {
        if (msg.epoch !== state.epoch) return state;
        const partitions = partitionPairs(application.map(SPLITS[msg.map]!, msg.map, msg.attempt), reduces);
        ctx.send(masterNode, { type: 'MapDone', map: msg.map, attempt: msg.attempt });
        return { ...state, intermediate: [...state.intermediate.filter((output) => output.map !== msg.map), { map: msg.map, partitions }].sort((a, b) => a.map - b.map) };
      },
      AssignReduce(state, msg, _from, ctx) {
        if (msg.epoch !== state.epoch) return state;
        const run: ReduceRun = { reduce: msg.reduce, attempt: msg.attempt, phase: 'fetching', sources: msg.sources, fetched: [] };
        run.sources.forEach((_sources, map) => fetch(run, map, ctx));
        return maybeWrite(state, run, ctx);
      },
      MapLocations(state, msg, _from, ctx) {
        const run = state.reducing;
        if (run?.phase !== 'fetching') return state;
        const updated = { ...run, sources: run.sources.map((sources, map) => (map === msg.map ? msg.locations : sources)) };
        fetch(updated, msg.map, ctx);
        return maybeWrite(state, updated, ctx);
      },
      // A file this worker does not have (it restarted since, or never ran the task) gets no answer: the master will say where it is now.
      Fetch(state, msg, from, ctx) {
        const output = state.intermediate.find((o) => o.map === msg.map);
        if (output) ctx.send(from, { type: 'Partition', map: msg.map, reduce: msg.reduce, pairs: output.partitions[msg.reduce]! });
        return state;
      },
      Partition(state, msg, from, ctx) {
        const run = state.reducing;
        if (run?.phase !== 'fetching' || run.reduce !== msg.reduce || !run.sources[msg.map]!.includes(from)) return state;
        if (run.fetched.some((f) => f.map === msg.map && f.from === from)) return state;
        return maybeWrite(state, { ...run, fetched: [...run.fetched, { map: msg.map, from, pairs: msg.pairs }] }, ctx);
      },
      Written(state, msg, _from, ctx) {
        const run = state.reducing;
        if (run?.phase !== 'writing' || run.reduce !== msg.reduce) return state;
        ctx.send(masterNode, { type: 'ReduceDone', reduce: run.reduce, attempt: run.attempt });
        return { ...state, reducing: null };
      },
    },
    onRestart(state, ctx) {
      ctx.send(masterNode, { type: 'Ready' });
      return { ...state, epoch: state.epoch + 1 };
    },
    describe: (state) => {
      const files = state.intermediate.map((output) => `m${output.map}: ${output.partitions.map((pairs, reduce) => `r${reduce}=[${pairs.join(', ')}]`).join(' ')}`);
      const run = state.reducing;
      const reducing = run ? [`reducing r${run.reduce} #${run.attempt} (${run.phase}, ${run.fetched.length} fetched)`] : [];
      return [...files, ...reducing].join('; ') || 'idle';
    },
  });
}
