import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../src/core/params.ts';
import { quorumRegisterModel } from '../../models/quorum-register/quorum-register.ts';
import { checkModel, expectContract, expectFamily, expectShortest } from '../../src/testing/index.ts';

const verdicts = (report: Awaited<ReturnType<typeof checkModel>>) => Object.fromEntries(report.properties.map((p) => [p.name, p.verdict]));

describe('quorum-register (qreg3_fl.pml)', () => {
  it('meets every expectation; majority quorums: regular holds exhaustively over 4,753 states, and a read sees the other client', async () => {
    const [majority] = await expectFamily(quorumRegisterModel);
    expect([majority!.result.complete, majority!.result.distinctStates]).toEqual([true, 4753]);
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

  it('keeps to the model contract', () => {
    expectContract(quorumRegisterModel, 'majority', { maxStates: 300 });
  });

  it('rejects a quorum that does not fit its variant', () => {
    expect(() => resolveParams(quorumRegisterModel, 'majority', { Q: '1' })).toThrow('Q=1 is not allowed for majority: 2Q must be more than replicas (2)');
    expect(() => resolveParams(quorumRegisterModel, 'minority', { replicas: '3', Q: '2' })).toThrow('Q=2 is not allowed for minority: 2Q must be at most replicas (3)');
  });
});
