import { defineModel, type Variant } from 'faultline';
import { regularRegister } from 'faultline/properties';
import { defineSystem, drop } from 'faultline/system';
import { backup } from './backup.ts';
import type { Input } from './messages.ts';
import { primary, type PrimaryDesign } from './primary.ts';

/** Options of one build: the reduction can be switched off, for the test that checks it is sound. */
export interface BuildOptions {
  readonly backups: number;
  readonly drops: number;
  readonly obsolete?: boolean;
}

/** Operations in the workload below. */
const OPERATIONS = 3;

/** A primary `p` and backups `b0..`; client c0 writes 1 then 2 at the primary, client c1 reads at b0. */
export function primaryBackup(design: PrimaryDesign, options: BuildOptions) {
  const backups = Array.from({ length: options.backups }, (_, i) => ({ role: 'backup' as const, name: `b${i}` }));
  const system = defineSystem({
    roles: { primary: primary(design), backup },
    nodes: [{ role: 'primary', name: 'p' }, ...backups],
    network: 'unordered',
    workload: [
      [
        { node: 'p', input: { f: 'write', value: 1 } },
        { node: 'p', input: { f: 'write', value: 2 } },
      ],
      [{ node: 'b0', input: { f: 'read' } }],
    ],
    faults: { budget: options.drops, kinds: [drop()] },
    clock: { horizon: 2, synchronous: true },
    properties: (observer) => [
      regularRegister(observer, { initial: 0 }),
      {
        // Liveness under a bounded clock is a reachability question: some run spends the drop and still completes everything.
        name: 'completes despite a drop',
        kind: 'sometimes',
        check: (s) => s.budget === 0 && observer.history(s).filter((op) => op.return !== undefined).length === OPERATIONS,
      },
      {
        name: 'a backup read sees a write',
        kind: 'sometimes',
        check: (s) => observer.history(s).some((op) => op.input.f === 'read' && op.output?.value !== undefined && op.output.value > 0),
      },
    ],
    // An Ack for a version the primary no longer waits for changes nothing: dropping it merges states.
    ...(options.obsolete === false ? {} : { obsolete: (msg, _from, to, view) => msg.type === 'Ack' && view.state('primary', to).pending?.version !== msg.version }),
    describeInput: (input: Input) => (input.f === 'write' ? `write ${input.value}` : 'read'),
    describeOutput: (output) => (output.value === undefined ? 'ok' : String(output.value)),
  });
  return system;
}

export const primaryBackupModel = defineModel({
  name: 'primary-backup',
  description: 'a register replicated from a primary to its backups; reads at a backup',
  params: {
    backups: { type: 'int', default: 1, min: 1, max: 2, description: 'number of backups' },
    drops: { type: 'int', default: 1, min: 0, max: 2, description: 'messages the network may drop' },
  },
  variants: {
    synchronous: {
      description: 'the primary answers a write once every backup has it',
      setup: { answerAfter: 'backups', resend: true },
      expect: { regular: 'holds', 'completes despite a drop': 'holds', 'a backup read sees a write': 'holds' },
      mutations: {
        'answer-before-replicated': { description: 'the primary answers before the backups have the write', setup: { answerAfter: 'local' } },
        'no-resend': { description: 'a dropped update is never sent again', setup: { resend: false } },
      },
    },
    asynchronous: {
      description: 'the primary answers a write at once and replicates it afterwards',
      setup: { answerAfter: 'local', resend: true },
      expect: { regular: 'violated', 'completes despite a drop': 'holds', 'a backup read sees a write': 'holds' },
    },
  },
  build: (variant: Variant<PrimaryDesign>, params) => primaryBackup(variant.setup, params),
});
