import { ModelContractError } from './errors.ts';
/**
 * 64-bit fingerprints of states, computed by walking the value itself (no JSON round trip).
 *
 * The fingerprint is two independent 32-bit lanes. Results are left in `fp.hi` / `fp.lo` rather
 * than returned in an object so that the explorer's inner loop allocates nothing.
 * Object entries, Map entries and Set members are combined with a commutative sum, so two equal
 * states hash alike whatever order their keys were inserted in.
 */

/** Scratch output of the last fingerprint computed (two 32-bit lanes, as unsigned integers). */
export const fp = { hi: 0, lo: 0 };

let laneA = 0;
let laneB = 0;

const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

const TAG_NULL = 0x1f3d5b79;
const TAG_UNDEFINED = 0x2e4c6a88;
const TAG_TRUE = 0x3b5d7f91;
const TAG_FALSE = 0x4a6c8ea2;
const TAG_INT = 0x5d7f91b3;
const TAG_FLOAT = 0x6e8ea2c4;
const TAG_STRING = 0x7f91b3d5;
const TAG_ARRAY = 0x0a2c4e6f;
const TAG_OBJECT = 0x1b3d5f70;
const TAG_MAP = 0x2c4e6f81;
const TAG_SET = 0x3d5f7092;
const TAG_BIGINT = 0x4e6f81a3;

