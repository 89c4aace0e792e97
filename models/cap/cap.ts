import { defineModel } from '../../src/core/model.ts';
import { partition } from '../../src/system/index.ts';
import { available, linearizable } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';
import { quorumSystem } from '../shared/quorum/system.ts';
import { writeVersusTwoReads } from '../shared/quorum/workloads.ts';
import { capParams, capVariants, type CapParams, type CapSetup } from './variants.ts';

/**
 * The register of one CAP setup (mutated or not) at validated parameters. Partitions may heal or
 * last for good: availability is judged in the terminal states, so a lasting partition is what
 * makes a store that blocks until the heal unavailable (Gilbert and Lynch 2002).
 */
export function capRegister(setup: CapSetup, p: CapParams) {
  const quorum = setup.quorums === 'majority' ? Math.floor(p.replicas / 2) + 1 : p.replicas;
  return quorumSystem(
    { ...setup, replicas: p.replicas, readQuorum: quorum, writeQuorum: quorum, timeout: setup.timesOut ? p.timeout : 0 },
    {
      workload: writeVersusTwoReads,
      faults: { budget: p.faults, kinds: [partition({ lasting: true })] },
      // Bounded delay: a timeout means the partition, not a slow message. Time runs long enough
      // for each of the workload's operations to time out in turn.
      clock: { horizon: p.timeout * 3, synchronous: true, forTimersOnly: true },
      properties: (o) => [
        linearizable(o, register(0)),
        available(o),
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
  params: capParams,
  variants: capVariants,
  build: (variant, params) => capRegister(variant.setup, params),
});
