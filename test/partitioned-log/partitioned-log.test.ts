import { describe, expect, it } from 'vitest';
import { buildVariant, hashKey, partitionedLog, partitionedLogModel } from '../../models/partitioned-log/partitioned-log.ts';
import { KAFKA } from '../../models/partitioned-log/setup.ts';
import { LOG_VARIANTS, type LogVariant } from '../../models/partitioned-log/variants.ts';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';

const definition = partitionedLogModel;
const paramsOf = (variant: string, params: Record<string, number> = {}) =>
  resolveParams(definition, variant, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));

/** Every variant at its defaults (bfs): each property meets the table's expectation. */
async function expectFamily(d: typeof definition) {
  return Object.keys(d.variants).map((variant) => {
    const result = bfs(d.build(variant, paramsOf(variant)));
    const missed = result.properties.filter((p) => !p.ok).map((p) => `${variant}: ${p.name} ${p.verdict}`);
    expect(missed).toEqual([]);
    return { variant, result };
  });
}

/** The shortest counterexample of `property` (bfs): its length, and its lines when given. */
async function expectShortest(_d: typeof definition, variant: string, property: string, expected: { length: number; lines?: string[] }) {
  const result = bfs(definition.build(variant, paramsOf(variant)), { properties: [property] });
  const lines = result.properties.find((p) => p.name === property)!.counterexample!.steps.map((s) => s.description);
  expect(lines).toHaveLength(expected.length);
  if (expected.lines) expect(lines).toEqual(expected.lines);
  return lines;
}

/** Each mutation of the variant, checked by bfs at the variant's defaults: what missed its expectation. */
async function expectSensitivity(_d: typeof definition, variant: string) {
  const mutations = Object.entries((LOG_VARIANTS[variant as LogVariant] as { mutations?: Record<string, { description: string }> }).mutations ?? {});
  return mutations.map(([mutation, { description }]) => {
    const result = bfs(buildVariant(variant as LogVariant, paramsOf(variant), mutation));
    const missed = result.properties.filter((p) => !p.ok).map((p) => `${p.name}: ${p.verdict}, expected ${p.expected}`);
    return { mutation, description, caught: missed.length > 0, missed };
  });
}

/** bfs with and without the canonical form: the same verdicts and shortest lengths. */
async function expectReductionSound(_d: typeof definition, variant: string, _reduction: 'canonical', options: { params: Record<string, number> }) {
  const model = definition.build(variant, paramsOf(variant, options.params));
  const summary = (r: ExplorationResult) => r.properties.map((p) => `${p.name} ${p.verdict} ${p.counterexample?.steps.length ?? '-'}`);
  const reduced = bfs(model);
  const plain = bfs({ ...model, canonical: undefined });
  expect(summary(reduced)).toEqual(summary(plain));
  expect(reduced.complete || reduced.properties.every((p) => p.verdict === 'violated' || p.kind === 'sometimes')).toBe(true);
  return { reduced, plain };
}

describe('partitioned-log: every expectation of every variant, bfs at defaults', () => {
  it('meets the variants table', async () => {
    const reports = await expectFamily(definition);

    const states = Object.fromEntries(reports.map((r) => [r.variant, r.result.complete ? r.result.distinctStates : 'stopped']));
    // The exhaustive ones, with their state counts (the README's table quotes them).
    expect(states).toMatchObject({ keyed: 6_924, repartition: 45_008, 'retries-in-flight': 15_899, idempotent: 23_240, 'acks-all': 105_112, 'high-watermark': 24_190 });
  }, 600_000);
});

