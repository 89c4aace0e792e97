import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { withoutSymmetry } from '../../src/system/index.ts';
import { quorumRegisterModel } from '../../models/quorum-register/quorum-register.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

const verdicts = (report: Awaited<ReturnType<typeof checkModel>>) => Object.fromEntries(report.properties.map((p) => [p.name, p.verdict]));

describe('quorum-register (qreg3_fl.pml)', () => {
  it('meets every expectation; majority quorums: regular holds exhaustively over 2,669 states (4,753 without symmetry), and a read sees the other client', async () => {
    const [majority] = await expectFamily(quorumRegisterModel);
    expect([majority!.result.complete, majority!.result.distinctStates]).toEqual([true, 2669]);
    const plain = bfs(withoutSymmetry(quorumRegisterModel.build('majority', resolveParams(quorumRegisterModel, 'majority'))), { exhaustive: true });
    expect([plain.complete, plain.distinctStates]).toEqual([true, 4753]);
  });

  it("one-answer quorums: a read misses the other client's completed write, 13 steps", async () => {
    const lines = await expectShortest(quorumRegisterModel, 'minority', 'regular', { length: 13 });
    expect(lines.at(-1)).toBe('deliver QueryReply(phase=read-query, version=2, value=1) r0→c0; c0 answers c0 read → 1');
  });

  it('one request a step (replies deferred until the phase is sent) keeps the verdicts', async () => {
    const majority = await checkModel(quorumRegisterModel, { variant: 'majority', params: { sending: 'stepwise' } });
    expect([majority.ok, verdicts(majority)]).toEqual([true, { regular: 'holds', 'reads-another-write': 'holds' }]);
    const minority = await checkModel(quorumRegisterModel, { variant: 'minority', params: { sending: 'stepwise' } });
    expect([minority.ok, verdicts(minority).regular]).toEqual([true, 'violated']);
  });

  it('majority: its default check catches a write that stays in the highest round; the other two need more replicas', async () => {
    // With 2 replicas and Q = 2 every phase waits for every replica: no reply is ever stale, and a
    // query sees every copy, so the last answer and the highest one differ only during a write.
    const atDefaults = { 'counts-stale-replies': 'every phase waits for every replica', 'keeps-last-answer': 'every query hears every replica' };
    const outcomes = await expectSensitivity(quorumRegisterModel, 'majority', { harmless: atDefaults });
    expect(outcomes.map((o) => [o.mutation, o.caught])).toEqual([
      ['counts-stale-replies', false],
      ['keeps-last-answer', false],
      ['same-round-version', true],
    ]);
    // At 3 replicas one client shows a stale reply counted (and a version no higher than the
    // initial one). Keeping the last answer needs a second
    // client as well (a client's own update reaches each replica before its read query, on the
    // same FIFO link): 3 replicas and 2 clients is beyond what this test can afford.
    const three = await expectSensitivity(quorumRegisterModel, 'majority', {
      params: { replicas: '3', clients: '1' },
      properties: ['regular'],
      harmless: { 'keeps-last-answer': 'one client reads its own update' },
    });
    expect(three.map((o) => o.caught)).toEqual([true, false, true]);
  });

  it('keeps to the model contract', () => {
    expectContract(quorumRegisterModel, 'majority', { maxStates: 300 });
  });

  it('rejects a quorum that does not fit its variant', () => {
    expect(() => resolveParams(quorumRegisterModel, 'majority', { Q: '1' })).toThrow('Q=1 is not allowed for majority: 2Q must be more than replicas (2)');
    expect(() => resolveParams(quorumRegisterModel, 'minority', { replicas: '3', Q: '2' })).toThrow('Q=2 is not allowed for minority: 2Q must be at most replicas (3)');
  });
});
