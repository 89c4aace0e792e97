import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '../../src/core/model.ts';
import { runCheck } from '../../src/cli/check.ts';
import { catalog } from '../../models/catalog.ts';
import { dieHardModel } from '../../models/die-hard/die-hard.ts';
import { runCli } from '../helpers/cli.ts';

/** die-hard with its property expected to hold: a surprise with a 6-step counterexample. */
const flipped: ModelDefinition = {
  ...dieHardModel,
  build: (variant, params) => {
    const model = dieHardModel.build(variant, params);
    return { ...model, properties: model.properties.map((p) => ({ ...p, expect: 'holds' as const })) };
  },
};

async function check(definitions: readonly ModelDefinition[], ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(definitions, argv, { out: (l) => out.push(l), err: (l) => err.push(l), errIsTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('check --reporter junit', () => {
  it('one testcase per variant and property; a met expectation passes, its counterexample kept as system-out', async () => {
    const run = await runCli('check', 'die-hard', 'tcommit', '--reporter', 'junit');
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="faultline check" tests="4" failures="0" errors="0" time="[\d.]+">\n/);
    expect(run.out.match(/<testcase /g)).toHaveLength(4);
    expect(run.out).toContain('<testsuite name="die-hard/standard with bfs" tests="2" failures="0"');
    expect(run.out).toContain('<testcase classname="die-hard/standard" name="big != 4"');
    expect(run.out).toContain('<system-out>violated as expected:\n0. initial state: big=0 small=0\n1. fill big');
    expect(run.out).toMatch(/<testcase classname="tcommit\/standard" name="TCConsistent" time="[\d.]+"><\/testcase>/);
    expect(run.out).not.toContain('<failure');
    expect(run.out.endsWith('</testsuites>')).toBe(true);
  });

  it('a surprise is a failure whose text is the counterexample; exit 1', async () => {
    const run = await check([flipped], 'die-hard', '--reporter', 'junit');
    expect(run.code).toBe(1);
    expect(run.out).toContain('failures="1"');
    const failure = /<failure message="([^"]*)" type="violated">([^<]*)<\/failure>/.exec(run.out);
    expect(failure?.[1]).toBe('violated (expected holds): the big jug holds 4 gallons');
    expect(failure?.[2]).toContain('6 steps:\n0. initial state: big=0 small=0\n');
    expect(failure?.[2]).toContain('6. pour big into small             big: 5 → 4, small: 2 → 3');
  });

  it('an expected violation not found, or a cut-off holds, is a failure saying what was searched', async () => {
    const run = await runCli('check', 'two-phase-commit', '--param', 'rms=5', '--max-states', '100', '--reporter', 'junit');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/<failure message="expected holds, but the verdict is unknown \(\d+ states, stopped by max-states\)" type="unknown">/);
  });

  it('escapes XML and refuses a second document on stdout or an unknown reporter', async () => {
    const lt = { ...dieHardModel, name: 'a<b&"c"' };
    const run = await check([lt], 'a<b&"c"', '--reporter', 'junit');
    expect(run.out).toContain('classname="a&lt;b&amp;&quot;c&quot;/standard"');
    expect((await runCli('check', 'die-hard', '--reporter', 'junit', '--json')).err).toBe('faultline: check: --reporter junit and --json both write standard output: give one');
    expect((await runCli('check', 'die-hard', '--reporter', 'tap')).err).toBe('faultline: check: --reporter tap: reporters are text, junit');
  });

  it('with --save, the saved files are listed on stderr, not in the XML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-junit-'));
    const out = join(dir, 'x.json');
    const run = await runCli('check', 'die-hard', '--reporter', 'junit', '--out', out);
    expect(run.code).toBe(0);
    expect(run.err).toBe(`saved ${out} (6 steps; replay: npx faultline replay ${out})`);
    expect(run.out.startsWith('<?xml')).toBe(true);
  });
});

describe('check --json counterexamples', () => {
  it('carry the states and the field names of the saved file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-json-'));
    const out = join(dir, 'x.json');
    const run = await runCli('check', 'die-hard', '--json', '--out', out);
    const cx = JSON.parse(run.out).results[0].properties[0].counterexample;
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(cx.violation).toBe(file.violation);
    expect(cx.initIndex).toBe(0);
    expect(cx.initial).toEqual({ big: 0, small: 0 });
    expect(cx.steps.map((s: object) => Object.keys(s))).toEqual(cx.steps.map(() => ['actionIndex', 'action', 'line', 'state']));
    expect(cx.steps.map(({ state: _state, ...rest }: { state: unknown }) => rest)).toEqual(file.steps);
    expect(cx.steps.at(-1).state).toEqual({ big: 4, small: 3 });
  });

  it('use the readable view of a model with describeState (TwoPhase packs its state into an integer)', async () => {
    const definition = catalog.find((d) => d.name === 'two-phase-commit')!;
    const committed: ModelDefinition = {
      ...definition,
      build: (variant, params) => {
        const model = definition.build(variant, params);
        const view = (s: unknown) => model.describeState!(s as never) as { tmState: string };
        return { ...model, properties: [{ name: 'never committed', kind: 'always', expect: 'holds', check: (s: unknown) => view(s).tmState !== 'committed' }] };
      },
    };
    const run = await check([committed], 'two-phase-commit', '--param', 'rms=2', '--json');
    const cx = JSON.parse(run.out).results[0].properties[0].counterexample;
    expect(typeof definition.build('standard', { rms: 2 }).init()[0]).toBe('number');
    expect(cx.initial).toEqual({ rmState: ['working', 'working'], tmState: 'init', tmPrepared: [], msgs: [] });
    expect(cx.length).toBe(cx.steps.length);
    expect(cx.steps.at(-1).state.tmState).toBe('committed');
  });
});
