import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { UsageError } from '../core/errors.ts';
import type { ParamValues } from '../core/model.ts';
import type { ExplorationResult } from '../core/result.ts';
import type { Counterexample } from '../core/trace.ts';
import { canonicalJson } from '../core/canonical-json.ts';

/**
 * The counterexample file, `faultline-counterexample/v1`: one violated property of one variant,
 * as the steps that reach the violation. Stable and versioned: a later version gets a new format
 * string, and `replay` refuses formats it does not know.
 *
 * ```json
 * {
 *   "format": "faultline-counterexample/v1",
 *   "model": "die-hard", "variant": "standard", "params": {},
 *   "property": "big != 4",
 *   "engine": { "name": "fast-check", "seed": 7, "path": "6:0:1:0" },
 *   "initIndex": 0,
 *   "steps": [{ "actionIndex": 1, "action": "fill big", "line": "fill big" }, ...],
 *   "violation": "the big jug holds 4 gallons"
 * }
 * ```
 * `initIndex` (which of `init()`'s states the run starts from) may be omitted when it is 0.
 * `modelFile` says where a model that is not in the catalog came from: `{ "path":
 * "../examples/counter.ts", "export": "counter" }`, the path relative to this file's folder;
 * `faultline replay` loads it from there.
 * `engine.seed`, `engine.path` (fast-check's counterexample path), `engine.run` (the random
 * engine's run number) and `engine.swarm` (true when the search ran with swarm masks, the default,
 * whose seed and path only the swarmed `scheduleArbitrary()` follows) appear where they apply.
 */
export const COUNTEREXAMPLE_FORMAT = 'faultline-counterexample/v1';

/** Which engine found the counterexample, and how to find it again. */
export interface EngineInfo {
  readonly name: string;
  readonly seed?: number;
  readonly path?: string;
  readonly run?: number;
  /** The search ran with swarm masks (the default; absent under `--no-swarm`): its seed and path find it again only with them. */
  readonly swarm?: true;
}

/** One recorded step. */
export interface FileStep {
  /** Index of the action in the model's enabled actions at that step. */
  readonly actionIndex: number;
  /** The action itself, as JSON. */
  readonly action: unknown;
  /** Its readable line. */
  readonly line: string;
}

/** Where a model loaded from a file came from: its path (relative to the counterexample file's folder) and export. */
export interface ModelFileField {
  readonly path: string;
  readonly export: string;
}

/** A counterexample file's contents. */
export interface CounterexampleFile {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly model: string;
  /** Absent for a catalog model. */
  readonly modelFile?: ModelFileField;
  readonly variant: string;
  readonly params: ParamValues;
  readonly property: string;
  readonly engine: EngineInfo;
  readonly initIndex?: number;
  readonly steps: readonly FileStep[];
  readonly violation: string;
}

/** A file that cannot be read or does not follow the format: exit 2, one line naming the file and the field. */
export class CounterexampleFileError extends UsageError {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CounterexampleFileError';
  }
}

export { canonicalJson };

/** The action as it is stored: JSON data (Maps as objects, Sets as arrays, bigints as strings). */
function actionToJson(action: unknown): unknown {
  const text = canonicalJson(action);
  return text === 'undefined' ? null : JSON.parse(text);
}

/** The engine information of a result for one property (seed, fast-check path, random run). */
export function engineInfo(result: ExplorationResult, property: string): EngineInfo {
  const details = result.details ?? {};
  const found = (details.violations as Record<string, Record<string, unknown>> | undefined)?.[property];
  const info: { name: string; seed?: number; path?: string; run?: number; swarm?: true } = { name: result.engine };
  const seed = found?.seed ?? details.seed;
  if (typeof seed === 'number') info.seed = seed;
  if (typeof found?.path === 'string') info.path = found.path;
  if (typeof found?.run === 'number') info.run = found.run;
  if (details.swarm === true) info.swarm = true;
  return info;
}

/** Builds the file for one violated property. */
export function toCounterexampleFile(input: {
  readonly model: string;
  readonly variant: string;
  readonly params: ParamValues;
  readonly property: string;
  readonly engine: EngineInfo;
  readonly counterexample: Counterexample;
  readonly modelFile?: ModelFileField;
}): CounterexampleFile {
  const cx = input.counterexample;
  return {
    format: COUNTEREXAMPLE_FORMAT,
    model: input.model,
    ...(input.modelFile ? { modelFile: { path: input.modelFile.path, export: input.modelFile.export } } : {}),
    variant: input.variant,
    params: { ...input.params },
    property: input.property,
    engine: input.engine,
    ...(cx.initIndex !== 0 ? { initIndex: cx.initIndex } : {}),
    steps: cx.steps.map((s) => ({ actionIndex: s.actionIndex, action: actionToJson(s.action), line: s.description })),
    violation: cx.violation,
  };
}

/** The file's text: two-space JSON and a final newline. */
export function serializeCounterexampleFile(file: CounterexampleFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

/** A property name as a file-name part: lower case, runs of other characters as one dash. */
export function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'property';
}

/** Default file name: `<model>--<variant>--<property-slug>.json`. */
export function counterexampleFileName(model: string, variant: string, property: string): string {
  return `${slug(model)}--${slug(variant)}--${slug(property)}.json`;
}

/** Default path under a directory (default `counterexamples`). */
export function counterexamplePath(model: string, variant: string, property: string, dir = 'counterexamples'): string {
  return join(dir, counterexampleFileName(model, variant, property));
}

/** Writes a file atomically, creating its directory; a failure is a one-line `WriteError` (exit 2). */
export function writeCounterexampleFile(path: string, file: CounterexampleFile): void {
  writeFileAtomic(path, serializeCounterexampleFile(file));
}

