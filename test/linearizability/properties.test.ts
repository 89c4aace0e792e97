import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryOperation, SequentialSpec } from '../../properties/linearizability/index.ts';
import { casRegister, checkLinearizability, keyValueMap, kv, register, returnTime } from '../../properties/linearizability/index.ts';

type AnySpec = SequentialSpec<unknown, unknown, unknown>;

/** A spec, a generator of its inputs, and how to corrupt one of its outputs. */
interface Subject {
  readonly name: string;
  readonly spec: AnySpec;
  readonly input: fc.Arbitrary<unknown>;
  /** Independent reference implementation producing the outputs of a sequential run. */
  readonly reference: { init(): unknown; apply(state: unknown, input: unknown): { output: unknown; next: unknown } };
  /** A different, wrong output for this input, or undefined when the output carries no information. */
  readonly corrupt: (input: unknown, output: unknown) => unknown;
}

const value = fc.integer({ min: 0, max: 3 });
const key = fc.constantFrom('a', 'b', 'c');
const subjects: Subject[] = [
  {
    name: 'register',
    spec: register(0) as AnySpec,
    reference: {
      init: () => 0,
      apply: (state, input) => {
        const i = input as { f: string; value?: number };
        return i.f === 'read' ? { output: { value: state }, next: state } : { output: {}, next: i.value };
      },
    },
    input: fc.oneof(fc.constant({ f: 'read' }), value.map((v) => ({ f: 'write', value: v }))),
    corrupt: (input, output) => ((input as { f: string }).f === 'read' ? { value: (output as { value: number }).value + 1 } : undefined),
  },
  {
    name: 'cas-register',
    spec: casRegister(null) as AnySpec,
    reference: {
      init: () => null,
      apply: (state, input) => {
        const i = input as { f: string; value?: number; from?: number | null; to?: number };
        if (i.f === 'read') return { output: { value: state }, next: state };
        if (i.f === 'write') return { output: {}, next: i.value };
        return state === i.from ? { output: { ok: true }, next: i.to } : { output: { ok: false }, next: state };
      },
    },
    input: fc.oneof(
      fc.constant({ f: 'read' }),
      value.map((v) => ({ f: 'write', value: v })),
      fc.tuple(fc.option(value), value).map(([from, to]) => ({ f: 'cas', from, to })),
    ),
    corrupt: (input, output) => {
      const f = (input as { f: string }).f;
      if (f === 'read') return { value: ((output as { value: number | null }).value ?? -1) + 1 };
      if (f === 'cas') return { ok: !(output as { ok: boolean }).ok };
      return undefined;
    },
  },
  {
    name: 'kv',
    spec: kv() as AnySpec,
    reference: {
      init: () => new Map<string, string>(),
      apply: (state, input) => {
        const m = state as Map<string, string>;
        const i = input as { f: string; key: string; value?: string };
        if (i.f === 'get') return { output: { value: m.get(i.key) ?? '' }, next: m };
        const next = new Map(m);
        next.set(i.key, (i.f === 'append' ? (m.get(i.key) ?? '') : '') + i.value);
        return { output: {}, next };
      },
    },
    input: fc.oneof(
      key.map((k) => ({ f: 'get', key: k })),
      fc.tuple(key, fc.constantFrom('x', 'y')).map(([k, v]) => ({ f: 'put', key: k, value: v })),
      fc.tuple(key, fc.constantFrom('x', 'y')).map(([k, v]) => ({ f: 'append', key: k, value: v })),
    ),
    corrupt: (input, output) => ((input as { f: string }).f === 'get' ? { value: (output as { value: string }).value + 'z' } : undefined),
  },
  {
    name: 'key-value-map',
    spec: keyValueMap(null) as AnySpec,
    reference: {
      init: () => new Map<string, number>(),
      apply: (state, input) => {
        const m = state as Map<string, number>;
        const i = input as { f: string; key: string; value?: number };
        if (i.f === 'read') return { output: { value: m.get(i.key) ?? null }, next: m };
        return { output: {}, next: new Map(m).set(i.key, i.value!) };
      },
    },
    input: fc.oneof(key.map((k) => ({ f: 'read', key: k })), fc.tuple(key, value).map(([k, v]) => ({ f: 'write', key: k, value: v }))),
    corrupt: (input, output) => ((input as { f: string }).f === 'read' ? { value: `${String((output as { value: unknown }).value)}!` } : undefined),
  },
];

