import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildSpin, parsePan, runSpin, spinMissing } from '../../bench/peer-spin.ts';
import { twoPhasePromela } from '../../bench/spin/two-phase-pml.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { twoPhaseCommit } from '../../models/two-phase-commit/two-phase-commit.ts';

describe('bench peers', () => {
  it('writes TwoPhase in Promela with one d_step per TLA+ action instance', () => {
    const text = twoPhasePromela(4);
    expect(text.match(/d_step/g)).toHaveLength(2 + 5 * 4);
    expect(text).toContain('tmPrepared[0] && tmPrepared[1] && tmPrepared[2] && tmPrepared[3]');
  });

  it("reads pan's counts and the length of its trail", () => {
    const report = 'State-vector 296 byte, depth reached 12, errors: 1\n    34501 states, stored\n   118748 transitions (= stored+matched)\n';
    const trail = '-4:-4:-4\n1:4:49\n2:3:49\n3:2:18\n';
    expect(parsePan(report, trail)).toEqual({ states: 34501, transitions: 118748, depth: 12, errors: 1, trailSteps: 3 });
    expect(parsePan(report, '').trailSteps).toBe(0);
    expect(parsePan('1.0340352e+07 states, stored\n1.2355840e+08 transitions (= stored+matched)', '')).toMatchObject({ states: 10_340_352, transitions: 123_558_400 });
  });

  const missing = spinMissing();
  it.skipIf(missing !== undefined)(`SPIN explores the same TwoPhase graph as bfs (rms=3)${missing ? `: skipped, ${missing}` : ''}`, () => {
    const config = { promela: twoPhasePromela(3), panFlags: ['-w16'] };
    const figures = runSpin(buildSpin(config), config);
    const ours = bfs(twoPhaseCommit(3));
    expect(figures.states).toBe(ours.distinctStates);
    expect(figures.transitions).toBe(ours.generatedStates);
    expect(figures.errors).toBe(0);
  });

  const bench = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { encoding: 'utf8' });

  it('refuses a --versus it does not know, and --versus with --base, before compiling anything', () => {
    expect(bench('--versus', 'nope').stderr).toContain("--versus: no option set 'nope'; there is sleep-sets");
    expect(bench('--versus', 'sleep-sets', '--base', 'HEAD').stderr).toContain('--versus and --base each name the peer: give one');
  });

  it('says in one line, without a stack trace, why a flag or a run is refused', () => {
    const bad = bench('--runs', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('bench: --runs must be a positive integer');
    // What a base commit without the variant answers: the parent quotes this line and skips the peer.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/child.ts', JSON.stringify({ source: { kind: 'catalog', family: 'quorum-store', variant: 'nope' } })], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr.trim()).toMatch(/^quorum-store: unknown variant 'nope'; variants are: weak, /);
    expect(child.stdout).toBe('');
  });

  it('knows whether spin is installed', () => {
    const installed = spawnSync('sh', ['-c', 'command -v spin && command -v gcc']).status === 0;
    expect(missing === undefined).toBe(installed);
  });
});
