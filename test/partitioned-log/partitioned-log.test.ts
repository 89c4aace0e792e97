import { describe, expect, it } from 'vitest';
import { hashKey, partitionedLog, partitionedLogModel } from '../../models/partitioned-log/partitioned-log.ts';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';
import type { LogNode } from '../../models/partitioned-log/protocol.ts';
import type { SystemState } from '../../src/system/index.ts';

const build = (variant: string, overrides: Record<string, string> = {}) =>
  partitionedLogModel.build(variant, resolveParams(partitionedLogModel, variant, overrides));

const verdicts = (result: ExplorationResult) => Object.fromEntries(result.properties.map((p) => [p.name, p.verdict]));
const lines = (result: ExplorationResult, property: string) =>
  result.properties.find((p) => p.name === property)!.counterexample!.steps.map((s) => s.description);

describe('partitioned-log verdicts at default parameters (bfs)', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['keyed', { 'per-key-order': 'holds', 'per-partition-order': 'holds' }, true],
    ['repartition', { 'per-key-order': 'violated', 'per-partition-order': 'holds' }, true],
    ['retries-in-flight', { 'per-partition-order': 'violated', 'no-duplicates': 'violated' }, false],
    ['idempotent', { 'per-partition-order': 'holds', 'no-duplicates': 'holds' }, true],
    ['acks-all', { 'no-lost-ack': 'holds' }, true],
    ['acks-one', { 'no-lost-ack': 'violated' }, false],
    ['unclean-election', { 'no-lost-ack': 'violated' }, false],
    ['high-watermark', { 'consumed-stays': 'holds' }, true],
    ['read-uncommitted', { 'consumed-stays': 'violated' }, false],
  ];

  it.each(cases)('%s', (variant, expected, exhaustive) => {
    const model = build(variant);

    const result = bfs(model);

    expect(verdicts(result)).toEqual(expected);
    expect(result.properties.every((p) => p.ok)).toBe(true);
    if (exhaustive) expect(result.complete).toBe(true);
  }, 30_000);
});

describe('partitioned-log defaults', () => {
  it.each(Object.keys(partitionedLogModel.variants))('%s is not trivial: 3 brokers, 2 partitions, replication 2, 2 producers or keys, 2 or 3 messages each, a fault', (variant) => {
    const p = resolveParams(partitionedLogModel, variant, {});

    expect(p.brokers).toBeGreaterThanOrEqual(3);
    expect(p.partitions).toBeGreaterThanOrEqual(2);
    expect(p.replication).toBeGreaterThanOrEqual(2);
    expect(p.messages).toBeGreaterThanOrEqual(2);
    expect(p.messages).toBeLessThanOrEqual(3);
    expect(p.faults).toBeGreaterThanOrEqual(1);
    expect((p.producers as number) * (p.keys as number)).toBeGreaterThanOrEqual(2);
  });

  it('a producer with 2 keys cycles through them: a1, b1, a2, landing in partitions 0 and 1', () => {
    const model = partitionedLog('acks-all', resolveParams(partitionedLogModel, 'acks-all', {}));

    const sends = model.system.operations.map((op) => (op.input.f === 'send' ? `${op.input.label}@prod${op.input.producer}→P${hashKey(op.input.key) % 2}` : ''));

    expect(sends).toEqual(['a1@prod0→P0', 'b1@prod0→P1', 'a2@prod0→P0']);
  });
});

describe('partitioned-log symmetry of real time (canonical)', () => {
  // The canonical form forgets the operations' call and return counts; verdicts and shortest
  // counterexample lengths must be those of the plain state space.
  const summary = (result: ExplorationResult) =>
    result.properties.map((p) => `${p.name} ${p.verdict} ${p.counterexample?.steps.length ?? '-'} complete=${result.complete}`);
  it.each([
    ['repartition', { keys: '1', messages: '2' }],
    ['acks-all', { keys: '1', messages: '2' }],
    ['unclean-election', { keys: '2', messages: '3' }],
    ['read-uncommitted', { keys: '2' }],
    ['retries-in-flight', {}],
    ['idempotent', { producers: '1', keys: '2', messages: '3' }],
  ] as [string, Record<string, string>][])('%s %o: same verdicts and counterexample lengths as without it', (variant, overrides) => {
    const model = build(variant, overrides);
    const plain = { ...model, canonical: undefined };

    const reduced = bfs(model);
    const full = bfs(plain);

    expect(summary(reduced)).toEqual(summary(full));
    expect(reduced.distinctStates).toBeLessThanOrEqual(full.distinctStates);
  }, 30_000);
});

