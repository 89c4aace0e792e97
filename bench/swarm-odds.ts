/**
 * The exact odds of the default random search, without sampling seeds: for every catalog
 * violation whose state graph fits in memory, the chance that one `fast-check` run at its
 * defaults reaches the violation, computed over the whole graph. A run's choices are uniform
 * (the schedule arbitrary is unbiased), so from a state the walk takes each enabled action with
 * a known probability: a fault share drawn from 0 to 8 sixteenths, a length from 0 to
 * `maxSteps`, and a swarm mask that leaves each kind of action out with a chance of `omit`/16
 * (one run in sixteen leaves nothing out). The chance of reaching a violating state within d
 * steps is then a sum over the graph, iterated d times.
 *
 * Exact when a model has at most 9 kinds of action (every mask is tried); with more, swarmed
 * runs are the mean over sampled pairs of a fault share and a mask (`--masks`, default 128),
 * printed with its standard error. From the chance p of one run, a search of R runs finds
 * the violation with probability 1 - (1 - p)^R, the share of seeds the seeds bench measures.
 *
 *   npm run bench:odds -- [--only model/variant,...] [--omit 0,2,3,4] [--runs 10000,20000] [--masks 128] [--max-states 400000]
 */
import seedrandom from 'seedrandom';
import { catalog } from '../models/catalog.ts';
import { fp } from '../src/core/fingerprint.ts';
import { judge } from '../src/core/judge.ts';
import { expectationOf, type Model, type Property } from '../src/core/model.ts';
import { resolveParams } from '../src/core/params.ts';
import { faultPredicate } from '../src/explore/choice.ts';
import { makeFingerprinter } from '../src/explore/fingerprinter.ts';
import { MAX_FAULT_SLOTS } from '../src/explore/fast-check.ts';
import { OMIT_LEVELS, PLAIN_LEVELS, swarmKind } from '../src/explore/swarm.ts';
import { DEFAULT_MAX_STEPS } from '../src/explore/walker.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const numbers = (text: string) => text.split(',').map(Number);
const only = arg('only')?.split(',');
const omits = numbers(arg('omit') ?? '0,3');
const runCounts = numbers(arg('runs') ?? '10000,20000');
const maxStates = Number(arg('max-states') ?? 400_000);
const sampledMasks = Number(arg('masks') ?? 128);

/** A state graph in flat arrays: state i's edges are `start[i]` to `start[i + 1]`. */
interface Graph {
  readonly states: number;
  readonly start: Int32Array;
  readonly to: Int32Array;
  readonly fault: Uint8Array;
  readonly kind: Uint16Array;
  readonly kinds: number;
  readonly violating: Uint8Array;
  readonly initial: readonly number[];
}

/** The graph of every state reachable within the model's bounds, or undefined past `limit` states. */
function buildGraph<S, A>(model: Model<S, A>, property: Property<S>, limit: number): Graph | undefined {
  const fingerprint = makeFingerprinter(model as Model<S, unknown>);
  const isFault = faultPredicate(model);
  const ids = new Map<string, number>();
  const queue: S[] = [];
  const idOf = (s: S) => {
    fingerprint(s);
    const key = `${fp.hi}:${fp.lo}`;
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = queue.length));
      queue.push(s);
    }
    return id;
  };
  const kindIds = new Map<string, number>();
  const initial = model.init().map(idOf);
  const start: number[] = [];
  const to: number[] = [];
  const fault: number[] = [];
  const kind: number[] = [];
  const violating: number[] = [];
  for (let i = 0; i < queue.length; i++) {
    if (queue.length > limit) return undefined;
    const s = queue[i]!;
    violating.push(judge(property, s) === null ? 0 : 1);
    start.push(to.length);
    const expand = violating[i] === 0 && (!model.withinBounds || model.withinBounds(s));
    for (const action of expand ? model.actions(s) : []) {
      const name = swarmKind(model, action, s);
      if (!kindIds.has(name)) kindIds.set(name, kindIds.size);
      to.push(idOf(model.next(s, action)));
      fault.push(isFault(action) ? 1 : 0);
      kind.push(kindIds.get(name)!);
    }
    (queue as (S | undefined)[])[i] = undefined; // expanded: only its id is needed now
  }
  start.push(to.length);
  return {
    states: violating.length,
    start: Int32Array.from(start),
    to: Int32Array.from(to),
    fault: Uint8Array.from(fault),
    kind: Uint16Array.from(kind),
    kinds: kindIds.size,
    violating: Uint8Array.from(violating),
    initial,
  };
}

/**
 * The chance that a run with this fault share (in sixteenths) and these kinds kept reaches a
 * violating state, averaged over run lengths 0 to `maxSteps`. Mirrors `chooseIndex` and the
 * walker: the mask's kept actions (all of them when it keeps none), then the fault group or the
 * ordinary group by the share when both are enabled, then a member uniformly.
 */
