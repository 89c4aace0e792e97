import type { NodeId } from '../types.ts';
import { builtInKind, type FaultKind } from './kind.ts';

/** Options of {@link crash}. */
export interface CrashOptions {
  /** The nodes that may crash (ids or names); default every node. */
  readonly nodes?: readonly (NodeId | string)[];
  /**
   * When the other nodes hear of a crash (`onPeerCrash`): at once (`perfect`, the default), or
   * (`delayed`, like a session timeout) at any later step while the node is still down, by a free
   * `notice` action; a node that restarts first was never noticed to be down.
   */
  readonly detection?: 'perfect' | 'delayed';
}

/**
 * Crash and restart: a node loses its volatile state and timers and keeps its durable fields;
 * every node still up hears of it at once (`onPeerCrash`: a perfect failure detector, like a
 * ZooKeeper session watch). Messages that reach it while down are lost. Restart is free: the
 * node comes back with its durable state over `init` and runs `onRestart`. With
 * `detection: 'delayed'` the others hear of the crash later, or not at all (see {@link CrashOptions}).
 */
export function crash(options: CrashOptions = {}): FaultKind {
  return builtInKind({
    name: 'crash',
    wire: (w) => {
      const allowed = options.nodes ? [...new Set(options.nodes.map((node) => w.resolve(node, 'crash({ nodes })')))].sort((a, b) => a - b) : [...Array(w.size).keys()];
      const delayed = options.detection === 'delayed';
      const unnoticed = (s: { readonly unnoticed?: number }) => s.unnoticed ?? 0;
      /** Every node still up hears of the crash (the failure detector's report). */
      const report = (s: Parameters<typeof w.isUp>[0], crashed: NodeId) => {
        let after = s;
        if (w.onPeerCrash) {
          for (let node = 0; node < w.size; node++) {
            if (w.isUp(after, node)) after = w.run(after, node, (local, ctx) => w.onPeerCrash!(local, crashed, ctx));
          }
        }
        return after;
      };
      /** The state without `node` among the unnoticed crashes (the field left out when none is left). */
      const noticed = <St extends { readonly unnoticed?: number }>(s: St, node: NodeId): St => {
        if (((unnoticed(s) >> node) & 1) === 0) return s;
        const rest = unnoticed(s) & ~(1 << node);
        if (rest !== 0) return { ...s, unnoticed: rest };
        const { unnoticed: _none, ...without } = s;
        return without as St;
      };
      return {
        name: 'crash',
        injects: ['crash'],
        undoes: delayed ? ['restart', 'notice'] : ['restart'],
        spends: true,
        enabled(s) {
          const actions: { kind: 'crash'; node: NodeId }[] = [];
          for (const node of allowed) if (w.isUp(s, node)) actions.push({ kind: 'crash', node });
          return actions;
        },
        repairs(s) {
          const actions: { kind: 'restart' | 'notice'; node: NodeId }[] = [];
          for (let node = 0; node < w.size; node++) if (!w.isUp(s, node)) actions.push({ kind: 'restart', node });
          for (let node = 0; node < w.size; node++) if ((unnoticed(s) >> node) & 1) actions.push({ kind: 'notice', node });
          return actions;
        },
        apply(s, a) {
          if (a.kind === 'restart') {
            // Back before its crash was noticed: the others never hear of it.
            const base = noticed({ ...s, down: s.down & ~(1 << a.node) }, a.node);
            return w.onRestart ? w.run(base, a.node, (local, ctx) => w.onRestart!(local, ctx)) : base;
          }
          if (a.kind === 'notice') return report(noticed(s, a.node), a.node);
          if (a.kind !== 'crash') return s;
          const after: typeof s = {
            ...s,
            nodes: s.nodes.map((local, i) => (i === a.node ? w.afterCrash(i, local) : local)),
            down: s.down | (1 << a.node),
            timers: s.timers.filter((t) => t.node !== a.node),
          };
          return delayed ? { ...after, unnoticed: unnoticed(s) | (1 << a.node) } : report(after, a.node);
        },
        line: (a) => (a.kind === 'notice' ? `the failure detector reports ${w.name(a.node)} down` : a.kind === 'crash' || a.kind === 'restart' ? `${a.kind} ${w.name(a.node)}` : ''),
        bound: `${options.nodes ? `crash of ${allowed.map(w.name).join('/')}` : 'crash'}${delayed ? ' (noticed late or never)' : ''}`,
      };
    },
  });
}
