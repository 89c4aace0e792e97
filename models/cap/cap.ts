import { defineModel, type ParamValues } from '../../src/core/model.ts';
import { partition } from '../../src/system/index.ts';
import { available, linearizable } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { quorumSystem } from '../shared/quorum/system.ts';
import { writeVersusTwoReads } from '../shared/quorum/workloads.ts';
import { capVariants, type CapSetup, type CapVariantName } from './variants.ts';

/**
 * A CAP variant at validated parameters (with one of its mutations when named). Partitions may
 * heal or last for good: availability is judged in the terminal states, so a lasting partition
 * is what makes a store that blocks until the heal unavailable (Gilbert and Lynch 2002).
 */
export function capRegister(variant: CapVariantName, p: ParamValues, mutation?: string) {
  const row = capVariants[variant];
  const mutations: Record<string, { setup: Partial<CapSetup> }> = 'mutations' in row ? row.mutations : {};
  const override = mutation === undefined ? {} : mutations[mutation]?.setup;
  if (override === undefined) throw new Error(`cap/${variant} has no mutation '${mutation}'`);
  const setup = { ...row.setup, ...override };
  const n = p.replicas as number;
  const quorum = setup.quorums === 'majority' ? Math.floor(n / 2) + 1 : n;
  const timeout = p.timeout as number;
  const expect = row.expect as Record<string, 'holds' | 'violated'>;
  return quorumSystem(
    { ...setup, replicas: n, readQuorum: quorum, writeQuorum: quorum, timeout: setup.timesOut ? timeout : 0 },
    {
      workload: writeVersusTwoReads,
      faults: { budget: p.faults as number, kinds: [partition({ lasting: true })] },
      // Bounded delay: a timeout means the partition, not a slow message. Time runs long enough
      // for each of the workload's operations to time out in turn.
      clock: { horizon: timeout * 3, synchronous: true, forTimersOnly: true },
      properties: (o) => [
        linearizable(o, register(0), { expect: expect.linearizable! }),
        available(o, { expect: expect.available! }),
        {
          name: 'read-sees-a-write',
          kind: 'sometimes',
          description: 'some read returns a written value',
          check: (state) => o.history(state).some((op) => op.input.f === 'read' && op.output?.value !== undefined && op.output.value !== 0),
        },
      ],
    },
  );
}

/** The catalog entry. */
export const capModel = defineModel({
  name: 'cap',
  description: 'A replicated register under a partition: consistent (CP) or available (AP), not both (Gilbert and Lynch 2002)',
  params: {
    replicas: { type: 'int', default: 3, min: 3, max: 5, description: 'replicas (the workload uses n0, n1, n2)' },
    faults: { type: 'int', default: 1, min: 0, max: 2, description: 'fault budget (partitions, healing or lasting)' },
    timeout: { type: 'int', default: 1, min: 1, max: 4, description: 'ticks a coordinator waits for its quorum' },
  },
  variants: Object.fromEntries(Object.entries(capVariants).map(([name, row]) => [name, { description: row.description }])),
  build: (variant, params) => capRegister(variant as CapVariantName, params),
});