function chanceOfRun(graph: Graph, faultSlots: number, kept: Uint8Array, maxSteps: number): number {
  const { states, start, to, fault, kind, violating } = graph;
  const weight = new Float64Array(to.length);
  const share = faultSlots / 16;
  for (let i = 0; i < states; i++) {
    const [a, b] = [start[i]!, start[i + 1]!];
    let keptCount = 0;
    for (let e = a; e < b; e++) keptCount += kept[kind[e]!]!;
    const all = keptCount === 0 || keptCount === b - a;
    let faults = 0;
    let ordinary = 0;
    for (let e = a; e < b; e++) if (all || kept[kind[e]!]) fault[e] ? faults++ : ordinary++;
    for (let e = a; e < b; e++) {
      if (!(all || kept[kind[e]!])) continue;
      weight[e] = faults > 0 && ordinary > 0 ? (fault[e] ? share / faults : (1 - share) / ordinary) : 1 / (faults + ordinary);
    }
  }
  let reach = Float64Array.from(violating);
  let next = new Float64Array(states);
  const atInit = () => graph.initial.reduce((sum, i) => sum + reach[i]!, 0) / graph.initial.length;
  let total = atInit();
  for (let d = 1; d <= maxSteps; d++) {
    for (let i = 0; i < states; i++) {
      if (violating[i]) {
        next[i] = 1;
        continue;
      }
      let sum = 0;
      for (let e = start[i]!; e < start[i + 1]!; e++) sum += weight[e]! * reach[to[e]!]!;
      next[i] = sum;
    }
    [reach, next] = [next, reach];
    total += atInit();
  }
  return total / (maxSteps + 1);
}

/** The chance of a plain run (no kind left out), over every fault share. */
function plainChance(graph: Graph): number {
  const all = new Uint8Array(graph.kinds).fill(1);
  let sum = 0;
  for (let slots = 0; slots <= MAX_FAULT_SLOTS; slots++) sum += chanceOfRun(graph, slots, all, DEFAULT_MAX_STEPS);
  return sum / (MAX_FAULT_SLOTS + 1);
}

/** Most kinds for which every mask is tried (2^kinds masks, each over every fault share). */
const EXACT_KINDS = 9;

/** The chance of a swarmed run, exactly: every mask, weighed by its probability, over every fault share. */
function exactSwarmed(graph: Graph, omit: number): number {
  const q = omit / 16;
  let sum = 0;
  for (let bits = 0; bits < 1 << graph.kinds; bits++) {
    const kept = Uint8Array.from({ length: graph.kinds }, (_, k) => ((bits >> k) & 1 ? 0 : 1));
    const left = graph.kinds - kept.reduce((a, b) => a + b, 0);
    const weight = q ** left * (1 - q) ** (graph.kinds - left);
    if (weight < 1e-9) continue;
    for (let slots = 0; slots <= MAX_FAULT_SLOTS; slots++) sum += (weight * chanceOfRun(graph, slots, kept, DEFAULT_MAX_STEPS)) / (MAX_FAULT_SLOTS + 1);
  }
  return sum;
}

/**
 * One run's chance under a swarm share: the plain runs (one level in sixteen) exactly, the
 * swarmed ones as the mean over sampled pairs of a fault share and a mask, with its standard error.
 */
function chanceUnder(graph: Graph, omit: number, plain: number, label: string): { chance: number; error: number } {
  if (omit === 0) return { chance: plain, error: 0 };
  const swarmed = (OMIT_LEVELS - PLAIN_LEVELS) / OMIT_LEVELS;
  if (graph.kinds <= EXACT_KINDS) return { chance: (1 - swarmed) * plain + swarmed * exactSwarmed(graph, omit), error: 0 };
  const rng = seedrandom(`${label} ${omit}`);
  const samples: number[] = [];
  for (let i = 0; i < sampledMasks; i++) {
    const slots = Math.floor(rng() * (MAX_FAULT_SLOTS + 1));
    const kept = Uint8Array.from({ length: graph.kinds }, () => (rng() * 16 < omit ? 0 : 1));
    samples.push(chanceOfRun(graph, slots, kept, DEFAULT_MAX_STEPS));
  }
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1);
  return { chance: (1 - swarmed) * plain + swarmed * mean, error: swarmed * Math.sqrt(variance / samples.length) };
}

const percent = (x: number) => `${(100 * x).toFixed(x > 0.999 && x < 1 ? 2 : 1)}%`;
console.log(`| violation | states | kinds | ${omits.map((o) => `omit ${o}/16: 1 run in`).join(' | ')} | ${omits.flatMap((o) => runCounts.map((r) => `omit ${o}, ${r} runs`)).join(' | ')} |`);
console.log(`| --- | ---: | ---: | ${omits.map(() => '---:').join(' | ')} | ${omits.flatMap(() => runCounts.map(() => '---:')).join(' | ')} |`);
for (const definition of catalog) {
  for (const variant of Object.keys(definition.variants)) {
    const name = `${definition.name}/${variant}`;
    if (only && !only.includes(name)) continue;
    const model = definition.build(variant, resolveParams(definition, variant));
    for (const property of model.properties.filter((p) => expectationOf(p) === 'violated')) {
      const label = `${name} ${property.name}`;
      const graph = buildGraph(model, property, maxStates);
      if (!graph) {
        console.log(`| ${label} | over ${maxStates.toLocaleString('en-US')} | | ${omits.map(() => '').join(' | ')} | ${omits.flatMap(() => runCounts.map(() => '')).join(' | ')} |`);
        continue;
      }
      const plain = plainChance(graph);
      const chances = omits.map((omit) => chanceUnder(graph, omit, plain, label));
      const odds = chances.map(({ chance, error }) => (chance > 0 ? `${Math.round(1 / chance).toLocaleString('en-US')}${error > 0 ? ` ±${Math.round((100 * error) / chance)}%` : ''}` : 'never'));
      const found = chances.flatMap(({ chance }) => runCounts.map((r) => percent(1 - (1 - chance) ** r)));
      console.log(`| ${label} | ${graph.states.toLocaleString('en-US')} | ${graph.kinds} | ${odds.join(' | ')} | ${found.join(' | ')} |`);
    }
  }
}
