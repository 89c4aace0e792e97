import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { capModel } from '../../models/cap/cap.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity } from '../../src/testing/index.ts';

type Reports = Awaited<ReturnType<typeof expectFamily>>;
const reportOf = (reports: Reports, variant: string) => reports.find((r) => r.variant === variant)!;
const lines = (reports: Reports, variant: string, property: string) =>
  reportOf(reports, variant).properties.find((p) => p.name === property)!.counterexample!.steps.map((s) => s.description);

describe('cap: availability judged while the partition lasts', () => {
  let reports: Reports;
  it('meets every expectation at the defaults; cp (11,221 states) and ap (31,277) exhaustively', async () => {
    reports = await expectFamily(capModel);
    expect(['cp', 'ap'].map((v) => [reportOf(reports, v).result.distinctStates, reportOf(reports, v).result.complete])).toEqual([[11221, true], [31277, true]]);
  });

  it('cp: a minority request during a lasting partition fails with a timeout (14 steps)', () => {
    const steps = lines(reports, 'cp', 'available');
    expect(steps.length).toBe(14);
    expect(steps.some((s) => s.startsWith('partition') && s.endsWith('for good'))).toBe(true);
    expect(steps.some((s) => s.includes('→ error: timeout'))).toBe(true);
  });

  it('cp-no-timeout: a minority request waits for ever while the partition lasts (7 steps)', () => {
    const available = reportOf(reports, 'cp-no-timeout').properties.find((p) => p.name === 'available')!;
    expect(available.counterexample!.violation).toMatch(/never completed/);
    expect(lines(reports, 'cp-no-timeout', 'available').length).toBe(7);
  });

  it('ap: linearizability is violated only when a partition splits it (9 steps; holds with no partition)', async () => {
    const split = lines(reports, 'ap', 'linearizable');
    expect(split.length).toBe(9);
    expect(split.some((s) => s.startsWith('partition'))).toBe(true);
    const connected = await checkModel(capModel, { variant: 'ap', params: { faults: '0' } });
    expect(connected.result.complete).toBe(true);
    expect(connected.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['linearizable', 'holds'],
      ['available', 'holds'],
      ['read-sees-a-write', 'holds'],
    ]);
  });

  it.each(['cp', 'ap'])('%s: its default check catches every mutation', async (variant) => {
    const outcomes = await expectSensitivity(capModel, variant);
    expect(outcomes.every((o) => o.caught)).toBe(true);
  });

  it('keeps to the model contract', () => {
    expectContract(capModel, 'cp', { maxStates: 300 });
  });

  it('rejects bad parameters and variants with a one-line UsageError', () => {
    expect(() => resolveParams(capModel, 'cp', { timeout: '0' })).toThrow(UsageError);
    expect(() => resolveParams(capModel, 'cp', { timeout: '0' })).toThrow(/timeout=0 is not allowed: timeout must be an integer from 1 to 4/);
    expect(() => resolveParams(capModel, 'ca', {})).toThrow(/unknown variant 'ca'; variants are: cp, cp-no-timeout, ap/);
  });
});
