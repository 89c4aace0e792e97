import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { quorumRegisterModel } from '../../models/quorum-register/quorum-register.ts';

const check = (variant: string, overrides: Record<string, string> = {}) => bfs(quorumRegisterModel.build(variant, resolveParams(quorumRegisterModel, variant, overrides)));
const verdicts = (result: ReturnType<typeof check>) => Object.fromEntries(result.properties.map((p) => [p.name, p.verdict]));

describe('quorum-register (qreg3_fl.pml)', () => {
  it('majority quorums: regular holds exhaustively over 4,753 states, and a read sees the other client', () => {
    const result = check('majority');
    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBe(4753);
    expect(verdicts(result)).toEqual({ regular: 'holds', 'reads-another-write': 'holds' });
  });

  it('one-answer quorums: a read misses the other client\'s completed write, 13 steps', () => {
    const result = check('minority');
    const regular = result.properties.find((p) => p.name === 'regular')!;
    expect(regular.verdict).toBe('violated');
    expect(regular.counterexample!.steps.length).toBe(13);
    expect(regular.counterexample!.steps.at(-1)!.description).toBe('deliver QueryReply(phase=read-query, version=2, value=1) r0→c0; c0 answers c0 read → 1');
  });

  it('one request a step (replies deferred until the phase is sent) keeps the verdicts', () => {
    expect(verdicts(check('majority', { sending: 'stepwise' }))).toEqual({ regular: 'holds', 'reads-another-write': 'holds' });
    expect(check('minority', { sending: 'stepwise' }).properties[0]!.verdict).toBe('violated');
  });

  it('rejects a quorum that does not fit its variant', () => {
    expect(() => resolveParams(quorumRegisterModel, 'majority', { Q: '1' })).toThrow('Q=1 is not allowed for majority: 2Q must be more than replicas (2)');
    expect(() => resolveParams(quorumRegisterModel, 'minority', { replicas: '3', Q: '2' })).toThrow('Q=2 is not allowed for minority: 2Q must be at most replicas (3)');
  });
});
