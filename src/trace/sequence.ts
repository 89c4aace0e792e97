import type { Model } from '../core/model.ts';
import type { Counterexample } from '../core/trace.ts';
import { flattenState } from './render.ts';

/**
 * A counterexample as a sequence of events between lanes (nodes and clients), for the HTML and
 * Mermaid pictures. Read generically from the trace: each step's readable state view (the
 * model's `describeState`) flattened to `key → text`, and the step's action line. The system
 * layer's view keys each message in flight as `network.<message> <from>→<to>` and each client
 * operation as `history.#<id>: <client> ...`; a key appearing is a send, disappearing a delivery
 * (the action line says `deliver`), a drop (`drop`) or a discard (anything else: obsolete, lost
 * at a crashed node). Faults are read from the action line's first word (crash, restart,
 * partition, heal, drift, pause, duplicate). A model without such keys still gets a picture: a
 * lane per node of `nodes.<name>`, the steps and the state diffs.
 */

/** What happened at one step, as far as the picture draws it. */
export type SequenceEvent =
  | { readonly kind: 'send'; readonly step: number; readonly from: string; readonly to: string; readonly label: string; readonly end: number; readonly fate: 'delivered' | 'dropped' | 'discarded' | 'in flight' }
  | { readonly kind: 'request'; readonly step: number; readonly client: string; readonly node: string; readonly label: string }
  | { readonly kind: 'reply'; readonly step: number; readonly client: string; readonly node: string; readonly label: string }
  | { readonly kind: 'fault'; readonly step: number; readonly fault: string; readonly lanes: readonly string[]; readonly label: string };

/** One operation of a client history, from invocation to answer (steps). */
export interface SequenceOperation {
  readonly id: string;
  readonly client: string;
  readonly label: string;
  readonly invoked: number;
  /** Step of the answer; undefined while pending at the end. */
  readonly answered?: number;
  readonly result: string;
}

/** One step: its action line and its state before and after, flattened. */
export interface SequenceStep {
  readonly index: number;
  readonly line: string;
  readonly before: ReadonlyMap<string, string>;
  readonly after: ReadonlyMap<string, string>;
}

/** The whole picture's data. */
export interface Sequence {
  readonly lanes: readonly { readonly name: string; readonly kind: 'node' | 'client' }[];
  readonly events: readonly SequenceEvent[];
  readonly operations: readonly SequenceOperation[];
  readonly steps: readonly SequenceStep[];
  readonly initial: ReadonlyMap<string, string>;
  readonly violation: string;
}

const MESSAGE_KEY = /^network\.(.+) (\S+)→(\S+)$/;
const HISTORY_KEY = /^history\.#?(\S+)$/;
const FAULT_WORDS = ['crash', 'restart', 'partition', 'heal', 'drift', 'pause', 'resume', 'duplicate', 'lose'];

/** Builds the picture's data from a counterexample. */
export function toSequence<S, A>(model: Model<S, A>, cx: Counterexample<S, A>): Sequence {
  const view = (s: S) => flattenState(model.describeState ? model.describeState(s) : s);
  const initial = view(cx.initial);
  const steps: SequenceStep[] = [];
  let before = initial;
  cx.steps.forEach((step, i) => {
    const after = view(step.state);
    steps.push({ index: i + 1, line: step.description, before, after });
    before = after;
  });

  const nodes = new Set<string>();
  const clients = new Set<string>();
  for (const key of initial.keys()) {
    const node = /^nodes\.([^.[\]]+)/.exec(key)?.[1];
    if (node) nodes.add(node);
  }

  const events: SequenceEvent[] = [];
  const open = new Map<string, { step: number; from: string; to: string; label: string }>();
  const operations = new Map<string, { id: string; client: string; label: string; invoked: number; answered?: number; result: string }>();
  const close = (key: string, step: number, fate: 'delivered' | 'dropped' | 'discarded' | 'in flight') => {
    const sent = open.get(key);
    if (!sent) return;
    open.delete(key);
    events.push({ kind: 'send', step: sent.step, from: sent.from, to: sent.to, label: sent.label, end: step, fate });
  };
  // Messages already in flight in the initial state count as sent at step 0.
  for (const key of initial.keys()) {
    const m = MESSAGE_KEY.exec(key);
    if (m) open.set(key, { step: 0, label: m[1]!, from: m[2]!, to: m[3]! });
  }

  for (const step of steps) {
    const word = step.line.split(/[\s(]/)[0]!.toLowerCase();
    for (const key of step.before.keys()) {
      if (step.after.has(key) || !MESSAGE_KEY.test(key)) continue;
      const label = MESSAGE_KEY.exec(key)![1]!;
      const fate = word === 'deliver' && step.line.includes(label) ? 'delivered' : word === 'drop' ? 'dropped' : 'discarded';
      close(key, step.index, fate);
    }
    for (const key of step.after.keys()) {
      const m = MESSAGE_KEY.exec(key);
      if (m && !step.before.has(key)) {
        open.set(key, { step: step.index, label: m[1]!, from: m[2]!, to: m[3]! });
        nodes.add(m[2]!).add(m[3]!);
      }
      const h = HISTORY_KEY.exec(key);
      if (!h) continue;
      const text = step.after.get(key)!;
      const client = text.split(' ')[0]!;
      const existing = operations.get(h[1]!);
      const pending = /→ pending$/.test(text);
      if (!existing) {
        clients.add(client);
        const label = text.replace(/ \[[^\]]*\] → .*$/, '');
        operations.set(h[1]!, { id: h[1]!, client, label, invoked: step.index, result: pending ? 'pending' : text.replace(/^.* → /, '') });
        const at = / at (\S+)$/.exec(label)?.[1];
        if (at) events.push({ kind: 'request', step: step.index, client, node: at, label: label.replace(/^\S+ /, '').replace(/ at \S+$/, '') });
      } else if (existing.answered === undefined && !pending && step.before.get(key) !== text) {
        existing.answered = step.index;
        existing.result = text.replace(/^.* → /, '');
        const at = / at (\S+)$/.exec(existing.label)?.[1];
        if (at) events.push({ kind: 'reply', step: step.index, client: existing.client, node: at, label: existing.result });
      }
    }
    if (FAULT_WORDS.includes(word)) {
      const named = [...nodes].filter((n) => new RegExp(`(^|[^\\w])${escapeRegExp(n)}([^\\w]|$)`).test(step.line));
      events.push({ kind: 'fault', step: step.index, fault: word, lanes: named.length > 0 ? named : [...nodes], label: step.line });
    }
  }
  for (const key of [...open.keys()]) close(key, steps.length + 1, 'in flight');
  events.sort((a, b) => a.step - b.step);

  return {
    lanes: [...[...clients].sort().map((name) => ({ name, kind: 'client' as const })), ...[...nodes].map((name) => ({ name, kind: 'node' as const }))],
    events,
    operations: [...operations.values()],
    steps,
    initial,
    violation: cx.violation,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
