import { Worker } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { ModelContractError, UsageError } from '../core/errors.ts';
import { selectProperties } from '../core/judge.ts';
import type { Model, Property } from '../core/model.ts';
import type { ExplorationResult, StopReason } from '../core/result.ts';
import type { ActionPath } from '../core/trace.ts';
import { collisionProbability, hasExactKeys } from './bfs.ts';
import { Budget } from './budget.ts';
import type { ExploreOptions } from './engine.ts';
import { NO_PARENT } from './parent-links.ts';
import type { Finding, FromWorker, Handover, LevelReport, ModelRecipe, ToWorker, WorkerSetup } from './parallel-protocol.ts';
import { PropertyTracker } from './property-tracker.ts';
import { makeResult } from './result.ts';
import { SharedFingerprintTable } from './shared-table.ts';

export type { ModelRecipe } from './parallel-protocol.ts';

/** Options of the parallel search: bfs's, the number of worker threads and how they rebuild the model. */
export interface ParallelOptions extends ExploreOptions {
  /** Worker threads (2 or more). */
  readonly workers?: number;
  /** How each worker builds the model (a model is code: it cannot be sent to a thread, only rebuilt). */
  readonly recipe?: ModelRecipe;
}

/** Slots the shared table starts with. */
const INITIAL_SLOTS = 1 << 16;
/** The table grows between levels so that it is at most this full after the next level (if that level is at most 3x the last one). */
const TARGET_LOAD = 0.6;
const LEVEL_GROWTH_GUESS = 3;
const MAX_SLOTS = 1 << 28;

/**
 * Breadth-first search on worker threads, level by level. The visited set is one table in shared
 * memory; a worker adds each successor's fingerprint with a compare-and-swap, and the worker that
 * added a state judges it, keeps its parent link and queues it; between levels, queued states are
 * handed from the busier workers to the others, so that all expand about as many. Levels end together (every
 * worker reports before the next starts), so the first counterexample found for a property is a
 * shortest one, as in {@link bfs}. A complete search has bfs's distinct and generated counts and
 * depth exactly. A search that stops early (every property settled, `maxStates`) stops at the end
 * of a level, not at bfs's state: its counts are then larger than bfs's; verdicts and shortest
 * lengths are the same.
 *
 * The model is rebuilt in each worker from `options.recipe`; counterexamples are rebuilt here,
 * from the workers' parent links, by replaying the model.
 */
