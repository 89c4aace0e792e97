import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../../src/core/errors.ts';
import type { HistoryOperation } from './operation.ts';
import type { SequentialSpec } from './spec.ts';
import type { CasRegisterInput, CasRegisterOutput } from './specs/cas-register.ts';
import { casRegister } from './specs/cas-register.ts';
import type { KvInput, KvOutput } from './specs/kv.ts';
import { kv } from './specs/kv.ts';

/** The format tag of history files. */
export const HISTORY_FORMAT = 'linearizability-history/v1';

/** Common fields of a loaded `linearizability-history/v1` file. */
interface HistoryFileBase {
  /** File name used in messages. */
  readonly fileName: string;
  /** Where the history came from (free text). */
  readonly source?: string;
  /** The verdict the file asserts, if any. */
  readonly expected?: 'linearizable' | 'not linearizable';
  /** Who asserts it (free text). */
  readonly expectedBy?: string;
}

/** A `cas-register` history file. */
export interface CasRegisterHistoryFile extends HistoryFileBase {
  readonly model: 'cas-register';
  readonly initialValue: number | null;
  readonly operations: readonly HistoryOperation<CasRegisterInput, CasRegisterOutput>[];
}

/** A `kv` history file. */
export interface KvHistoryFile extends HistoryFileBase {
  readonly model: 'kv';
  readonly initialValue: string;
  readonly operations: readonly HistoryOperation<KvInput, KvOutput>[];
}

/** A validated `linearizability-history/v1` file. */
export type HistoryFile = CasRegisterHistoryFile | KvHistoryFile;

