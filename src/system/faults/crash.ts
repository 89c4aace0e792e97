import type { NodeId } from '../types.ts';
import type { FaultKind } from './kind.ts';

/** Options of {@link crash}. */
export interface CrashOptions {
  /** The nodes that may crash (ids or names); default every node. */
  readonly nodes?: readonly (NodeId | string)[];
}

/**
 * Crash and restart: a node loses its volatile state and timers and keeps its durable fields;
 * every node still up hears of it at once (`onPeerCrash`: a perfect failure detector, like a
 * ZooKeeper session watch). Messages that reach it while down are lost. Restart is free: the
 * node comes back with its durable state over `init` and runs `onRestart`.
 */
export function crash(options: CrashOptions = {}): FaultKind {
  return {
    name: 'crash',
    wire: (w) => {
      const allowed = options.nodes ? [...new Set(options.nodes.map((node) => w.resolve(node, 'crash({ nodes })')))].sort((a, b) => a - b) : [...Array(w.size).keys()];
      return {
        name: 'crash',
        injects: ['crash'],
        undoes: ['restart'],
        spends: true,
        enabled(s) {
          const actions: { kind: 'crash'; node: NodeId }[] = [];
          for (const node of allowed) if (w.isUp(s, node)) actions.push({ kind: 'crash', node });
          return actions;
        },
        repairs(s) {
          const actions: { kind: 'restart'; node: NodeId }[] = [];
          for (let node = 0; node < w.size; node++) if (!w.isUp(s, node)) actions.push({ kind: 'restart', node });
          return actions;
        },
        apply(s, a) {
          if (a.kind === 'restart') {
            const base = { ...s, down: s.down & ~(1 << a.node) };
            return w.onRestart ? w.run(base, a.node, (local, ctx) => w.onRestart!(local, ctx)) : base;
          }
          if (a.kind !== 'crash') return s;
          let after: typeof s = {
            ...s,
            nodes: s.nodes.map((local, i) => (i === a.node ? w.afterCrash(i, local) : local)),
            down: s.down | (1 << a.node),
            timers: s.timers.filter((t) => t.node !== a.node),
          };
          if (w.onPeerCrash) {
            for (let node = 0; node < w.size; node++) {
              if (w.isUp(after, node)) after = w.run(after, node, (local, ctx) => w.onPeerCrash!(local, a.node, ctx));
            }
          }
          return after;
        },
        line: (a) => (a.kind === 'crash' || a.kind === 'restart' ? `${a.kind} ${w.name(a.node)}` : ''),
        bound: options.nodes ? `crash of ${allowed.map(w.name).join('/')}` : 'crash',
      };
    },
  };
}
