import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('faultline check', () => {
  it('prints TLC figures for two-phase-commit as one JSON document', async () => {
    const run = await runCli('check', 'two-phase-commit', '--param', 'rms=6', '--json');

    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out);
    expect(doc.ok).toBe(true);
    expect(doc.results).toHaveLength(1);
    const r = doc.results[0];
    expect([r.distinctStates, r.generatedStates, r.depth, r.complete]).toEqual([50816, 402306, 20, true]);
    expect(r.params).toEqual({ rms: 6 });
    expect(r.properties.map((p: { name: string; verdict: string }) => `${p.name}:${p.verdict}`)).toEqual([
      'TCConsistent:holds',
      'commits:holds',
      'deadlock-free:holds',
    ]);
  });

  it('reports die-hard violated as expected, with the 6-step trace, exit 0', async () => {
    const run = await runCli('check', 'die-hard');

    expect(run.code).toBe(0);
    expect(run.out).toContain('violated: the big jug holds 4 gallons  [expected violated]');
    expect(run.out).toContain('shortest counterexample, 6 steps:');
    expect(run.out).toMatch(/6\. pour big into small\s+big: 5 → 4, small: 2 → 3/);
  });

  it('prints the bounds a system model fixes beyond its parameters beside a holds verdict', async () => {
    const run = await runCli('check', 'quorum-store/abd');

    expect(run.code).toBe(0);
    expect(run.out).toContain('bounds: 3 nodes, unordered network, at most 1 fault (drop, duplicate, crash)');
    expect(run.out).toContain('workload c0: write 1 at n1, write 2 at n0 | c1: read at n2');
    expect(run.out).toMatch(/ok {3}linearizable +holds: no violation in any of the [\d,]+ reachable states within replicas=3/);
  });

  it('prints and applies only the parameters a variant reads, across a family', async () => {
    // horizon=2 is the clocked variants' own default: a value every variant that reads it meets its expectations with.
    // One random walk a variant: the parameters are the point here, not the search.
    const run = await runCli('check', 'quorum-store', '--param', 'horizon=2', '--engine', 'random', '--runs', '1', '--seed', '1', '--json');

    expect(run.code).toBe(0);
    const results = JSON.parse(run.out).results as { variant: string; params: Record<string, number> }[];
    expect(results.find((r) => r.variant === 'abd')!.params).toEqual({ replicas: 3, r: 2, w: 2, faults: 1 });
    expect(results.find((r) => r.variant === 'lww-skew')!.params).toMatchObject({ horizon: 2 });
  });

  it('says how many terminal states an eventually property was judged in', async () => {
    const twoPhase = await runCli('check', 'two-phase-commit');
    const ap = await runCli('check', 'cap/ap');

    expect(twoPhase.out).toContain('deadlock-free  holds: none of the 288 reachable states is terminal (the only states where it is judged)');
    expect(ap.out).toMatch(/available +holds in all \d+ terminal states of the 31,277 reachable states/);
  });

  it('says "no violation found", not "holds", when a bound cuts the search, and exits 1', async () => {
    const run = await runCli('check', 'two-phase-commit', '--max-states', '100');

    expect(run.code).toBe(1);
    expect(run.out).toContain('NOT exhaustive (stopped by max-states)');
    expect(run.out).toContain('no violation found in 100 states explored');
    expect(run.out).not.toMatch(/\bholds:/);
  });

  it('exits 1 when an expected violation is not found within the bounds', async () => {
    const run = await runCli('check', 'die-hard', '--max-depth', '3', '--json');

    expect(run.code).toBe(1);
    const r = JSON.parse(run.out).results[0];
    expect(r.stopReason).toBe('max-depth');
    expect(r.properties[0]).toMatchObject({ verdict: 'unknown', expected: 'violated', ok: false });
  });

  it.each([
    [['check', 'no-such-model'], /unknown model 'no-such-model'; models are: .*two-phase-commit/],
    [['check', 'two-phase-commit', '--param', 'rms=abc'], /rms=abc is not allowed: rms must be an integer from 1 to 10/],
    [['check', 'two-phase-commit', '--param', 'rms=0'], /rms=0 is not allowed: rms must be an integer from 1 to 10/],
    [['check', 'two-phase-commit', '--bogus'], /unknown option --bogus; options are: --all/],
    [['check', 'two-phase-commit/nope'], /unknown variant 'two-phase-commit\/nope'; variants of two-phase-commit are: standard/],
    [['check', 'two-phase-commit', '--param', 'nope=1'], /unknown parameter 'nope'; parameters are: rms/],
    [['check', 'two-phase-commit', '--engine', 'magic'], /unknown engine 'magic'; engines are: bfs, dfs, random, fast-check/],
    [['check'], /name a model/],
    [['check', 'cap/constructor'], /unknown variant 'cap\/constructor'; variants of cap are: cp, cp-no-timeout, ap/],
    [['check', 'two-phase-commit', '--param', 'toString=x'], /unknown parameter 'toString'; parameters are: rms/],
    [['check', 'two-phase-commit', '--param', 'rms= 3'], /rms= 3 is not allowed: rms must be an integer from 1 to 10/],
    [['check', 'two-phase-commit', '--param', 'rms=1e3'], /rms=1e3 is not allowed/],
    [['check', 'two-phase-commit', '--param', 'rms=3', '--param', 'rms=4'], /--param rms is given twice/],
    [['check', 'die-hard', '--engine', 'random', '--max-states', '10'], /--max-states applies only to bfs and dfs/],
    [['check', 'die-hard', '--engine', 'fast-check', '--exhaustive'], /--exhaustive applies only to bfs and dfs/],
    [['check', 'die-hard', 'tcommit', '--save', '--out', 'x.json'], /--out names one file: check one variant/],
    [['check', 'quorum-store/abd', '--param', 'skew=2'], /quorum-store\/abd: parameter 'skew' does not apply to this variant; it applies to: lww-skew/],
    [['check', 'cap', '--param', 'skew=2'], /cap: unknown parameter 'skew'; parameters are: replicas, faults, timeout/],
    [['check', 'die-hard', '--seed', '3'], /--seed applies only to the random engines \(random, fast-check\)/],
    [['check', 'die-hard', '--engine', 'random', '--max-depth', '3'], /--max-depth applies only to bfs and dfs/],
    [['frobnicate'], /unknown command 'frobnicate'; commands are: list, check, replay, lin, help/],
  ])('%j prints one line naming the problem and exits 2', async (argv, message) => {
    const run = await runCli(...argv);

    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toMatch(message);
  });
});

