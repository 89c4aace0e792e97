import { defineModel } from '../../src/core/model.ts';
import { defineSystem, type ClientStep } from '../../src/system/index.ts';
import { regularRegister } from '../../properties/history/index.ts';
import { client, type ClientMistake, type Sending } from './client.ts';
import type { RegisterInput } from './messages.ts';
import { replica } from './replica.ts';

/** The configuration of one quorum register. */
export interface QuorumRegisterOptions {
  readonly replicas: number;
  readonly clients: number;
  /** Answers each phase waits for (`Q` of `qreg3_fl.pml`). */
  readonly quorum: number;
  readonly sending: Sending;
  /** Stepwise sending: replies wait until the phase's requests are all sent (default true). */
  readonly guard?: boolean;
  /** A mistake injected by the sensitivity check (default none). */
  readonly mistake?: ClientMistake;
}

const describeInput = (input: RegisterInput) => (input.f === 'write' ? `write ${input.value}` : 'read');

/**
 * The quorum register of `qreg3_fl.pml`: replicas r0.., clients c0.., each client a write of
 * its own value (its index + 1) then a read, both coordinated by the client itself; per-link
 * FIFO; no faults. Versions come from a query phase, so two writers never collide.
 */
export function quorumRegister(options: QuorumRegisterOptions) {
  const replicas = Array.from({ length: options.replicas }, (_, i) => ({ role: 'replica' as const, name: `r${i}` }));
  const clients = Array.from({ length: options.clients }, (_, i) => ({ role: 'client' as const, name: `c${i}` }));
  const workload = clients.map(({ name }, i): ClientStep<RegisterInput>[] => [
    { node: name, input: { f: 'write', value: i + 1 } },
    { node: name, input: { f: 'read' } },
  ]);
  return defineSystem({
    roles: { replica, client: client({ quorum: options.quorum, clients: options.clients, sending: options.sending, guard: options.guard ?? true, mistake: options.mistake ?? 'none' }) },
    nodes: [...replicas, ...clients],
    network: 'fifo',
    workload,
    // The replicas are interchangeable, except under stepwise sending, which walks them in id order.
    ...(options.sending === 'batch' ? { symmetry: { roles: ['replica' as const] } } : {}),
    properties: (observer) => [
      regularRegister(observer, { initial: 0, expect: 2 * options.quorum > options.replicas ? 'holds' : 'violated' }),
      {
        name: 'reads-another-write',
        kind: 'sometimes',
        description: "some read returns the other client's value",
        check: (state) => observer.history(state).some((op) => op.input.f === 'read' && op.output?.value !== undefined && op.output.value !== 0 && op.output.value !== op.client + 1),
      },
    ],
    describeInput,
    describeOutput: (output) => (output.value === undefined ? 'ok' : String(output.value)),
  });
}

/** What a variant fixes: whether its quorums are majorities, and the client mistake a mutation injects. */
interface RegisterSetup {
  readonly quorums: 'majority' | 'minority';
  readonly mistake: ClientMistake;
}

const MAJORITY: RegisterSetup = { quorums: 'majority', mistake: 'none' };

/** The catalog entry. */
export const quorumRegisterModel = defineModel({
  name: 'quorum-register',
  description: "The quorum register of SPIN's qreg3_fl.pml: clients write then read through phase-tagged quorum requests over FIFO links",
  params: {
    replicas: { type: 'int', default: 2, min: 1, max: 5, description: 'replicas (NR; the SPIN model has 3)' },
    clients: { type: 'int', default: 2, min: 1, max: 3, description: 'clients, each a write then a read (NC)' },
    Q: { type: 'int', default: 2, min: 1, max: 5, description: 'answers each phase waits for' },
    sending: { type: 'enum', default: 'batch', values: ['batch', 'stepwise'], description: "a phase's requests in one step (as the SPIN model), or one a step with replies deferred until all are sent" },
  },
  variants: {
    majority: {
      description: 'Q is a majority: every two quorums meet, so a read sees the last completed write',
      setup: MAJORITY,
      expect: { regular: 'holds', 'reads-another-write': 'holds' },
      mutations: {
        'counts-stale-replies': { description: "a reply of a phase that is over counts towards the current phase's quorum", setup: { mistake: 'counts-stale-replies' } },
        'keeps-last-answer': { description: 'a query keeps the last answer received, not the highest version', setup: { mistake: 'keeps-last-answer' } },
        'same-round-version': { description: "a write's version stays in the highest version's round instead of going above it", setup: { mistake: 'same-round-version' } },
      },
    },
    minority: {
      description: 'Q is not a majority: a read quorum can miss a completed write',
      params: { Q: 1 },
      setup: { ...MAJORITY, quorums: 'minority' },
      expect: { regular: 'violated', 'reads-another-write': 'holds' },
    },
  },
  build: (variant, p) => quorumRegister({ replicas: p.replicas, clients: p.clients, quorum: p.Q, sending: p.sending, mistake: variant.setup.mistake}),
  validate(variant, p) {
    const q = p.Q;
    if (q > p.replicas) return `Q=${q} is not allowed: Q must be from 1 to replicas (${p.replicas})`;
    const majority = 2 * q > p.replicas;
    if (variant.setup.quorums === 'majority' && !majority) return `Q=${q} is not allowed for majority: 2Q must be more than replicas (${p.replicas})`;
    if (variant.setup.quorums === 'minority' && majority) return `Q=${q} is not allowed for minority: 2Q must be at most replicas (${p.replicas})`;
    return undefined;
  },
});
