import { distinctMessages, enqueue } from '../network.ts';
import { builtInKind, type FaultKind } from './kind.ts';

/** Duplicate: a copy of a message in flight is added to the network (delivered twice). */
export function duplicate(): FaultKind {
  return builtInKind({
    name: 'duplicate',
    wire: (w) => ({
      name: 'duplicate',
      injects: ['duplicate'],
      undoes: [],
      spends: true,
      enabled: (s) => distinctMessages(s.net).map((at) => ({ kind: 'duplicate', at, env: s.net[at]! })),
      apply: (s, a) => (a.kind === 'duplicate' ? { ...s, net: enqueue(s.net, [a.env], w.semantics) } : s),
      line: (a) => (a.kind === 'duplicate' ? `duplicate ${w.describeEnvelope(a.env)}` : ''),
      bound: 'duplicate',
    }),
  });
}