describe('partitioned-log: shortest counterexamples (bfs)', () => {
  it.each([
    ['repartition', 'per-key-order', 9],
    ['retries-in-flight', 'per-partition-order', 7],
    ['retries-in-flight', 'no-duplicates', 8],
    ['acks-one', 'no-lost-ack', 4],
    ['unclean-election', 'no-lost-ack', 8],
    ['election-ignores-isr', 'no-lost-ack', 10],
    ['truncate-to-high-watermark', 'replica-consistency', 8],
    ['truncate-to-high-watermark', 'no-lost-ack', 11],
    ['read-uncommitted', 'consumed-stays', 6],
  ] as const)('%s: %s in %i steps', async (variant, property, length) => {
    await expectShortest(definition, variant, property, { length });
  }, 60_000);

  it('acks-one: the leader acknowledges, then crashes before the follower fetched', async () => {
    await expectShortest(definition, 'acks-one', 'no-lost-ack', {
      length: 4,
      lines: [
        'c0 invokes send a1 at prod0',
        'deliver Produce(P0, a1) prod0→b0',
        'deliver ProduceResponse(P0, a1 at offset 0) b0→prod0; prod0 answers c0 send a1 → ack P0 offset 0',
        'crash b0',
      ],
    });
  });

  it('election-ignores-isr: the follower crashes and drops out of the ISR, the leader acknowledges alone, the lagging follower is elected', async () => {
    const lines = await expectShortest(definition, 'election-ignores-isr', 'no-lost-ack', { length: 10 });

    const crashes = lines.filter((l) => l.startsWith('crash '));
    expect(crashes).toEqual(['crash b1', 'crash b0']);
    expect(lines.findIndex((l) => l.startsWith('restart b1'))).toBeGreaterThan(lines.indexOf('crash b1'));
    expect(lines.findIndex((l) => /answers c0 send a1 → ack P0 offset 0/.test(l))).toBeLessThan(lines.indexOf('crash b0'));
  });

  it('truncate-to-high-watermark: the follower restarts before its crash is noticed and cuts a committed record while in the ISR (KIP-101)', async () => {
    await expectShortest(definition, 'truncate-to-high-watermark', 'replica-consistency', {
      length: 8,
      lines: [
        'c0 invokes send a1 at prod0',
        'deliver Produce(P0, a1) prod0→b0',
        'deliver FetchResponse(P0, [a1] from offset 0, hw 0) b0→b1',
        'deliver Fetch(P0, from offset 1, epoch 0) b1→b0',
        'crash b1',
        'restart b1',
        'deliver Register b1→ctl',
        'deliver LeaderAndIsr(P0: leader b0, epoch 0, isr {b0,b1}) ctl→b1',
      ],
    });
  });

  it('repartition: a1 goes to partition 0, the admin adds a partition, a2 (after b1) goes to partition 1', async () => {
    const lines = await expectShortest(definition, 'repartition', 'per-key-order', { length: 9 });

    const a1 = lines.findIndex((l) => /^deliver Produce\(P0, a1\)/.test(l));
    const added = lines.findIndex((l) => /set partitions to 3/.test(l));
    const learnt = lines.findIndex((l) => /^deliver Metadata\(P2: leader b2, 3 partitions\) ctl→prod0/.test(l));
    const a2 = lines.findIndex((l) => /^deliver Produce\(P1, a2\)/.test(l));
    expect(a1).toBeGreaterThanOrEqual(0);
    expect(added).toBeGreaterThan(a1);
    expect(learnt).toBeGreaterThan(added);
    expect(a2).toBeGreaterThan(learnt);
  });

  it('retries-in-flight: a1 is lost, a2 is appended, then a1 is retried and appended after it', async () => {
    const lines = await expectShortest(definition, 'retries-in-flight', 'per-partition-order', { length: 7 });

    const lost = lines.findIndex((l) => /^drop Produce\(P0, a1\)/.test(l));
    const a2 = lines.findIndex((l) => /^deliver Produce\(P0, a2\)/.test(l));
    const retried = lines.findIndex((l) => /timer retry a1 fires/.test(l));
    const a1 = lines.findIndex((l) => /^deliver Produce\(P0, a1\)/.test(l));
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThan(a2);
    expect(a2).toBeLessThan(a1);
    expect(retried).toBeGreaterThan(lost);
    expect(retried).toBeLessThan(a1);
  });

  it('retries-in-flight: the duplicate comes from a lost acknowledgement and a resend', async () => {
    const lines = await expectShortest(definition, 'retries-in-flight', 'no-duplicates', { length: 8 });

    expect(lines.some((l) => /^drop ProduceResponse\(P0, a1 at offset 0\)/.test(l))).toBe(true);
    expect(lines.filter((l) => /^deliver Produce\(P0, a1\)/.test(l))).toHaveLength(2);
  });
});

describe('partitioned-log: sensitivity (each mutation caught by the default check)', () => {
  const missed = (property: string) => `${property}: violated, expected holds`;
  // What each mutation breaks. Two are the mistakes issue 11 found passing: a sequence check
  // across producers (caught only with two producers on one partition, by no-lost-ack) and a
  // leader without a divergence check (caught only by replica consistency).
  const expected: Record<string, Record<string, string[]>> = {
    keyed: {
      'partitioner ignores the key': [missed('per-key-order')],
      'one more in flight': [missed('per-key-order'), missed('per-partition-order')],
    },
    idempotent: {
      'sequence compared across producers': [missed('no-lost-ack')],
      'no sequence check': [missed('per-partition-order'), missed('no-duplicates')],
    },
    'acks-all': {
      'election ignores the ISR': [missed('no-lost-ack')],
      'high watermark as max': [missed('no-lost-ack'), missed('replica-consistency')],
      'acks=all after the append': [missed('no-lost-ack')],
      'no divergence check': [missed('replica-consistency')],
      'high watermark over the confirmed ISR': [missed('no-lost-ack'), missed('replica-consistency')],
    },
    'high-watermark': {
      'reads above the high watermark': [missed('consumed-stays')],
    },
  };

  it('every variant with mutations is listed here, and every correct variant has some', () => {
    const withMutations = Object.entries(LOG_VARIANTS).filter(([, row]) => 'mutations' in row).map(([name]) => name);

    expect(withMutations).toEqual(Object.keys(expected));
  });

  it.each(Object.keys(expected))('%s', async (variant) => {
    const outcomes = await expectSensitivity(definition, variant);

    expect(Object.fromEntries(outcomes.map((o) => [o.mutation, o.missed]))).toEqual(expected[variant]);
  }, 600_000);
});