/** Deepest nesting of arrays and objects accepted in a recorded action (comparing one recurses). */
export const MAX_ACTION_DEPTH = 200;

/** Whether a JSON value nests arrays or objects more than `limit` levels deep (walked without recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: v, depth } = pending.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v as object)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Parses and validates a file's text. Every problem is one line naming the file (`source`) and
 * the field (`steps[3].actionIndex: expected a whole number >= 0, found string "x"`).
 */
export function parseCounterexampleFile(text: string, source: string): CounterexampleFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new CounterexampleFileError(source, `not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const fail = (field: string, message: string) => new CounterexampleFileError(source, `${field}: ${message}`);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new CounterexampleFileError(source, `expected a JSON object, found ${kindOf(doc)}`);
  const o = doc as Record<string, unknown>;
  if (o.format !== COUNTEREXAMPLE_FORMAT) {
    throw fail('format', o.format === undefined ? `missing; expected '${COUNTEREXAMPLE_FORMAT}'` : `expected '${COUNTEREXAMPLE_FORMAT}', found ${JSON.stringify(o.format)} (a format this version of faultline does not read)`);
  }
  const str = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || value === '') throw fail(field, value === undefined ? 'missing; expected a string' : `expected a non-empty string, found ${kindOf(value)}`);
    return value;
  };
  const index = (value: unknown, field: string): number => {
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw fail(field, value === undefined ? 'missing; expected a whole number >= 0' : `expected a whole number >= 0, found ${kindOf(value)}`);
    return value as number;
  };
  const model = str(o.model, 'model');
  let modelFile: ModelFileField | undefined;
  if (o.modelFile !== undefined) {
    if (o.modelFile === null || typeof o.modelFile !== 'object' || Array.isArray(o.modelFile)) throw fail('modelFile', `expected an object, found ${kindOf(o.modelFile)}`);
    const m = o.modelFile as Record<string, unknown>;
    modelFile = { path: str(m.path, 'modelFile.path'), export: str(m.export, 'modelFile.export') };
  }
  const variant = str(o.variant, 'variant');
  if (o.params === null || typeof o.params !== 'object' || Array.isArray(o.params)) throw fail('params', o.params === undefined ? 'missing; expected an object' : `expected an object, found ${kindOf(o.params)}`);
  const params: ParamValues = {};
  for (const [k, v] of Object.entries(o.params as Record<string, unknown>)) {
    if (typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'string') throw fail(`params.${k}`, `expected a number, boolean or string, found ${kindOf(v)}`);
    params[k] = v;
  }
  const property = str(o.property, 'property');
  if (o.engine === null || typeof o.engine !== 'object' || Array.isArray(o.engine)) throw fail('engine', o.engine === undefined ? 'missing; expected an object' : `expected an object, found ${kindOf(o.engine)}`);
  const e = o.engine as Record<string, unknown>;
  const engine: { name: string; seed?: number; path?: string; run?: number; swarm?: true } = { name: str(e.name, 'engine.name') };
  if (e.seed !== undefined) {
    if (!Number.isSafeInteger(e.seed)) throw fail('engine.seed', `expected a whole number, found ${kindOf(e.seed)}`);
    engine.seed = e.seed as number;
  }
  if (e.path !== undefined) {
    if (typeof e.path !== 'string') throw fail('engine.path', `expected a string, found ${kindOf(e.path)}`);
    engine.path = e.path;
  }
  if (e.run !== undefined) engine.run = index(e.run, 'engine.run');
  if (e.swarm !== undefined) {
    if (e.swarm !== true) throw fail('engine.swarm', `expected true, found ${kindOf(e.swarm)}`);
    engine.swarm = true;
  }
  const initIndex = o.initIndex === undefined ? undefined : index(o.initIndex, 'initIndex');
  if (!Array.isArray(o.steps)) throw fail('steps', o.steps === undefined ? 'missing; expected an array' : `expected an array, found ${kindOf(o.steps)}`);
  const steps: FileStep[] = o.steps.map((step: unknown, i: number) => {
    const field = `steps[${i}]`;
    if (step === null || typeof step !== 'object' || Array.isArray(step)) throw fail(field, `expected an object, found ${kindOf(step)}`);
    const s = step as Record<string, unknown>;
    const actionIndex = index(s.actionIndex, `${field}.actionIndex`);
    if (!('action' in s)) throw fail(`${field}.action`, 'missing; expected the action as JSON');
    if (nestedDeeperThan(s.action, MAX_ACTION_DEPTH)) throw fail(`${field}.action`, `nested more than ${MAX_ACTION_DEPTH} levels deep; no model's action is`);
    if (typeof s.line !== 'string') throw fail(`${field}.line`, s.line === undefined ? 'missing; expected a string' : `expected a string, found ${kindOf(s.line)}`);
    return { actionIndex, action: s.action, line: s.line };
  });
  if (typeof o.violation !== 'string') throw fail('violation', o.violation === undefined ? 'missing; expected a string' : `expected a string, found ${kindOf(o.violation)}`);
  return {
    format: COUNTEREXAMPLE_FORMAT,
    model,
    ...(modelFile ? { modelFile } : {}),
    variant,
    params,
    property,
    engine,
    ...(initIndex !== undefined ? { initIndex } : {}),
    steps,
    violation: o.violation,
  };
}

/** Reads and validates a file; an unreadable file is a one-line error too. */
export function readCounterexampleFile(path: string): CounterexampleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CounterexampleFileError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read: ${(error as Error).message}`);
  }
  return parseCounterexampleFile(text, path);
}