describe('partitioned-log counterexamples', () => {
  it('repartition: a1 goes to partition 0, the admin adds a partition, a2 (after b1) goes to partition 1', () => {
    const result = bfs(build('repartition'), { properties: ['per-key-order'] });

    const steps = lines(result, 'per-key-order');
    const a1 = steps.findIndex((l) => /^deliver Produce\(P0, a1\)/.test(l));
    const added = steps.findIndex((l) => /set partitions to 3/.test(l));
    const learnt = steps.findIndex((l) => /^deliver Metadata\(P2: leader b2, 3 partitions\) ctl→prod0/.test(l));
    const a2 = steps.findIndex((l) => /^deliver Produce\(P1, a2\)/.test(l));
    expect(a1).toBeGreaterThanOrEqual(0);
    expect(added).toBeGreaterThan(a1);
    expect(learnt).toBeGreaterThan(added);
    expect(a2).toBeGreaterThan(learnt);
    expect(steps.some((l) => /^deliver Produce\(P1, b1\)/.test(l))).toBe(true);
    expect(result.properties[0]!.counterexample!.violation).toMatch(/key a is split: a1 is in partition 0, a2 in partition 1/);
  });


  it('retries-in-flight: a1 is lost, a2 is appended, then a1 is retried and appended after it', () => {
    const result = bfs(build('retries-in-flight'), { properties: ['per-partition-order'] });

    const steps = lines(result, 'per-partition-order');
    const lost = steps.findIndex((l) => /^drop Produce\(P0, a1\)/.test(l));
    const a2Appended = steps.findIndex((l) => /^deliver Produce\(P0, a2\)/.test(l));
    const retried = steps.findIndex((l) => /retry#0 fires/.test(l));
    const a1Appended = steps.findIndex((l) => /^deliver Produce\(P0, a1\)/.test(l));
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThan(a2Appended);
    expect(a2Appended).toBeLessThan(a1Appended);
    expect(retried).toBeLessThan(a1Appended);
    expect(retried).toBeGreaterThan(lost);
    expect(result.properties[0]!.counterexample!.violation).toMatch(/holds \[a2, a1\]/);
  });

  it('retries-in-flight: the duplicate comes from a lost acknowledgement and a resend', () => {
    const result = bfs(build('retries-in-flight'), { properties: ['no-duplicates'] });

    const steps = lines(result, 'no-duplicates');
    expect(steps.some((l) => /^drop ProduceResp\(P0, a1 at offset 0\)/.test(l))).toBe(true);
    expect(steps.filter((l) => /^deliver Produce\(P0, a1\)/.test(l))).toHaveLength(2);
  });

  it('acks-one: the leader acknowledges, then crashes before the follower fetched', () => {
    const result = bfs(build('acks-one'));

    const steps = lines(result, 'no-lost-ack');
    const acked = steps.findIndex((l) => /prod0 answers c0 send a1 → ack P0 offset 0/.test(l));
    const crash = steps.findIndex((l) => l.startsWith('crash b0'));
    expect(acked).toBeGreaterThanOrEqual(0);
    expect(crash).toBeGreaterThanOrEqual(0);
    expect(steps.some((l) => /^deliver FetchResp\(P0, \[a1\]/.test(l))).toBe(false);
    const cx = result.properties[0]!.counterexample!;
    const beforeCrash = (cx.steps[crash - 1]?.state ?? cx.initial) as SystemState<LogNode, unknown, unknown>;
    expect(beforeCrash.nodes[1]!.logs![0]).toEqual([]);
    expect(cx.violation).toMatch(/a1 was acknowledged .* leader b1 holds \[\]/);
  });

  it('unclean-election: the out-of-sync replica that leads has not got the acknowledged message', () => {
    const result = bfs(build('unclean-election'));

    const steps = lines(result, 'no-lost-ack');
    expect(steps.filter((l) => l.startsWith('crash ')).length).toBe(2);
    expect(steps.some((l) => l.startsWith('restart b1'))).toBe(true);
  });
});

describe('partitioned-log parameters', () => {
  it.each([
    ['brokers', '9', /brokers must be an integer from 2 to 5/],
    ['partitions', '0', /partitions must be an integer from 1 to 3/],
    ['acks', '2', /acks must be one of 0, 1, all/],
    ['in-flight', '5', /in-flight must be an integer from 1 to 3/],
  ])('%s=%s is refused', (name, value, message) => {
    expect(() => resolveParams(partitionedLogModel, 'keyed', { [name]: value })).toThrow(UsageError);
    expect(() => resolveParams(partitionedLogModel, 'keyed', { [name]: value })).toThrow(message);
  });

  it('replication above brokers is refused by validate', () => {
    expect(() => resolveParams(partitionedLogModel, 'keyed', { brokers: '2', replication: '3' })).toThrow(/replication=3 is not allowed: replication must be from 1 to brokers \(2\)/);
  });

  it('more than 3 keys in all is refused by validate', () => {
    expect(() => resolveParams(partitionedLogModel, 'keyed', { keys: '2' })).toThrow(/producers=2 with keys=2 is not allowed: producers × keys must be at most 3/);
  });

  it('min-insync above replication is refused by validate', () => {
    expect(() => resolveParams(partitionedLogModel, 'acks-all', { 'min-insync': '3' })).toThrow(/min-insync=3 is not allowed: min-insync must be from 1 to replication \(2\)/);
  });
});
