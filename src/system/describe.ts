import { describeNetwork } from './network.ts';
import { describePartition } from './faults/partition.ts';
import type { ClientHistory, Envelope, NodeId, SystemState } from './types.ts';

/**
 * The default line of a message or timer: a string as it is; an object with a `type` as
 * `Type(field=value, ...)` (`Write(op=0, value=1)`); anything else as JSON.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { type?: unknown }).type !== 'string') return JSON.stringify(value) ?? 'undefined';
  const { type, ...fields } = value as { type: string } & Record<string, unknown>;
  const args = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return args.length > 0 ? `${type}(${args.join(', ')})` : type;
}

/** How a compiled system prints its parts. */
export interface Printer<S, M, I, O, T> {
  name(node: NodeId): string;
  message(msg: M): string;
  timer(timer: T): string;
  input(input: I): string;
  output(output: O): string;
  node(state: S, node: NodeId): unknown;
}

/** `Write(op=0) n0→n1`. */
export function envelopeLine<M>(env: Envelope<M>, print: Pick<Printer<unknown, M, unknown, unknown, unknown>, 'name' | 'message'>): string {
  return `${print.message(env.msg)} ${print.name(env.from)}→${print.name(env.to)}`;
}

/**
 * A trace view of a state. Collections are keyed by what they hold, not by position, so a
 * trace's diff of two states shows exactly what a step added and removed; empty ones are left out.
 */
export function describeSystemState<S, M, I, O, T>(
  s: SystemState<S, M, O, T>,
  history: ClientHistory<I, O>,
  print: Printer<S, M, I, O, T>,
  show: { readonly time: boolean; readonly clocks: boolean; readonly budget: boolean },
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  const up = (i: NodeId) => ((s.down >> i) & 1) === 0;
  if (show.time) view['time'] = s.time;
  if (show.clocks) view['clocks'] = s.offsets.map((o, i) => `${print.name(i)}=${s.time + o}`).join(' ');
  view['nodes'] = Object.fromEntries(s.nodes.map((local, i) => [`${print.name(i)}${up(i) ? '' : ' (down)'}`, print.node(local, i)]));
  if (s.partition !== 0) view['partition'] = describePartition(s.nodes.length, s.partition, print.name);
  if (s.net.length > 0) view['network'] = describeNetwork(s.net, (env) => envelopeLine(env, print));
  if (s.timers.length > 0) view['timers'] = Object.fromEntries(s.timers.map((t) => [`${print.name(t.node)} ${print.timer(t.timer)}`, `at ${t.at}`]));
  if (history.length > 0) {
    view['history'] = Object.fromEntries(
      history.map((op) => {
        const end = op.return === undefined ? 'pending' : op.error !== undefined ? `error: ${op.error}` : print.output(op.output as O);
        return [`#${op.id}`, `c${op.client} ${print.input(op.input)} at ${print.name(op.node)} [${op.call}, ${op.return ?? '∞'}] → ${end}`];
      }),
    );
  }
  if (show.budget) view['faults left'] = s.budget;
  return view;
}