describe('faultline check --all (the quick start)', () => {
  it('meets every expectation of every variant in the catalog, holds exhaustively', async () => {
    const run = await runCli('check', '--all', '--json');

    const doc = JSON.parse(run.out);
    const surprises = doc.results.filter((r: { ok: boolean }) => !r.ok).map((r: { model: string; variant: string }) => `${r.model}/${r.variant}`);
    expect(surprises).toEqual([]);
    expect(run.code).toBe(0);
    for (const r of doc.results) {
      const holds = r.properties.filter((p: { expected: string; kind: string }) => p.expected === 'holds' && p.kind !== 'sometimes');
      if (holds.length > 0) expect(r.complete, `${r.model}/${r.variant} must be exhaustive`).toBe(true);
    }
    expect(doc.results.length).toBeGreaterThanOrEqual(19);
    // The whole catalog at its defaults: minutes of CPU on a loaded machine; the limit only catches a hang.
  }, 900_000);
});

describe('faultline list', () => {
  it('lists models with parameters, ranges and expectations', async () => {
    const run = await runCli('list');

    expect(run.code).toBe(0);
    expect(run.out).toContain('param rms (default 3; an integer from 1 to 10)');
    expect(run.out).toContain('variant die-hard/standard');
    expect(run.out).toMatch(/expect violated\s+big != 4 \[always\]/);
    expect(run.out).toContain('variant quorum-store/abd (replicas=3 r=2 w=2 faults=1)');
    expect(run.out).toMatch(/expect holds\s+deadlock-free \[eventually\]/);
  });
});