/**
 * Runs inputs through an independent reference implementation (plain JS, written here
 * rather than taken from the spec) and records what each operation returned.
 */
function sequentialRun(subject: Subject, inputs: unknown[]): unknown[] {
  let state = subject.reference.init();
  return inputs.map((input) => {
    const { output, next } = subject.reference.apply(state, input);
    state = next;
    return output;
  });
}

/** Checks that ids form a linearization: every op once, real-time order kept, legal run. */
function isValidWitness(spec: AnySpec, ops: readonly HistoryOperation[], order: readonly number[]): boolean {
  const byId = new Map(ops.map((o) => [o.id, o]));
  if (order.length !== ops.length || new Set(order).size !== ops.length) return false;
  let state = spec.init();
  for (let i = 0; i < order.length; i++) {
    const a = byId.get(order[i]!)!;
    for (let j = i + 1; j < order.length; j++) if (returnTime(byId.get(order[j]!)!) < a.call) return false;
    const r = spec.step(state, a.input, returnTime(a) === Infinity ? undefined : (a.output ?? undefined));
    if (!r.ok) return false;
    state = r.next;
  }
  return true;
}

describe('property: histories from a real sequential run are linearizable', () => {
  for (const subject of subjects) {
    it(subject.name, () => {
      const scenario = fc.record({
        inputs: fc.array(subject.input, { minLength: 1, maxLength: 14 }),
        // Per operation: how long before / after its linearization point it was called /
        // returned, whether it stays pending, and whether its output was lost.
        spans: fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.nat(9), fc.nat(9)), { minLength: 14, maxLength: 14 }),
      });
      fc.assert(
        fc.property(scenario, ({ inputs, spans }) => {
          // Arrange: linearization point of op i at 10·i; its interval surrounds it.
          const outputs = sequentialRun(subject, inputs);
          const history: HistoryOperation[] = inputs.map((input, i) => {
            const [before, after, pending, lost] = spans[i]!;
            const call = 10 * i - before;
            return {
              id: i,
              client: i,
              call,
              ...(pending === 0 ? {} : { return: 10 * i + after + 1 }),
              input,
              output: lost === 0 ? null : outputs[i],
            };
          });
          // Act
          const result = checkLinearizability(subject.spec, history);
          // Assert
          expect(result.verdict).toBe('linearizable');
          for (const p of result.partitions) {
            const part = history.filter((o) => p.linearization!.includes(o.id));
            expect(isValidWitness(subject.spec, part, p.linearization!)).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('property: one wrong response in a sequential history is always caught', () => {
  for (const subject of subjects) {
    it(subject.name, () => {
      fc.assert(
        fc.property(fc.array(subject.input, { minLength: 1, maxLength: 20 }), fc.nat(), (inputs, pick) => {
          // Arrange: non-overlapping operations, one informative response corrupted.
          const outputs = sequentialRun(subject, inputs);
          const candidates = inputs.map((_, i) => i).filter((i) => subject.corrupt(inputs[i], outputs[i]) !== undefined);
          fc.pre(candidates.length > 0);
          const victim = candidates[pick % candidates.length]!;
          const history: HistoryOperation[] = inputs.map((input, i) => ({
            id: i,
            client: 0,
            call: 2 * i,
            return: 2 * i + 1,
            input,
            output: i === victim ? subject.corrupt(input, outputs[i]) : outputs[i],
          }));
          // Act
          const result = checkLinearizability(subject.spec, history);
          // Assert: caught, and the explanation points at the corrupted operation.
          expect(result.verdict).toBe('not linearizable');
          expect(result.explanation!.stuck.map((s) => s.operation.id)).toEqual([victim]);
          expect(result.explanation!.stuck[0]!.reason).toBe('illegal');
        }),
        { numRuns: 200 },
      );
    });
  }
});
