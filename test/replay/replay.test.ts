import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTEREXAMPLE_FORMAT, parseCounterexampleFile } from '../../src/trace/counterexample-file.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let saved: string;
let original: Record<string, any>;

/** Writes a variant of the saved file and returns its path. */
function variantFile(name: string, edit: (doc: Record<string, any>) => unknown): string {
  const doc = structuredClone(original);
  const replaced = edit(doc);
  const path = join(dir, name);
  writeFileSync(path, typeof replaced === 'string' ? replaced : JSON.stringify(replaced ?? doc, null, 2));
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-replay-'));
  saved = join(dir, 'die-hard.json');
  const run = await runCli('check', 'die-hard', '--engine', 'fast-check', '--seed', '7', '--save', '--out', saved);
  expect(run.code).toBe(0);
  original = JSON.parse(readFileSync(saved, 'utf8'));
});

describe('check --save', () => {
  it('writes a faultline-counterexample/v1 file with engine, seed, fast-check path and steps', () => {
    expect(original).toMatchObject({
      format: COUNTEREXAMPLE_FORMAT,
      model: 'die-hard',
      variant: 'standard',
      params: {},
      property: 'big != 4',
      engine: { name: 'fast-check', seed: 7 },
      violation: 'the big jug holds 4 gallons',
    });
    expect(original.engine.path).toMatch(/^\d+(:\d+)*$/);
    expect(original.steps).toHaveLength(6);
    expect(original.steps[0]).toEqual({ actionIndex: 1, action: 'fill big', line: 'fill big' });
  });

  it('names the file <model>--<variant>--<property-slug>.json under counterexamples/ by default', async () => {
    const cwd = process.cwd();
    const work = mkdtempSync(join(tmpdir(), 'faultline-save-'));
    process.chdir(work);
    try {
      const run = await runCli('check', 'die-hard', '--save', '--json');

      expect(run.code).toBe(0);
      expect(JSON.parse(run.out).results[0].saved).toEqual(['counterexamples/die-hard--standard--big-4.json']);
      expect(existsSync(join(work, 'counterexamples/die-hard--standard--big-4.json'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('faultline replay', () => {
  it('reproduces a saved counterexample, exit 0, with the timeline', async () => {
    const run = await runCli('replay', saved);

    expect(run.code).toBe(0);
    expect(run.out).toMatch(/6\. pour big into small\s+big: 5 → 4, small: 2 → 3/);
    expect(run.out.split('\n').at(-1)).toBe("reproduced: 'big != 4' is violated after 6 steps");
  });

  it('prints byte-identical output when the same file is replayed twice (human and JSON)', async () => {
    const first = await runCli('replay', saved);
    const second = await runCli('replay', saved);
    const firstJson = await runCli('replay', saved, '--json');
    const secondJson = await runCli('replay', saved, '--json');

    expect(second.out).toBe(first.out);
    expect(secondJson.out).toBe(firstJson.out);
    expect(JSON.parse(firstJson.out)).toMatchObject({ outcome: 'reproduced', property: 'big != 4' });
  });

  it('says "no longer violates", exit 1, when the steps no longer reach the violation', async () => {
    const path = variantFile('short.json', (doc) => void doc.steps.pop());

    const run = await runCli('replay', path);

    expect(run.code).toBe(1);
    expect(run.out.split('\n').at(-1)).toBe(
      "no longer violates: 'big != 4' is satisfied after the 5 steps (recorded: the big jug holds 4 gallons)",
    );
  });

  it('diverges at the step whose recorded action is not enabled, exit 1', async () => {
    const path = variantFile('edited.json', (doc) => {
      doc.steps[2] = { actionIndex: 2, action: 'drain into the sink', line: 'drain into the sink' };
    });

    const run = await runCli('replay', path);
    const json = await runCli('replay', path, '--json');

    expect(run.code).toBe(1);
    expect(run.out.split('\n').at(-1)).toBe(
      "diverges at step 3: the file records action #2 as \"drain into the sink\" ('drain into the sink'), which is not enabled: action #2 here is \"empty small\" ('empty small')",
    );
    expect(JSON.parse(json.out)).toMatchObject({ outcome: 'diverges', step: 3 });
    expect(run.err).toBe('');
  });

  it('treats an action enabled at another index as a divergence, and says where it is', async () => {
    const path = variantFile('moved.json', (doc) => {
      doc.steps[0].actionIndex = 0;
    });

    const run = await runCli('replay', path);

    expect(run.code).toBe(1);
    expect(run.out).toContain('diverges at step 1: the file records action #0 as "fill big" (\'fill big\'), which is not enabled: action #0 here is "fill small" (\'fill small\'); it is enabled as action #1');
  });

  it.each([
    ['bad JSON', 'bad.json', () => '{"format": "faultline-counterexample/v1", ', /^faultline: .*bad\.json: not valid JSON: /],
    ['a wrong format version', 'v9.json', (doc: any) => ({ ...doc, format: 'faultline-counterexample/v9' }), /^faultline: .*v9\.json: format: expected 'faultline-counterexample\/v1', found "faultline-counterexample\/v9"/],
    ['an unknown model', 'model.json', (doc: any) => ({ ...doc, model: 'no-such-model' }), /^faultline: .*model\.json: model: unknown model 'no-such-model'; models are: .*die-hard/],
    ['an unknown property', 'property.json', (doc: any) => ({ ...doc, property: 'small != 2' }), /^faultline: .*property\.json: property: unknown property 'small != 2' of die-hard\/standard; properties are: big != 4, measures 1 gallon$/],
    ['a bad parameter', 'params.json', (doc: any) => ({ ...doc, params: { jugs: 3 } }), /^faultline: .*params\.json: params: die-hard: unknown parameter 'jugs'; parameters are: \(none\)$/],
    ['a step without an index', 'step.json', (doc: any) => void (doc.steps[4].actionIndex = 'five'), /^faultline: .*step\.json: steps\[4\]\.actionIndex: expected a whole number >= 0, found string "five"$/],
    ['a missing field', 'missing.json', (doc: any) => void delete doc.violation, /^faultline: .*missing\.json: violation: missing; expected a string$/],
  ])('rejects a file with %s: one line, exit 2, no stack trace', async (_what, name, edit, message) => {
    const path = variantFile(name, edit as (doc: Record<string, any>) => unknown);

    const run = await runCli('replay', path);

    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('rejects a missing file and a missing argument with one line, exit 2', async () => {
    const missing = await runCli('replay', join(dir, 'nope.json'));
    const none = await runCli('replay');

    expect([missing.code, none.code]).toEqual([2, 2]);
    expect(missing.err).toMatch(/nope\.json: no such file$/);
    expect(none.err).toBe('faultline: replay: expected one counterexample file, got 0');
  });

  it('parses what it writes (round trip)', () => {
    const text = readFileSync(saved, 'utf8');

    expect(parseCounterexampleFile(text, saved)).toEqual(original);
  });
});