describe('partitioned-log: the canonical form (forgets call and return counts) is sound', () => {
  it.each([
    ['repartition', { keys: 1, messages: 2 }],
    ['acks-all', { faults: 1 }],
    ['unclean-election', {}],
    ['read-uncommitted', {}],
    ['retries-in-flight', { producers: 1 }],
    ['idempotent', { producers: 1, keys: 2, messages: 2, partitions: 2 }],
  ] as const)('%s %o', async (variant, params) => {
    const report = await expectReductionSound(definition, variant, 'canonical', { params });

    expect(report.reduced.distinctStates).toBeLessThanOrEqual(report.plain.distinctStates);
  }, 120_000);
});

describe('partitioned-log defaults', () => {
  it.each(Object.keys(definition.variants))('%s is not trivial: 2 replicas, a fault, and two sends or polls or a second fault', (variant) => {
    const p = resolveParams(definition, variant, {});
    const setup = LOG_VARIANTS[variant as keyof typeof LOG_VARIANTS].setup;
    const operations = (p.producers as number) * (p.messages as number) + setup.polls;

    expect(p.replication).toBeGreaterThanOrEqual(2);
    expect(p.faults).toBeGreaterThanOrEqual(1);
    expect(operations + (p.faults as number)).toBeGreaterThanOrEqual(3);
  });

  it('idempotent: both producers write to one partition (a sequence check across producers would show)', () => {
    const params = resolveParams(definition, 'idempotent', {});
    const model = partitionedLog(LOG_VARIANTS.idempotent.setup, params, []);

    const sends = model.system.operations.map((op) => (op.input.kind === 'send' ? `${op.input.label}@prod${op.input.producer}` : ''));

    expect(params.partitions).toBe(1);
    expect(sends).toEqual(['a1@prod0', 'a2@prod0', 'b1@prod1', 'b2@prod1']);
  });

  it('acks-all and election-ignores-isr allow two broker crashes: one crash hides an election that ignores the ISR', async () => {
    const oneCrash = buildVariant('acks-all', resolveParams(definition, 'acks-all', { faults: '1' }), 'election ignores the ISR');

    const result = bfs(oneCrash, { properties: ['no-lost-ack'] });

    expect(resolveParams(definition, 'acks-all', {}).faults).toBe(2);
    expect(result.complete).toBe(true);
    expect(result.properties[0]!.verdict).toBe('holds');
  }, 60_000);

  it('a producer with 2 keys cycles through them: a1, b1, a2, landing in partitions 0 and 1', () => {
    const model = partitionedLog(KAFKA, resolveParams(definition, 'repartition', {}), []);

    const sends = model.system.operations.map((op) => (op.input.kind === 'send' ? `${op.input.label}@prod${op.input.producer}→P${hashKey(op.input.key) % 2}` : ''));

    expect(sends).toEqual(['a1@prod0→P0', 'b1@prod0→P1', 'a2@prod0→P0']);
  });
});

describe('partitioned-log parameters', () => {
  it.each([
    ['brokers', '9', /brokers must be an integer from 2 to 5/],
    ['partitions', '0', /partitions must be an integer from 1 to 3/],
    ['in-flight', '5', /in-flight must be an integer from 1 to 3/],
  ])('%s=%s is refused', (name, value, message) => {
    expect(() => resolveParams(definition, 'keyed', { [name]: value })).toThrow(UsageError);
    expect(() => resolveParams(definition, 'keyed', { [name]: value })).toThrow(message);
  });

  it('replication above brokers is refused by validate', () => {
    expect(() => resolveParams(definition, 'keyed', { brokers: '2', replication: '3' })).toThrow(/replication=3 is not allowed: replication must be from 1 to brokers \(2\)/);
  });

  it('more than 3 keys in all is refused by validate', () => {
    expect(() => resolveParams(definition, 'keyed', { keys: '2' })).toThrow(/producers=2 with keys=2 is not allowed: producers × keys must be at most 3/);
  });

  it('min-insync above replication is refused by validate', () => {
    expect(() => resolveParams(definition, 'acks-all', { 'min-insync': '3' })).toThrow(/min-insync=3 is not allowed: min-insync must be from 1 to replication \(2\)/);
  });
});
