/**
 * One worker thread of the parallel breadth-first search (`parallel-bfs.ts` says how the levels
 * go). It rebuilds the model from its recipe, and keeps its own frontier and parent links: it
 * queues the states it was first to add to the shared table, and expands them at the next level
 * unless the coordinator hands some of them to another worker (with their global ids).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { judge, selectProperties, witnesses } from '../core/judge.ts';
import type { Model, Property } from '../core/model.ts';
import { ContractChecker } from './contract-checker.ts';
import { makeFingerprinter } from './fingerprinter.ts';
import { fingerprintBase, fingerprintEncoding, fingerprintNear, fp, NEAR_AFTER, NEAR_FROM } from '../core/fingerprint.ts';
import { ChunkedQueue, CodeQueue, numericCode } from './frontier.ts';
import { ActionIndexList, NO_PARENT, U32List } from './parent-links.ts';
import { buildFromRecipe, type Finding, type Handover, type LevelReport, type ToWorker, type WorkerSetup } from './parallel-protocol.ts';
import { SharedFingerprintTable } from './shared-table.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
/** Checked every few hundred states: the coordinator asks the level to end (a timeout, an interrupt). */
const stopFlag = new Int32Array(setup.stop);

/** The state of this worker's search. */
class Explorer<S, A> {
  private table: SharedFingerprintTable;
  private readonly properties: Property<S>[];
  private readonly fingerprint: (state: S) => void;
  private readonly contract: ContractChecker<S, A>;
  private readonly packed: boolean;
  /** This level's frontier and the next one's, as states or (packed models) their encodings. */
  private current: ChunkedQueue<S> | CodeQueue;
  private next: ChunkedQueue<S> | CodeQueue;
  /** The global ids of the queued states, in the same order. */
  private currentIds = new CodeQueue();
  private nextIds = new CodeQueue();
  /** Parent (a global id) and action index of each of this worker's states, by local id. */
  private readonly parent = new U32List();
  private readonly via = new ActionIndexList();
  /** Local id of the next state to expand. */
  private expanded = 0;
  private settled = new Set<string>();
  /** Whether the successors being offered are hashed near their parent (bfs.ts says when it pays). */
  private nearParent = false;
  private readonly canonical: ((state: S) => S) | undefined;
  /** Per expanded state: its successors, their fingerprints and codes, reused from state to state. */
  private scratchSpace = { his: new Uint32Array(64), los: new Uint32Array(64), codes: new Float64Array(64), states: [] as S[] };

  constructor(private readonly model: Model<S, A>) {
    this.table = new SharedFingerprintTable(setup.table);
    this.properties = selectProperties(model as Model<S, unknown>, setup.properties);
    this.fingerprint = makeFingerprinter(model as Model<S, unknown>);
    this.contract = new ContractChecker(model, this.fingerprint);
    this.packed = model.encode !== undefined && model.decode !== undefined;
    this.canonical = model.canonical?.bind(model);
    this.current = this.queue();
    this.next = this.queue();
  }

  /** The scratch space, grown to hold `count` successors. */
  private scratch(count: number) {
    if (this.scratchSpace.his.length < count) {
      this.scratchSpace = { his: new Uint32Array(count * 2), los: new Uint32Array(count * 2), codes: new Float64Array(count * 2), states: this.scratchSpace.states };
    }
    return this.scratchSpace;
  }

  private queue(): ChunkedQueue<S> | CodeQueue {
    return this.packed ? new CodeQueue() : new ChunkedQueue<S>();
  }

  /** The global id of local state `local`: ids interleave the workers. */
  private globalId(local: number): number {
    return local * setup.workers + setup.index;
  }

  /** A state's fingerprint into `fp`, and its code (0 unless the model is packed). */
  private hash(state: S): number {
    // A packed model without canonical: its fingerprint is its code, encoded once.
    const code = this.packed ? numericCode(this.model, state) : 0;
    if (this.packed && !this.model.canonical) fingerprintEncoding(code);
    else if (this.nearParent) fingerprintNear(this.canonical ? this.canonical(state) : state);
    else this.fingerprint(state);
    return code;
  }

  /** Adds a state if no thread has it yet; judges it and queues it when this worker added it. */
  private offer(state: S, parent: number, action: number, report: LevelReport, findings: Finding[]): void {
    const code = this.hash(state);
    this.offerHashed(state, fp.hi, fp.lo, code, parent, action, report, findings);
  }

  /** `offer` for a state already hashed (fingerprint `hi`/`lo`, code `code`). */
  private offerHashed(state: S, hi: number, lo: number, code: number, parent: number, action: number, report: LevelReport, findings: Finding[]): void {
    const model = this.model;
    if (model.withinBounds && !model.withinBounds(state)) {
      report.outsideBounds++;
      this.judge(state, { parent, action, stored: false }, findings, false);
      return;
    }
    if (!this.table.add(hi, lo)) return;
    const local = this.parent.length;
    this.parent.push(parent);
    this.via.push(action);
    if (this.packed) (this.next as CodeQueue).push(code);
    else (this.next as ChunkedQueue<S>).push(state);
    this.nextIds.push(this.globalId(local));
    report.added++;
    this.judge(state, { id: this.globalId(local), stored: true }, findings, false);
  }

