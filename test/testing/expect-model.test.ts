import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dieHard, dieHardModel } from '../../models/die-hard/die-hard.ts';
import { defineModel } from '../../src/core/model.ts';
import { runCli } from '../helpers/cli.ts';
import { checkModel, expectModel, ModelCheckError, replayFile, runSchedule, scheduleArbitrary } from '../../src/testing/index.ts';

/** Two processes increment a counter with a separate read and write: the classic lost update. */
const racyCounter = defineModel({
  name: 'racy-counter',
  description: 'two processes read then write a shared counter',
  params: {},
  variants: { racy: { description: 'no lock', setup: {}, expect: { 'no lost update': 'holds' } } },
  build: () => ({
    init: () => [{ x: 0, read: [null, null] as (number | null)[], done: [false, false] }],
    actions: (s) => [0, 1].flatMap((p) => (s.done[p] ? [] : [{ type: s.read[p] === null ? ('read' as const) : ('write' as const), p }])),
    next: (s, a) => {
      const read = [...s.read];
      const done = [...s.done];
      if (a.type === 'read') {
        read[a.p] = s.x;
        return { ...s, read };
      }
      done[a.p] = true;
      return { x: read[a.p]! + 1, read, done };
    },
    describeAction: (a) => `${a.type} by p${a.p}`,
    properties: [{ name: 'no lost update', kind: 'always', check: (s) => !s.done.every(Boolean) || s.x === 2 || `x is ${s.x} after two increments` }],
  }),
});

describe('expectModel', () => {
  it('passes when every expectation is met, with any engine', async () => {
    const bfs = await expectModel(dieHardModel);
    const fast = await expectModel(dieHardModel, { engine: 'fast-check', seed: 3 });

    expect(bfs.ok && fast.ok).toBe(true);
    expect(fast.properties[0]!.counterexample!.steps).toHaveLength(6);
  });

  it('throws the readable counterexample and the replay line, and saves the file', async () => {
    const saveDir = mkdtempSync(join(tmpdir(), 'faultline-expect-'));

    const error = await expectModel(racyCounter, { engine: 'fast-check', seed: 1, runs: 200, saveDir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ModelCheckError);
    const message = (error as ModelCheckError).message;
    expect(message).toContain("racy-counter/racy with fast-check: property 'no lost update' is violated (expected holds), 4 steps:");
    expect(message).toContain('violation: x is 1 after two increments');
    const file = join(saveDir, 'racy-counter--racy--no-lost-update.json');
    expect(message).toContain(`replay: npx faultline replay ${file}\n  (from code, for a model the CLI cannot find: replayFile('${file}', [definition]) from faultline/testing)`);
    expect(existsSync(file)).toBe(true);
    expect(replayFile(file, [racyCounter]).outcome).toBe('reproduced');
  });

  it('says when an expected violation was not found', async () => {
    const error = await expectModel(dieHardModel, { engine: 'random', seed: 1, runs: 1, maxSteps: 2 }).catch((e: unknown) => e);

    expect((error as Error).message).toBe(
      "die-hard/standard with random: property 'big != 4' was expected to be violated, but no violation was found (1 runs, seed 1)",
    );
  });

  it('names the catalog replay command for a catalog model', async () => {
    const wrong = { ...dieHardModel, build: () => ({ ...dieHard(), properties: dieHard().properties.map((p) => ({ ...p, expect: 'holds' as const })) }) };
    const saveDir = mkdtempSync(join(tmpdir(), 'faultline-expect-'));

    const report = await checkModel(wrong);
    const error = await expectModel(wrong, { saveDir }).catch((e: unknown) => e);

    expect(report.ok).toBe(false);
    const file = join(saveDir, 'die-hard--standard--big-4.json');
    expect((error as Error).message.split('\n').at(-2)).toBe(`replay: npx faultline replay ${file}`);
    expect((await runCli('replay', file)).code).toBe(0);
  });
});

describe('the schedule arbitrary', () => {
  it('composes with fast-check, and the printed seed and path replay the shrunk failure', () => {
    const model = dieHard();
    const property = fc.property(scheduleArbitrary({ maxSteps: 40 }), (schedule) => runSchedule(model, schedule).violations.length === 0);

    const first = fc.check(property, { seed: 9, numRuns: 2000 });
    const again = fc.check(property, { seed: 9, path: first.counterexamplePath!, numRuns: 2000 });

    expect(first.failed).toBe(true);
    expect(again.counterexample).toEqual(first.counterexample);
    const run = runSchedule(model, first.counterexample![0]);
    expect(run.violations).toEqual([{ property: 'big != 4', message: 'the big jug holds 4 gallons' }]);
    expect(run.actionIndices.length).toBeLessThanOrEqual(9);
  });
});