export async function parallelBfs<S, A>(model: Model<S, A>, options: ParallelOptions = {}): Promise<ExplorationResult> {
  const workers = options.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 2 || workers > 64) throw new UsageError(`--workers must be an integer from 2 to 64, got ${workers}`);
  if (!options.recipe) throw new UsageError('a parallel search needs a recipe for the model (how each worker builds it)');
  const properties = selectProperties(model, options.properties);
  const tracker = new PropertyTracker<S>(properties);
  const budget = new Budget(options);
  let table = SharedFingerprintTable.create(INITIAL_SLOTS);
  const stop = new SharedArrayBuffer(4);
  const pool = await startPool(workers, {
    recipe: options.recipe,
    ...(options.properties ? { properties: options.properties } : {}),
    table: table.buffers,
    stop,
  });

  let generated = 0;
  let depth = 0;
  let terminalStates = 0;
  let outsideBounds = 0;
  let cutByDepth = false;
  let stopReason: StopReason | null = null;
  let lastAdded = 0;
  /** Each worker's states queued for the next level. */
  let queued: number[] = pool.map(() => 0);
  /** Successors each worker generated: how evenly the work was shared. */
  const generatedBy: number[] = pool.map(() => 0);
  const maxDepth = options.maxDepth ?? Infinity;
  const maxStates = options.maxStates ?? Infinity;

  const watch = setInterval(() => {
    const reason = budget.check(() => ({ distinctStates: table.size, generatedStates: generated, queued: lastAdded, depth, elapsedMs: budget.elapsed() }));
    if (reason && !stopReason) {
      stopReason = reason;
      Atomics.store(new Int32Array(stop), 0, 1);
    }
  }, 100);

  /** Runs one round on every worker and folds in their reports; false when the round was cut short. */
  const round = async (order: (index: number) => ToWorker): Promise<void> => {
    const replies = await Promise.all(pool.map((worker, index) => worker.ask(order(index))));
    const failure = replies.find((r) => r.type === 'error');
    if (failure?.type === 'error') {
      if (failure.name === 'SharedTableFullError') stopReason = 'memory';
      else throw new ModelContractError(failure.message);
    }
    let added = 0;
    queued = replies.map((reply) => (reply.type === 'report' ? reply.report.queued : 0));
    for (const [index, reply] of replies.entries()) {
      if (reply.type !== 'report') continue;
      const report: LevelReport = reply.report;
      generated += report.generated;
      generatedBy[index]! += report.generated;
      added += report.added;
      terminalStates += report.terminal;
      outsideBounds += report.outsideBounds;
      if (report.cutByDepth) cutByDepth = true;
      for (const finding of report.findings) await settle(finding);
    }
    lastAdded = added;
    if (added > 0) depth++;
  };

  /**
   * Evens out the queued states before a level: a worker is queued what it was first to add, so
   * without this the worker that added the initial states would add, and expand, nearly all.
   * Workers above the mean hand their surplus over; those below it take it.
   */
  const balance = async (): Promise<(Handover | undefined)[]> => {
    const mean = queued.reduce((a, b) => a + b, 0) / workers;
    const slack = Math.max(16, mean * 0.05);
    const surplus = await Promise.all(
      pool.map((worker, index) => {
        const count = Math.floor(queued[index]! - mean);
        return count > slack ? worker.ask({ type: 'give', count }) : undefined;
      }),
    );
    const states: unknown[] = [];
    const ids: number[] = [];
    for (const reply of surplus) {
      if (reply?.type !== 'handover') continue;
      for (const state of reply.handover.states) states.push(state);
      for (const id of reply.handover.ids) ids.push(id);
    }
    // Each worker below the mean takes up to its shortfall; the least queued one takes the rest.
    const least = queued.indexOf(Math.min(...queued));
    const takes: (Handover | undefined)[] = [];
    let at = 0;
    const hand = (index: number, end: number) => {
      if (end > at) takes[index] = { states: states.slice(at, end), ids: ids.slice(at, end) };
      at = end;
    };
    queued.forEach((count, index) => {
      if (index !== least) hand(index, Math.min(ids.length, at + Math.max(0, Math.ceil(mean - count))));
    });
    hand(least, ids.length);
    return takes;
  };

  /** Records a worker's finding unless that property was settled already, with its path rebuilt. */
  const settle = async (finding: Finding): Promise<void> => {
    if (tracker.settled(finding.property)) return;
    const property = properties.find((p) => p.name === finding.property) as Property<S>;
    let path: ActionPath;
    if (finding.where.stored) path = await pathTo(finding.where.id);
    else if (finding.where.parent === NO_PARENT) path = { initIndex: finding.where.action, actionIndices: [] };
    else {
      const before = await pathTo(finding.where.parent);
      path = { initIndex: before.initIndex, actionIndices: [...before.actionIndices, finding.where.action] };
    }
    if (finding.witness) tracker.recordWitness(property, path);
    else tracker.record(property, finding.message, path);
  };

  /** The path to a state, by its global id, from the parent links of the workers that hold each state on it. */
  const pathTo = async (id: number): Promise<ActionPath> => {
    const actionIndices: number[] = [];
    for (;;) {
      const reply = await pool[id % workers]!.ask({ type: 'links', locals: [Math.floor(id / workers)] });
      if (reply.type !== 'links') throw new Error('a worker did not answer with its links');
      const link = reply.links[0]!;
      if (link.parent === NO_PARENT) return { initIndex: link.via, actionIndices: actionIndices.reverse() };
      actionIndices.push(link.via);
      id = link.parent;
    }
  };

  try {
    await round(() => ({ type: 'seed' }));
    while (!stopReason && lastAdded > 0) {
      if (tracker.allSettled && !options.exhaustive) {
        stopReason = 'all-violated';
        break;
      }
      if (table.size >= maxStates) {
        stopReason = 'max-states';
        break;
      }
      // Grow the table while no worker adds to it, so that the next level fits.
      let slots = table.capacity;
      while ((table.size + lastAdded * LEVEL_GROWTH_GUESS) > slots * TARGET_LOAD && slots < MAX_SLOTS) slots *= 2;
      const grown = slots > table.capacity;
      if (grown) table = table.grown(slots);
      const settled = properties.filter((p) => tracker.settled(p.name)).map((p) => p.name);
      const cut = depth >= maxDepth;
      const takes = await balance();
      await round((index) => ({ type: 'level', cut, settled, ...(grown ? { table: table.buffers } : {}), ...(takes[index] ? { take: takes[index] } : {}) }));
    }
  } finally {
    clearInterval(watch);
    await Promise.all(pool.map((worker) => worker.close()));
  }
  if (!stopReason && cutByDepth) stopReason = 'max-depth';
  const complete = stopReason === null;
  const exactKeys = hasExactKeys(model as Model<S, unknown>, model.init());
  return makeResult('bfs', tracker, model as Model<S, unknown>, {
    complete,
    stopReason,
    distinct: table.size,
    generated,
    depth,
    elapsedMs: budget.elapsed(),
  }, {
    workers,
    generatedByWorker: generatedBy,
    terminalStates,
    ...(model.withinBounds ? { outsideBounds } : {}),
    tableBytes: table.bytes,
    collisionProbability: exactKeys ? 0 : collisionProbability(table.size),
  });
}

