import { describePartition, partitionSides, separated, type FaultKind, type SystemState } from '../../src/system/index.ts';
import type { LogMessage } from './messages.ts';

/** Options of {@link isolation}: who may be cut off, who travels with them, and the controller whose sessions expire. */
export interface IsolationOptions {
  /** The brokers that may be cut off (names). */
  readonly brokers: readonly string[];
  /** The clients that stay on the isolated broker's side (they can still reach it, and only it). */
  readonly clients: readonly string[];
  readonly controller: string;
}

/** The state's record of the brokers whose session the controller let expire (a bit set; absent when none). */
type WithExpired<St> = St & { readonly expired?: number };

/**
 * A network partition that isolates one broker, with the clients, from the controller and the
 * other brokers: a leader cut off this way is a zombie that its clients still reach. While it is
 * cut off, the controller's session with it (ZooKeeper's) may expire at any step: the controller
 * treats it as failed (`onPeerCrash`: out of the ISR, another leader elected), while the broker
 * itself hears nothing. At the heal a broker whose session expired registers again (a Register to
 * the controller), as a Kafka broker does when it reconnects with a new session. Messages across
 * the cut stay in flight until the heal. The partition spends one unit of the fault budget; the
 * expiry and the heal are free.
 */
export function isolation(options: IsolationOptions): FaultKind {
  return {
    name: 'isolation',
    wire: (w) => {
      const controller = w.resolve(options.controller, 'isolation({ controller })');
      const clients = options.clients.map((c) => w.resolve(c, 'isolation({ clients })'));
      const brokers = options.brokers.map((b) => w.resolve(b, 'isolation({ brokers })'));
      const sides = brokers.map((b) => partitionSides(w.size, [[b, ...clients]])[0]!);
      const expired = (s: WithExpired<SystemState<unknown, unknown, unknown, unknown>>) => s.expired ?? 0;
      const cutOff = (s: SystemState<unknown, unknown, unknown, unknown>) => brokers.filter((b) => separated(s.partition, b, controller));
      return {
        name: 'isolation',
        injects: ['partition'],
        undoes: ['notice', 'heal'],
        spends: true,
        enabled: (s) => (s.partition !== 0 ? [] : sides.map((side) => ({ kind: 'partition' as const, side }))),
        repairs(s) {
          if (s.partition === 0) return [];
          const expiries = cutOff(s).filter((b) => w.isUp(s, b) && ((expired(s) >> b) & 1) === 0).map((node) => ({ kind: 'notice' as const, node }));
          return [...expiries, { kind: 'heal' as const }];
        },
        apply(s, a) {
          if (a.kind === 'partition') return { ...s, partition: a.side };
          if (a.kind === 'notice') {
            const after = w.onPeerCrash ? w.run(s, controller, (local, ctx) => w.onPeerCrash!(local, a.node, ctx)) : s;
            return { ...after, expired: expired(s) | (1 << a.node) };
          }
          if (a.kind !== 'heal') return s;
          const { expired: lapsed = 0, ...healed } = { ...(s as WithExpired<typeof s>), partition: 0 };
          let after: typeof s = healed;
          for (const b of brokers) {
            if ((lapsed >> b) & 1 && w.isUp(after, b)) after = w.run(after, b, (local, ctx) => (ctx.send(controller, { type: 'Register' } as LogMessage as never), local));
          }
          return after;
        },
        line(a, s) {
          if (a.kind === 'partition') return `partition ${describePartition(w.size, a.side, w.name)}`;
          if (a.kind === 'notice') return `${w.name(controller)}'s session with ${w.name(a.node)} expires`;
          const again = brokers.filter((b) => (expired(s) >> b) & 1 && w.isUp(s, b)).map(w.name);
          return again.length === 0 ? 'heal' : `heal; ${again.join(', ')} registers again`;
        },
        bound: 'isolation of a broker with the clients',
      };
    },
  };
}
