import type { Model } from '../core/model.ts';
import type { Counterexample } from '../core/trace.ts';

/** Flattens a value into `path → text` pairs, one per leaf, in a stable order. */
export function flattenState(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value === null || typeof value !== 'object') {
    out.set(prefix || '(state)', formatLeaf(value));
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix || '(state)', '[]');
    value.forEach((item, i) => flattenState(item, `${prefix}[${i}]`, out));
    return out;
  }
  if (value instanceof Map) {
    if (value.size === 0) out.set(prefix || '(state)', '{}');
    for (const [k, v] of [...value.entries()].sort(byKey)) flattenState(v, `${prefix}[${formatLeaf(k)}]`, out);
    return out;
  }
  if (value instanceof Set) {
    out.set(prefix || '(state)', `{${[...value].map(formatLeaf).sort().join(', ')}}`);
    return out;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) out.set(prefix || '(state)', '{}');
  for (const key of keys) flattenState((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key, out);
  return out;
}

function byKey(a: [unknown, unknown], b: [unknown, unknown]): number {
  const x = formatLeaf(a[0]);
  const y = formatLeaf(b[0]);
  return x < y ? -1 : x > y ? 1 : 0;
}

function formatLeaf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/** Lines saying what changed between two states: `path: before → after`. */
export function diffStates(before: unknown, after: unknown): string[] {
  const a = flattenState(before);
  const b = flattenState(after);
  const lines: string[] = [];
  for (const [path, text] of b) {
    const old = a.get(path);
    if (old === undefined) lines.push(`${path}: + ${text}`);
    else if (old !== text) lines.push(`${path}: ${old} → ${text}`);
  }
  for (const [path, text] of a) if (!b.has(path)) lines.push(`${path}: − ${text}`);
  return lines;
}

/** Options of the text timeline. */
export interface RenderOptions {
  /** Indentation of every line. */
  readonly indent?: string;
  /** Most changed fields shown per step before "… N more". */
  readonly maxChangesPerStep?: number;
}

/**
 * Renders a counterexample as a text timeline: the initial state, then one line per step with the
 * action and what it changed, then the violation.
 */
export function renderCounterexample<S, A>(model: Model<S, A>, cx: Counterexample<S, A>, options: RenderOptions = {}): string[] {
  const indent = options.indent ?? '';
  const maxChanges = options.maxChangesPerStep ?? 12;
  const view = (s: S) => (model.describeState ? model.describeState(s) : s);
  const lines: string[] = [];
  const initial = [...flattenState(view(cx.initial))].map(([k, v]) => `${k}=${v}`);
  const width = String(cx.steps.length).length;
  const pad = (n: number) => String(n).padStart(width);
  lines.push(`${indent}${pad(0)}. initial state: ${initial.length <= 8 ? initial.join(' ') : ''}`);
  if (initial.length > 8) for (const entry of initial) lines.push(`${indent}${' '.repeat(width + 6)}${entry}`);
  let previous: unknown = view(cx.initial);
  cx.steps.forEach((step, i) => {
    const current = view(step.state);
    const changes = diffStates(previous, current);
    const head = `${indent}${pad(i + 1)}. ${step.description}`;
    const inline = changes.join(', ');
    // Short changes read best beside their action; long ones get a line each.
    if (changes.length > 0 && changes.length <= 3 && head.length + inline.length < 110) {
      lines.push(`${head.padEnd(indent.length + width + 32)}  ${inline}`);
      previous = current;
      return;
    }
    lines.push(head);
    for (const change of changes.slice(0, maxChanges)) lines.push(`${indent}${' '.repeat(width + 6)}${change}`);
    if (changes.length > maxChanges) lines.push(`${indent}${' '.repeat(width + 6)}… ${changes.length - maxChanges} more changes`);
    if (changes.length === 0) lines.push(`${indent}${' '.repeat(width + 6)}(no change)`);
    previous = current;
  });
  lines.push(`${indent}violation: ${cx.violation}`);
  return lines;
}