/** A worker thread with an order/answer channel (answers come in the order of the orders). */
interface PoolWorker {
  ask(order: ToWorker): Promise<FromWorker>;
  close(): Promise<void>;
}

/** Starts the workers and waits until each has built its model. */
async function startPool(count: number, shared: Omit<WorkerSetup, 'index' | 'workers'>): Promise<PoolWorker[]> {
  // Compiled, the worker is a .js file beside this one; as sources (tsx, vitest), the worker
  // thread registers tsx first, since loader hooks are not shared with new threads.
  const fromSources = import.meta.url.endsWith('.ts');
  const script = new URL(fromSources ? './parallel-worker.ts' : './parallel-worker.js', import.meta.url);
  const source = fromSources ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });` : script;
  const heapMb = Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024));
  const pool = Array.from({ length: count }, (_, index) => {
    const worker = new Worker(source, { eval: fromSources, workerData: { ...shared, index, workers: count } satisfies WorkerSetup, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    const waiting: ((message: FromWorker) => void)[] = [];
    let failed: Error | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      waiting.push((message) => (message.type === 'error' ? reject(new ModelContractError(message.message)) : resolve()));
    });
    worker.on('message', (message: FromWorker) => waiting.shift()?.(message));
    worker.on('error', (error) => {
      failed = error;
      for (const answer of waiting.splice(0)) answer({ type: 'error', name: error.name, message: error.message });
    });
    const pooled: PoolWorker = {
      ask(order) {
        if (failed) return Promise.resolve({ type: 'error', name: failed.name, message: failed.message });
        return new Promise((resolve) => {
          waiting.push(resolve);
          worker.postMessage(order);
        });
      },
      close: async () => {
        await worker.terminate();
      },
    };
    return { pooled, ready };
  });
  try {
    await Promise.all(pool.map((p) => p.ready));
  } catch (error) {
    await Promise.all(pool.map((p) => p.pooled.close()));
    throw error;
  }
  return pool.map((p) => p.pooled);
}
