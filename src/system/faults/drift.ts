import { builtInKind, type FaultKind } from './kind.ts';

/**
 * Clock drift: a node's clock runs ahead of global time by one more tick, up to `skew`
 * (local clock = time + offset, 0 <= offset <= skew). Bounded by the skew, not by the fault
 * budget. The layer wires it in from `clock.skew`.
 */
export function drift(skew: number): FaultKind {
  return builtInKind({
    name: 'drift',
    wire: (w) => ({
      name: 'drift',
      injects: ['drift'],
      undoes: [],
      spends: false,
      enabled(s) {
        const actions: { kind: 'drift'; node: number }[] = [];
        for (let node = 0; node < w.size; node++) if (s.offsets[node]! < skew) actions.push({ kind: 'drift', node });
        return actions;
      },
      apply: (s, a) => (a.kind === 'drift' ? { ...s, offsets: s.offsets.map((o, i) => (i === a.node ? o + 1 : o)) } : s),
      line: (a) => (a.kind === 'drift' ? `${w.name(a.node)} clock +1` : ''),
      bound: `clock skew <= ${skew}`,
    }),
  });
}