function mixA(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixB(h: number, k: number): number {
  k = Math.imul(k, 0x85ebca6b);
  k = (k << 13) | (k >>> 19);
  k = Math.imul(k, 0xc2b2ae35);
  h ^= k;
  h = (h << 17) | (h >>> 15);
  return (Math.imul(h, 9) + 0x7f4a7c15) | 0;
}

/** Murmur3's final avalanche: every input bit affects every output bit. */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Lanes of recently hashed short strings (object keys and enum-like values recur in every state).
 * A Map lookup reuses the hash V8 keeps in each string, which is cheaper than hashing its
 * characters again. Bounded: once full, it is cleared and refilled.
 */
const STRING_CACHE_MAX = 1 << 14;
const STRING_CACHE_MAX_LENGTH = 48;
const stringCache = new Map<string, number>();
const cachedLanes = new Int32Array(STRING_CACHE_MAX * 2);

/**
 * In front of that Map, a small direct-mapped cache indexed by a string's length and end
 * characters: the few strings a model uses as keys and enum values hit it, and a hit costs two
 * character reads and one comparison instead of a Map lookup (hashing TwoPhase's plain-object
 * states: 1,233 and 1,209 ns each against 1,397 and 1,297 before, best of 7, alternated).
 */
const RECENT_SLOTS = 256;
const recentStrings: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
const recentLanes = new Int32Array(RECENT_SLOTS * 2);

function hashStringCached(s: string): void {
  const n = s.length;
  const slot = n === 0 ? 0 : (n * 7 + s.charCodeAt(0) * 31 + s.charCodeAt(n - 1)) & (RECENT_SLOTS - 1);
  if (recentStrings[slot] === s) {
    laneA = recentLanes[slot * 2]!;
    laneB = recentLanes[slot * 2 + 1]!;
    return;
  }
  hashStringByMap(s);
  if (n <= STRING_CACHE_MAX_LENGTH) {
    recentStrings[slot] = s;
    recentLanes[slot * 2] = laneA;
    recentLanes[slot * 2 + 1] = laneB;
  }
}

function hashStringByMap(s: string): void {
  const at = stringCache.get(s);
  if (at !== undefined) {
    laneA = cachedLanes[at]!;
    laneB = cachedLanes[at + 1]!;
    return;
  }
  hashString(s, TAG_STRING);
  if (s.length > STRING_CACHE_MAX_LENGTH) return;
  if (stringCache.size === STRING_CACHE_MAX) stringCache.clear();
  const slot = stringCache.size * 2;
  cachedLanes[slot] = laneA;
  cachedLanes[slot + 1] = laneB;
  stringCache.set(s, slot);
}

function hashString(s: string, tag: number): void {
  let a = mixA(tag, s.length);
  let b = mixB(~tag, s.length);
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  if (i < n) {
    const k = s.charCodeAt(i);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  laneA = avalanche(a);
  laneB = avalanche(b ^ 0x5bd1e995);
}

function hashNumber(v: number): void {
  if ((v | 0) === v && !Object.is(v, -0)) {
    laneA = avalanche(mixA(TAG_INT, v));
    laneB = avalanche(mixB(TAG_INT, v));
    return;
  }
  float[0] = v;
  laneA = avalanche(mixA(mixA(TAG_FLOAT, floatWords[0]!), floatWords[1]!));
  laneB = avalanche(mixB(mixB(TAG_FLOAT, floatWords[1]!), floatWords[0]!));
}

/** Leaves the two lanes of `value` in laneA/laneB. */
function hashValue(value: unknown): void {
  switch (typeof value) {
    case 'number':
      hashNumber(value);
      return;
    case 'string':
      hashStringCached(value);
      return;
    case 'boolean':
      laneA = value ? TAG_TRUE : TAG_FALSE;
      laneB = value ? ~TAG_TRUE : ~TAG_FALSE;
      return;
    case 'undefined':
      laneA = TAG_UNDEFINED;
      laneB = ~TAG_UNDEFINED;
      return;
    case 'bigint':
      hashString(value.toString(36), TAG_BIGINT);
      return;
    case 'object':
      if (value === null) {
        laneA = TAG_NULL;
        laneB = ~TAG_NULL;
        return;
      }
      if (Array.isArray(value)) return hashArray(value);
      if (value instanceof Map) return hashMap(value);
      if (value instanceof Set) return hashSet(value);
      return hashObject(value as Record<string, unknown>);
    default:
      throw new ModelContractError(`a state holds a ${typeof value}: states must be plain data (numbers, strings, booleans, null, arrays, objects, Maps, Sets)`);
  }
}

function hashArray(value: readonly unknown[]): void {
  const n = value.length;
  let a = mixA(TAG_ARRAY, n);
  let b = mixB(TAG_ARRAY, n);
  for (let i = 0; i < n; i++) {
    hashValue(value[i]);
    a = mixA(a, laneA);
    b = mixB(b, laneB);
  }
  laneA = avalanche(a);
  laneB = avalanche(b);
}

function hashObject(value: Record<string, unknown>): void {
  let sumA = 0;
  let sumB = 0;
  let count = 0;
  for (const key in value) {
    hashStringCached(key);
    const ka = laneA;
    const kb = laneB;
    hashValue(value[key]);
    sumA = (sumA + avalanche(mixA(ka, laneA))) | 0;
    sumB = (sumB + avalanche(mixB(kb, laneB))) | 0;
    count++;
  }
  laneA = avalanche(mixA(mixA(TAG_OBJECT, count), sumA));
  laneB = avalanche(mixB(mixB(TAG_OBJECT, count), sumB));
}

function hashMap(value: Map<unknown, unknown>): void {
  let sumA = 0;
  let sumB = 0;
  for (const [key, entry] of value) {
    hashValue(key);
    const ka = laneA;
    const kb = laneB;
    hashValue(entry);
    sumA = (sumA + avalanche(mixA(ka, laneA))) | 0;
    sumB = (sumB + avalanche(mixB(kb, laneB))) | 0;
  }
  laneA = avalanche(mixA(mixA(TAG_MAP, value.size), sumA));
  laneB = avalanche(mixB(mixB(TAG_MAP, value.size), sumB));
}

function hashSet(value: Set<unknown>): void {
  let sumA = 0;
  let sumB = 0;
  for (const member of value) {
    hashValue(member);
    sumA = (sumA + laneA) | 0;
    sumB = (sumB + laneB) | 0;
  }
  laneA = avalanche(mixA(mixA(TAG_SET, value.size), sumA));
  laneB = avalanche(mixB(mixB(TAG_SET, value.size), sumB));
}

/**
 * The base: a state recorded part by part (its expanded parent, in bfs), so that a successor's
 * fingerprint can reuse the lanes of every part it shares with it instead of hashing them again.
 * The parts are laid out in preorder, one slot each: the value, its lanes, the slot after its
 * subtree and, for an object's entry, the key and the entry's term of the object's sum. States are
 * never mutated (the contract checker samples it), so a part identical (===) to the base's at the
 * same place has the base's lanes: the result is exactly `fingerprintValue`'s.
 */
let baseValue: unknown[] = [];
let baseKey: (string | undefined)[] = [];
let baseA = new Int32Array(256);
let baseB = new Int32Array(256);
let termA = new Int32Array(256);
let termB = new Int32Array(256);
let baseEnd = new Int32Array(256);
let baseSize = 0;

/** Room for slot `p` in the base's arrays. */
function reserve(p: number): void {
  if (p < baseA.length) return;
  const grow = (old: Int32Array) => {
    const next = new Int32Array(old.length * 2);
    next.set(old);
    return next;
  };
  baseA = grow(baseA);
  baseB = grow(baseB);
  termA = grow(termA);
  termB = grow(termB);
  baseEnd = grow(baseEnd);
}

/**
 * How deep the base is recorded part by part; below, a part is one slot. Deeper records cost more
 * than they save (3 levels, the state's fields, the nodes and messages, their fields, did best on
 * quorum-store/abd and partitioned-log/acks-all).
 */
const RECORD_DEPTH = 3;

/** Hashes `value` into slot `p` of the base (arrays and plain objects part by part, to RECORD_DEPTH); returns the slot after its subtree. */
function record(value: unknown, p: number, depth: number): number {
  if (p >= baseA.length) reserve(p);
  baseValue[p] = value;
  let end = p + 1;
  if (depth < RECORD_DEPTH && typeof value === 'object' && value !== null && !(value instanceof Map) && !(value instanceof Set)) {
    if (Array.isArray(value)) recordArray(value, p, depth + 1);
    else recordObject(value as Record<string, unknown>, p, depth + 1);
    end = recordEnd;
  } else {
    hashValue(value);
  }
  baseA[p] = laneA;
  baseB[p] = laneB;
  baseEnd[p] = end;
  return end;
}

/** The slot after the subtree recordArray or recordObject last recorded. */
let recordEnd = 0;

function recordArray(value: readonly unknown[], p: number, depth: number): void {
  const n = value.length;
  let a = mixA(TAG_ARRAY, n);
  let b = mixB(TAG_ARRAY, n);
  let end = p + 1;
  for (let i = 0; i < n; i++) {
    end = record(value[i], end, depth);
    a = mixA(a, laneA);
    b = mixB(b, laneB);
  }
  laneA = avalanche(a);
  laneB = avalanche(b);
  recordEnd = end;
}

function recordObject(value: Record<string, unknown>, p: number, depth: number): void {
  let sumA = 0;
  let sumB = 0;
  let count = 0;
  let end = p + 1;
  for (const key in value) {
    hashStringCached(key);
    const ka = laneA;
    const kb = laneB;
    const at = end;
    end = record(value[key], at, depth);
    // Only an object's entries have a key and a term: near hashing reads them for those alone.
    baseKey[at] = key;
    const ta = avalanche(mixA(ka, laneA));
    const tb = avalanche(mixB(kb, laneB));
    termA[at] = ta;
    termB[at] = tb;
    sumA = (sumA + ta) | 0;
    sumB = (sumB + tb) | 0;
    count++;
  }
  laneA = avalanche(mixA(mixA(TAG_OBJECT, count), sumA));
  laneB = avalanche(mixB(mixB(TAG_OBJECT, count), sumB));
  recordEnd = end;
}

/** Whether `value` is the base's part at slot `q` (0 and -0 hash apart, so they are not the same part). */
function isBasePart(value: unknown, q: number): boolean {
  const part = baseValue[q];
  return part === value && (value !== 0 || Object.is(part, value));
}

/** Leaves the lanes of `value` in laneA/laneB, reusing those of the base's parts where `value` shares them; `p` is the base slot at its place. */
function hashNear(value: unknown, p: number): void {
  if (isBasePart(value, p)) {
    laneA = baseA[p]!;
    laneB = baseB[p]!;
    return;
  }
  if (typeof value !== 'object' || value === null || baseEnd[p] === p + 1) return hashValue(value);
  const part = baseValue[p];
  if (Array.isArray(value)) return Array.isArray(part) ? hashArrayNear(value, p) : hashArray(value);
  if (Array.isArray(part) || value instanceof Map || value instanceof Set) return hashValue(value);
  hashObjectNear(value as Record<string, unknown>, p);
}

/**
 * An array against the base's array at slot `p`, element by element. A successor's array is
 * usually its parent's with one element replaced, removed or inserted, so the base's cursor stays
 * on an element that matches nothing (a replaced or inserted one) and skips one that is gone.
 */
function hashArrayNear(value: readonly unknown[], p: number): void {
  const n = value.length;
  const end = baseEnd[p]!;
  let a = mixA(TAG_ARRAY, n);
  let b = mixB(TAG_ARRAY, n);
  let q = p + 1;
  for (let i = 0; i < n; i++) {
    const item = value[i];
    if (q >= end) {
      hashValue(item);
    } else if (isBasePart(item, q)) {
      laneA = baseA[q]!;
      laneB = baseB[q]!;
      q = baseEnd[q]!;
    } else {
      const after = baseEnd[q]!;
      if (after < end && isBasePart(item, after)) {
        laneA = baseA[after]!;
        laneB = baseB[after]!;
        q = baseEnd[after]!;
      } else {
        hashNear(item, q);
      }
    }
    a = mixA(a, laneA);
    b = mixB(b, laneB);
  }
  laneA = avalanche(a);
  laneB = avalanche(b);
}

/** A plain object against the base's object at slot `p`, entry by entry in key order (a spread keeps its source's order). */
function hashObjectNear(value: Record<string, unknown>, p: number): void {
  const end = baseEnd[p]!;
  let sumA = 0;
  let sumB = 0;
  let count = 0;
  let q = p + 1;
  for (const key in value) {
    const entry = value[key];
    count++;
    if (q < end && baseKey[q] === key) {
      if (isBasePart(entry, q)) {
        sumA = (sumA + termA[q]!) | 0;
        sumB = (sumB + termB[q]!) | 0;
      } else {
        hashStringCached(key);
        const ka = laneA;
        const kb = laneB;
        hashNear(entry, q);
        sumA = (sumA + avalanche(mixA(ka, laneA))) | 0;
        sumB = (sumB + avalanche(mixB(kb, laneB))) | 0;
      }
      q = baseEnd[q]!;
    } else {
      hashStringCached(key);
      const ka = laneA;
      const kb = laneB;
      hashValue(entry);
      sumA = (sumA + avalanche(mixA(ka, laneA))) | 0;
      sumB = (sumB + avalanche(mixB(kb, laneB))) | 0;
    }
  }
  laneA = avalanche(mixA(mixA(TAG_OBJECT, count), sumA));
  laneB = avalanche(mixB(mixB(TAG_OBJECT, count), sumB));
}

/**
 * From how many successors hashing them near their parent pays: recording the parent costs about
 * 1.3 hashes of it, a successor hashed near it about a third of one (system-layer states).
 */
export const NEAR_FROM = 3;

/**
 * From how many states expanded on it is used: compiling the near hashing costs about 40 ms of CPU
 * once, more than it saves on a small model (partitioned-log/unclean-election, 1,560 states: 0.13
 * CPU s without it, 0.17 with it from the first state; quorum-store/abd, 21,268 states: 0.97 with
 * it against 1.09 without, medians of 6 alternated).
 */
export const NEAR_AFTER = 4096;

/**
 * Fingerprints `value` as `fingerprintValue` does and makes it the base that `fingerprintNear`
 * reuses parts of. The result is left in `fp`.
 */
export function fingerprintBase(value: unknown): void {
  // Drop the previous base's references past the new one's size, so they can be collected.
  const size = record(value, 0, 0);
  for (let p = size; p < baseSize; p++) baseValue[p] = undefined;
  baseSize = size;
  fp.hi = laneA >>> 0;
  fp.lo = laneB >>> 0;
}

/**
 * The fingerprint `fingerprintValue` gives `value`, computed by reusing the lanes of the parts it
 * shares (by identity, at the same place) with the last `fingerprintBase`: for a successor of the
 * base, only what its step changed is hashed. The result is left in `fp`.
 */
export function fingerprintNear(value: unknown): void {
  if (baseSize === 0) hashValue(value);
  else hashNear(value, 0);
  fp.hi = laneA >>> 0;
  fp.lo = laneB >>> 0;
}

/**
 * Fingerprints any state made of numbers, strings, booleans, null, undefined, bigints, arrays,
 * plain objects, Maps and Sets. The result is left in `fp`.
 */
export function fingerprintValue(value: unknown): void {
  hashValue(value);
  fp.hi = laneA >>> 0;
  fp.lo = laneB >>> 0;
}

/**
 * Fingerprints a model's own encoding: an exact key for a safe integer, a 64-bit hash for a string.
 * The result is left in `fp`.
 */
export function fingerprintEncoding(encoding: string | number): void {
  if (typeof encoding === 'number') {
    if (!Number.isSafeInteger(encoding) || encoding < 0) {
      throw new TypeError(`encode() returned ${encoding}: a numeric encoding must be a non-negative safe integer`);
    }
    fp.hi = Math.floor(encoding / 4294967296) >>> 0;
    fp.lo = encoding >>> 0;
    return;
  }
  hashString(encoding, TAG_STRING);
  fp.hi = laneA >>> 0;
  fp.lo = laneB >>> 0;
}

/** A fingerprint as a 16-digit hexadecimal string, for messages and tests. */
export function fingerprintHex(value: unknown): string {
  fingerprintValue(value);
  return fp.hi.toString(16).padStart(8, '0') + fp.lo.toString(16).padStart(8, '0');
}