  /** Judges the unsettled properties of one kind in a state; new findings name where it is. */
  private judge(state: S, where: Finding['where'], findings: Finding[], terminal: boolean): void {
    for (const property of this.properties) {
      if (this.settled.has(property.name) || (property.kind === 'eventually') !== terminal) continue;
      if (property.kind === 'sometimes') {
        if (witnesses(property, state)) this.found({ property: property.name, witness: true, message: '', where }, findings);
        continue;
      }
      const message = judge(property, state);
      if (message !== null) this.found({ property: property.name, witness: false, message, where }, findings);
    }
  }

  private found(finding: Finding, findings: Finding[]): void {
    this.settled.add(finding.property);
    findings.push(finding);
  }

  /** The initial states (worker 0 adds them all; the others start with none). */
  seed(): LevelReport {
    const report = emptyReport();
    const inits = setup.index === 0 ? this.model.init() : [];
    report.generated = inits.length;
    for (let i = 0; i < inits.length; i++) this.offer(inits[i]!, NO_PARENT, i, report, report.findings);
    this.swap();
    return report;
  }

  /** Expands every state of the current level (only judges them, at the depth bound). */
  level(message: Extract<ToWorker, { type: 'level' }>): LevelReport {
    if (message.table) this.table = new SharedFingerprintTable(message.table);
    for (const name of message.settled) this.settled.add(name);
    if (message.take) this.take(message.take);
    const report = emptyReport();
    const model = this.model;
    const queue = this.current;
    while (queue.size > 0) {
      if ((this.expanded & 255) === 0 && Atomics.load(stopFlag, 0) !== 0) {
        report.stopped = true;
        break;
      }
      const local = this.expanded++;
      const state = this.packed ? model.decode!((queue as CodeQueue).shift()) : (queue as ChunkedQueue<S>).shift();
      const id = this.currentIds.shift();
      const actions = model.actions(state);
      if (actions.length === 0) {
        report.terminal++;
        this.judge(state, { id, stored: true }, report.findings, true);
        continue;
      }
      if (message.cut) {
        report.cutByDepth = true;
        continue;
      }
      if (this.contract.wants(local)) this.contract.verify(state, actions);
      report.generated += actions.length;
      // A model's own fingerprint (declared symmetry) is not the value hash near hashing records.
      this.nearParent = model.encode === undefined && model.fingerprint === undefined && actions.length >= NEAR_FROM && local >= NEAR_AFTER;
      if (this.nearParent) fingerprintBase(this.canonical ? this.canonical(state) : state);
      // As in bfs: every successor hashed first, then the table's lines for all of them loaded together.
      const count = actions.length;
      const scratch = this.scratch(count);
      for (let a = 0; a < count; a++) {
        const successor = model.next(state, actions[a]!);
        if (successor === undefined) throw new Error('next() returned undefined');
        scratch.codes[a] = this.hash(successor);
        scratch.his[a] = fp.hi;
        scratch.los[a] = fp.lo;
        scratch.states[a] = successor;
      }
      this.table.prefetch(scratch.his, scratch.los, count);
      for (let a = 0; a < count; a++) this.offerHashed(scratch.states[a]!, scratch.his[a]!, scratch.los[a]!, scratch.codes[a]!, id, a, report, report.findings);
    }
    this.nearParent = false;
    this.swap();
    return report;
  }

  /** Queued states (the first `count`) handed to another worker. */
  give(count: number): Handover {
    const states: unknown[] = [];
    const ids: number[] = [];
    for (let i = 0; i < count && this.current.size > 0; i++) {
      states.push(this.current.shift());
      ids.push(this.currentIds.shift());
    }
    return { states, ids };
  }

  /** States handed over by another worker, queued for this level. */
  private take(handover: Handover): void {
    for (let i = 0; i < handover.ids.length; i++) {
      if (this.packed) (this.current as CodeQueue).push(handover.states[i] as number);
      else (this.current as ChunkedQueue<S>).push(handover.states[i] as S);
      this.currentIds.push(handover.ids[i]!);
    }
  }

  private swap(): void {
    if (this.current.size === 0) {
      const done = this.current;
      this.current = this.next;
      this.next = done;
      const doneIds = this.currentIds;
      this.currentIds = this.nextIds;
      this.nextIds = doneIds;
    }
  }

  /** States queued for the next level. */
  get queued(): number {
    return this.current.size;
  }

  /** Where local state `local` came from. */
  link(local: number): { parent: number; via: number } {
    return { parent: this.parent.data[local]!, via: this.via.data[local]! };
  }
}

function emptyReport(): LevelReport {
  return { generated: 0, added: 0, terminal: 0, outsideBounds: 0, cutByDepth: false, stopped: false, queued: 0, findings: [] };
}

const explorer = new Explorer(await buildFromRecipe(setup.recipe));
port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'seed') port.postMessage({ type: 'report', report: { ...explorer.seed(), queued: explorer.queued } });
    else if (message.type === 'level') port.postMessage({ type: 'report', report: { ...explorer.level(message), queued: explorer.queued } });
    else if (message.type === 'give') port.postMessage({ type: 'handover', handover: explorer.give(message.count) });
    else if (message.type === 'links') port.postMessage({ type: 'links', links: message.locals.map((local) => explorer.link(local)) });
    else port.close();
  } catch (error) {
    port.postMessage({ type: 'error', name: (error as Error).name, message: (error as Error).message });
  }
});
port.postMessage({ type: 'ready' });
