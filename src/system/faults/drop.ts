import { distinctMessages, removeAt } from '../network.ts';
import { builtInKind, type FaultKind } from './kind.ts';

/** Drop: a message in flight is lost. One choice per distinct message (copies are interchangeable). */
export function drop(): FaultKind {
  return builtInKind({
    name: 'drop',
    wire: (w) => ({
      name: 'drop',
      injects: ['drop'],
      undoes: [],
      spends: true,
      enabled: (s) => distinctMessages(s.net).map((at) => ({ kind: 'drop', at, env: s.net[at]! })),
      apply: (s, a) => (a.kind === 'drop' ? { ...s, net: removeAt(s.net, a.at) } : s),
      line: (a) => (a.kind === 'drop' ? `drop ${w.describeEnvelope(a.env)}` : ''),
      bound: 'drop',
    }),
  });
}