/** Reads and validates a history file. Throws {@link UsageError} (one line) if unreadable or malformed. */
export function readHistoryFile(path: string): HistoryFile {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`${name}: cannot read file (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${name}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return parseHistory(json, name);
}

/**
 * Validates parsed JSON as a `linearizability-history/v1` document. Every field is
 * checked; the first problem throws a {@link UsageError} naming the file and the field,
 * e.g. `etcd_000.json: operations[3].call: expected an integer`.
 *
 * Extension: an operation's `return` may be `null` for one still pending.
 */
export function parseHistory(json: unknown, fileName: string): HistoryFile {
  const fail = (field: string, problem: string): never => {
    throw new UsageError(`${fileName}: ${field}: ${problem}`);
  };
  if (!isRecord(json)) return fail('(top level)', 'expected a JSON object');
  if (json.format !== HISTORY_FORMAT) fail('format', `expected "${HISTORY_FORMAT}"`);
  const model = json.model;
  if (model !== 'cas-register' && model !== 'kv') return fail('model', 'expected "cas-register" or "kv"');
  if (json.source !== undefined && typeof json.source !== 'string') fail('source', 'expected a string');
  if (json.expected_by !== undefined && typeof json.expected_by !== 'string') fail('expected_by', 'expected a string');
  const expected = json.expected;
  if (expected !== undefined && expected !== 'linearizable' && expected !== 'not linearizable') {
    fail('expected', 'expected "linearizable" or "not linearizable"');
  }
  const initial = json.initial_value;
  if (model === 'cas-register' && !(initial === null || isInteger(initial))) {
    fail('initial_value', 'expected an integer or null');
  }
  if (model === 'kv' && typeof initial !== 'string') fail('initial_value', 'expected a string');
  for (const field of ['num_operations', 'num_clients', 'num_indeterminate', 'num_unknown_output']) {
    const v = json[field];
    if (v !== undefined && !(isInteger(v) && v >= 0)) fail(field, 'expected a non-negative integer');
  }
  if (json.dropped !== undefined) {
    if (!isRecord(json.dropped)) fail('dropped', 'expected an object');
    for (const [k, v] of Object.entries(json.dropped as Record<string, unknown>)) {
      if (!(isInteger(v) && v >= 0)) fail(`dropped.${k}`, 'expected a non-negative integer');
    }
  }
  const rawOps = json.operations;
  if (!Array.isArray(rawOps)) return fail('operations', 'expected an array');
  if (json.num_operations !== undefined && json.num_operations !== rawOps.length) {
    fail('num_operations', `is ${String(json.num_operations)} but operations has ${rawOps.length} entries`);
  }

  const seenIds = new Set<number>();
  const operations = rawOps.map((raw: unknown, i: number) => {
    const at = `operations[${i}]`;
    if (!isRecord(raw)) return fail(at, 'expected an object');
    const id = raw.id;
    if (!(isInteger(id) && id >= 0)) return fail(`${at}.id`, 'expected a non-negative integer');
    if (seenIds.has(id)) fail(`${at}.id`, `duplicate id ${id}`);
    seenIds.add(id);
    if (!(isInteger(raw.client) && raw.client >= 0)) fail(`${at}.client`, 'expected a non-negative integer');
    if (!isInteger(raw.call)) fail(`${at}.call`, 'expected an integer');
    const ret = raw.return;
    if (ret !== null && !isInteger(ret)) fail(`${at}.return`, 'expected an integer (or null if pending)');
    if (isInteger(ret) && ret <= (raw.call as number)) fail(`${at}.return`, 'expected a time after call');
    if (raw.status !== undefined && raw.status !== 'ok' && raw.status !== 'fail' && raw.status !== 'info') {
      fail(`${at}.status`, 'expected "ok", "fail" or "info"');
    }
    const input = model === 'cas-register' ? casInput(raw.input, `${at}.input`, fail) : kvInput(raw.input, `${at}.input`, fail);
    const output =
      model === 'cas-register'
        ? casOutput((input as CasRegisterInput).f, raw.output, `${at}.output`, fail)
        : kvOutput((input as KvInput).f, raw.output, `${at}.output`, fail);
    return {
      id,
      client: raw.client as number,
      call: raw.call as number,
      return: ret === null ? Infinity : (ret as number),
      input,
      output,
    };
  });

  const base = {
    fileName,
    ...(typeof json.source === 'string' ? { source: json.source } : {}),
    ...(expected !== undefined ? { expected: expected as 'linearizable' | 'not linearizable' } : {}),
    ...(typeof json.expected_by === 'string' ? { expectedBy: json.expected_by } : {}),
  };
  if (model === 'cas-register') {
    return {
      ...base,
      model,
      initialValue: initial as number | null,
      operations: operations as HistoryOperation<CasRegisterInput, CasRegisterOutput>[],
    };
  }
  return { ...base, model, initialValue: initial as string, operations: operations as HistoryOperation<KvInput, KvOutput>[] };
}

/** The sequential spec a history file names, started at its `initial_value`. */
export function specForHistory(file: HistoryFile): SequentialSpec<unknown, unknown, unknown> {
  const spec = file.model === 'cas-register' ? casRegister(file.initialValue) : kv(file.initialValue);
  return spec as unknown as SequentialSpec<unknown, unknown, unknown>;
}

type Fail = (field: string, problem: string) => never;

function casInput(v: unknown, at: string, fail: Fail): CasRegisterInput {
  if (!isRecord(v)) return fail(at, 'expected an object');
  switch (v.f) {
    case 'read':
      return { f: 'read' };
    case 'write':
      if (!isIntegerOrNull(v.value)) fail(`${at}.value`, 'expected an integer or null');
      return { f: 'write', value: v.value as number | null };
    case 'cas':
      if (!isIntegerOrNull(v.from)) fail(`${at}.from`, 'expected an integer or null');
      if (!isIntegerOrNull(v.to)) fail(`${at}.to`, 'expected an integer or null');
      return { f: 'cas', from: v.from as number | null, to: v.to as number | null };
    default:
      return fail(`${at}.f`, 'expected "read", "write" or "cas"');
  }
}

function casOutput(f: CasRegisterInput['f'], v: unknown, at: string, fail: Fail): CasRegisterOutput | null {
  if (v === null) return null;
  if (!isRecord(v)) return fail(at, 'expected an object or null (unknown)');
  if (f === 'read') {
    if (!('value' in v) || !isIntegerOrNull(v.value)) fail(`${at}.value`, 'expected an integer or null');
    return { value: v.value as number | null };
  }
  if (f === 'cas') {
    if (typeof v.ok !== 'boolean') fail(`${at}.ok`, 'expected true or false');
    return { ok: v.ok as boolean };
  }
  return {};
}

function kvInput(v: unknown, at: string, fail: Fail): KvInput {
  if (!isRecord(v)) return fail(at, 'expected an object');
  if (v.f !== 'get' && v.f !== 'put' && v.f !== 'append') return fail(`${at}.f`, 'expected "get", "put" or "append"');
  if (typeof v.key !== 'string') fail(`${at}.key`, 'expected a string');
  const key = v.key as string;
  if (v.f === 'get') return { f: 'get', key };
  if (typeof v.value !== 'string') fail(`${at}.value`, 'expected a string');
  return { f: v.f, key, value: v.value as string };
}

function kvOutput(f: KvInput['f'], v: unknown, at: string, fail: Fail): KvOutput | null {
  if (v === null) return null;
  if (!isRecord(v)) return fail(at, 'expected an object or null (unknown)');
  if (f === 'get') {
    if (typeof v.value !== 'string') fail(`${at}.value`, 'expected a string');
    return { value: v.value as string };
  }
  return {};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isIntegerOrNull(v: unknown): v is number | null {
  return v === null || isInteger(v);
}
