import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { resolveParams } from '../../src/core/params.ts';
import { bfs } from '../../src/explore/bfs.ts';
import type { ExplorationResult } from '../../src/explore/result.ts';
import { capModel } from '../../models/cap/cap.ts';

function check(variant: string): ExplorationResult {
  return bfs(capModel.build(variant, resolveParams(capModel, variant)));
}

const verdicts = (r: ExplorationResult) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));

describe('cap', () => {
  it('cp: linearizable holds exhaustively; the minority side answers with an error', () => {
    const result = check('cp');
    const steps = result.properties.find((p) => p.name === 'available')!.counterexample!.steps.map((s) => s.description);

    expect(result.complete).toBe(true);
    expect(verdicts(result)).toEqual({ linearizable: 'holds', available: 'violated' });
    expect(steps.some((s) => s.startsWith('partition'))).toBe(true);
    expect(steps.some((s) => s.includes('→ error: timeout'))).toBe(true);
  });

  it('ap: every request is answered, and a read misses an acknowledged write', () => {
    const result = check('ap');

    expect(result.complete).toBe(true);
    expect(verdicts(result)).toEqual({ available: 'holds', linearizable: 'violated' });
    expect(result.properties.every((p) => p.ok)).toBe(true);
  });

  it('rejects bad parameters and variants with a one-line UsageError', () => {
    expect(() => resolveParams(capModel, 'cp', { timeout: '0' })).toThrow(UsageError);
    expect(() => resolveParams(capModel, 'cp', { timeout: '0' })).toThrow(/timeout=0 is not allowed: timeout must be an integer from 1 to 4/);
    expect(() => resolveParams(capModel, 'ca', {})).toThrow(/unknown variant 'ca'; variants are: cp, ap/);
  });
});
