import { defineModel, type Model, type Variant } from 'faultline';

/** Where a client is in its increment: it reads the counter, then writes back what it read plus one. */
export interface Client {
  readonly step: 'start' | 'holding' | 'done';
  /** The value it read (meaningful while `holding`). */
  readonly seen: number;
}

/** The shared counter, the clients, and who holds the lock (if anyone). */
export interface Counter {
  readonly value: number;
  readonly clients: readonly Client[];
  readonly lockHolder: number | null;
}

/** A client's next step. */
export interface Step {
  readonly type: 'read' | 'write';
  readonly client: number;
}

/** The design choices a variant makes: `build` reads them, typed. */
export interface Locking {
  /** A client takes the lock before it reads. */
  readonly lock: boolean;
  /** When it lets go of the lock: after its write (right), right after its read or never (two mistakes). */
  readonly releaseAfter: 'read' | 'write' | 'never';
}

/** The model: pure functions of the state, nothing else. */
export function counterModel(clients: number, locking: Locking): Model<Counter, Step> {
  const ids = Array.from({ length: clients }, (_, id) => id);
  const canStart = (s: Counter) => !locking.lock || s.lockHolder === null;
  const release = (s: Counter, after: Step['type']) => (locking.releaseAfter === after ? null : s.lockHolder);
  return {
    init: () => [{ value: 0, clients: ids.map(() => ({ step: 'start', seen: 0 })), lockHolder: null }],

    actions: (s) =>
      ids.flatMap((client): Step[] => {
        const { step } = s.clients[client]!;
        if (step === 'start' && canStart(s)) return [{ type: 'read', client }];
        if (step === 'holding') return [{ type: 'write', client }];
        return [];
      }),

    next(s, { type, client }) {
      const clients = s.clients.map((c, id) => {
        if (id !== client) return c;
        return type === 'read' ? { step: 'holding' as const, seen: s.value } : { step: 'done' as const, seen: c.seen };
      });
      if (type === 'read') return { value: s.value, clients, lockHolder: locking.lock ? release({ ...s, lockHolder: client }, 'read') : null };
      return { value: s.clients[client]!.seen + 1, clients, lockHolder: release(s, 'write') };
    },

    properties: [
      {
        name: 'no lost update',
        kind: 'always',
        description: 'once every client is done, the counter counts every increment',
        check: (s) => !s.clients.every((c) => c.step === 'done') || s.value === clients || `counter is ${s.value} after ${clients} increments`,
      },
      {
        name: 'everyone finishes',
        kind: 'eventually',
        description: 'every run ends with every client done (no one is stuck waiting for the lock)',
        check: (s) => s.clients.every((c) => c.step === 'done') || 'a client never finished',
      },
      {
        name: 'every increment counted',
        kind: 'sometimes',
        description: 'some run ends with the counter equal to the number of clients',
        check: (s) => s.value === clients,
      },
    ],

    describeAction: ({ type, client }) => `c${client} ${type}s`,
  };
}

/** The family: parameters, and each variant declared once. */
export const lostUpdate = defineModel({
  name: 'lost-update',
  description: 'clients increment a shared counter by reading it and writing it back',
  params: {
    clients: { type: 'int', default: 2, min: 1, max: 4, description: 'number of clients' },
  },
  variants: {
    racy: {
      description: 'no lock: two reads can see the same value',
      setup: { lock: false, releaseAfter: 'write' },
      expect: { 'no lost update': 'violated', 'everyone finishes': 'holds', 'every increment counted': 'holds' },
    },
    locked: {
      description: 'a client holds a lock from its read to its write',
      setup: { lock: true, releaseAfter: 'write' },
      expect: { 'no lost update': 'holds', 'everyone finishes': 'holds', 'every increment counted': 'holds' },
      mutations: {
        'early-release': { description: 'the lock is let go right after the read', setup: { releaseAfter: 'read' } },
        'no-lock': { description: 'the lock is never taken', setup: { lock: false } },
        'never-released': { description: 'a client keeps the lock when it is done', setup: { releaseAfter: 'never' } },
      },
    },
  },
  build: (variant: Variant<Locking>, params) => counterModel(params.clients, variant.setup),
});
