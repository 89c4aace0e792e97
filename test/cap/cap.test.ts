import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';
import { capModel, capRegister } from '../../models/cap/cap.ts';
import { capVariants, type CapVariantName } from '../../models/cap/variants.ts';

const check = (variant: CapVariantName, overrides: Record<string, string> = {}, mutation?: string) => bfs(capRegister(variant, resolveParams(capModel, variant, overrides), mutation));
const verdicts = (r: ExplorationResult) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
const lines = (r: ExplorationResult, name: string) => r.properties.find((p) => p.name === name)!.counterexample!.steps.map((s) => s.description);

describe('cap: availability judged while the partition lasts', () => {
  it('cp: linearizable holds exhaustively (11,221 states); a minority request during a lasting partition fails with a timeout (14 steps)', () => {
    const result = check('cp');
    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBe(11221);
    expect(verdicts(result)).toEqual({ linearizable: 'holds', available: 'violated', 'read-sees-a-write': 'holds' });
    const steps = lines(result, 'available');
    expect(steps.length).toBe(14);
    expect(steps.some((s) => s.startsWith('partition') && s.endsWith('for good'))).toBe(true);
    expect(steps.some((s) => s.includes('→ error: timeout'))).toBe(true);
  });

  it('cp-no-timeout: a minority request waits for ever while the partition lasts (7 steps)', () => {
    const result = check('cp-no-timeout');
    expect(verdicts(result)).toEqual({ linearizable: 'holds', available: 'violated', 'read-sees-a-write': 'holds' });
    expect(result.properties.find((p) => p.name === 'available')!.counterexample!.violation).toMatch(/never completed/);
    expect(lines(result, 'available').length).toBe(7);
  });

  it('ap: every request is answered (31,277 states); linearizability is violated only when a partition splits it', () => {
    const split = check('ap');
    expect(split.complete).toBe(true);
    expect(split.distinctStates).toBe(31277);
    expect(verdicts(split)).toEqual({ available: 'holds', linearizable: 'violated', 'read-sees-a-write': 'holds' });
    expect(lines(split, 'linearizable').length).toBe(9);
    expect(lines(split, 'linearizable').some((s) => s.startsWith('partition'))).toBe(true);

    const connected = check('ap', { faults: '0' });
    expect(connected.complete).toBe(true);
    expect(verdicts(connected)).toMatchObject({ available: 'holds', linearizable: 'holds' });
  });

  const mutants = Object.entries(capVariants).flatMap(([variant, row]) => Object.keys('mutations' in row ? row.mutations : {}).map((mutation) => [variant as CapVariantName, mutation] as const));
  it.each(mutants)('sensitivity: %s with %s is caught by the default check', (variant, mutation) => {
    const missed = check(variant, {}, mutation).properties.filter((p) => !p.ok).map((p) => p.name);
    expect(missed.length, `${variant}/${mutation} survived`).toBeGreaterThan(0);
  });

  it('rejects bad parameters and variants with a one-line UsageError', () => {
    expect(() => resolveParams(capModel, 'cp', { timeout: '0' })).toThrow(UsageError);
    expect(() => resolveParams(capModel, 'cp', { timeout: '0' })).toThrow(/timeout=0 is not allowed: timeout must be an integer from 1 to 4/);
    expect(() => resolveParams(capModel, 'ca', {})).toThrow(/unknown variant 'ca'; variants are: cp, cp-no-timeout, ap/);
  });
});
