import type { ReplicaState } from './coordinator.ts';
import { showVersion } from './messages.ts';

/** A replica in a trace: what it stores, hints it holds, operations it coordinates. */
export function describeReplica(s: ReplicaState): unknown {
  const view: Record<string, unknown> = { stored: `v=${s.stored.value} ${showVersion(s.stored.version)}` };
  if (s.hints.length > 0) view['hints'] = s.hints.map((h) => `for n${h.target}: v=${h.stored.value} ${showVersion(h.stored.version)}`);
  if (s.pending.length > 0) {
    view['coordinating'] = s.pending.map((p) => {
      const answered = [...Array(30).keys()].filter((j) => (p.answered >> j) & 1).map((j) => `n${j}`);
      return `#${p.op} ${p.operation} ${p.phase}, answered {${answered.join(',')}} v=${p.carried.value} ${showVersion(p.carried.version)}`;
    });
  }
  return view;
}

/** `write 1` / `read`. */
export const describeRegisterInput = (input: { f: string; value?: unknown }) => (input.f === 'write' ? `write ${String(input.value)}` : 'read');

/** `ok` / the value read. */
export const describeRegisterOutput = (output: object) => ('value' in output ? String(output.value) : 'ok');
