import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import { main } from '../../src/cli/main.ts';
import { runCli } from '../helpers/cli.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('CLI conventions', () => {
  it('--version prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await runCli(flag);
      expect(run).toEqual({ code: 0, out: `faultline ${pkg.version}`, err: '' });
    }
  });

  it('help COMMAND and COMMAND --help print the same text, on stdout, exit 0', async () => {
    for (const command of ['check', 'list', 'replay', 'lin']) {
      const viaHelp = await runCli('help', command);
      const viaFlag = await runCli(command, '--help');
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toMatch(new RegExp(`^usage:\\n  faultline ${command} `));
      expect(viaFlag).toEqual(viaHelp);
    }
    expect((await runCli('check', 'die-hard', '-h')).out).toContain('--max-depth N');
    expect((await runCli('help')).out).toContain('faultline help [<command>]');
  });

  it('help for an unknown command is a usage error', async () => {
    const run = await runCli('help', 'frobnicate');
    expect(run.code).toBe(2);
    expect(run.err).toBe("faultline: help: unknown command 'frobnicate'; commands are: list, check, replay, lin, help");
  });

  it('list MODEL lists only the models named, and an unknown one is an error', async () => {
    const run = await runCli('list', 'die-hard', 'tcommit');
    expect(run.code).toBe(0);
    expect(run.out.split('\n').filter((l) => !l.startsWith(' ')).map((l) => l.split(':')[0])).toEqual(['die-hard', 'tcommit']);
    const json = JSON.parse((await runCli('list', 'cap', '--json')).out);
    expect(json.models.map((m: { name: string }) => m.name)).toEqual(['cap']);
    const bad = await runCli('list', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^faultline: list: unknown model 'nope'; models are: two-phase-commit, /);
  });

  it('--param MODEL.name=value sets a parameter of one of several models', async () => {
    const run = await runCli('check', 'die-hard', 'two-phase-commit', '--param', 'two-phase-commit.rms=4', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out);
    expect(doc.results.map((r: { model: string; params: object }) => [r.model, r.params])).toEqual([
      ['die-hard', {}],
      ['two-phase-commit', { rms: 4 }],
    ]);
    expect(doc.results[1].distinctStates).toBe(1568); // TLC's count for TwoPhase with 4 RMs
  });

  it('an unscoped parameter one of several models lacks says how to scope it; a scope not checked is an error', async () => {
    const unscoped = await runCli('check', 'die-hard', 'two-phase-commit', '--param', 'rms=4');
    expect(unscoped.code).toBe(2);
    expect(unscoped.err).toBe("faultline: die-hard: unknown parameter 'rms'; parameters are: (none) (with several models, --param MODEL.name=value sets a parameter for one)");
    const unchecked = await runCli('check', 'die-hard', '--param', 'tcommit.rms=4');
    expect(unchecked).toEqual({ code: 2, out: '', err: 'faultline: check: --param tcommit.rms=4: tcommit is not being checked' });
    const unknown = await runCli('check', 'die-hard', '--param', 'nope.rms=4');
    expect(unknown.err).toMatch(/^faultline: check: --param nope.rms=4: 'nope' is not a model; models are: /);
  });

  it('prints the header before the check runs and a final line with states per second', async () => {
    const lines: string[] = [];
    let linesWhenEngineRan = -1;
    const code = await main(['check', 'quorum-store/abd', '--engine', 'random', '--seed', '1', '--runs', '100000000', '--timeout', '3s'], {
      out: (l) => lines.push(l),
      err: () => {
        if (linesWhenEngineRan === -1) linesWhenEngineRan = lines.length;
      },
      errIsTTY: false,
      progressEveryMs: 1,
    }, catalog);
    expect(code).toBe(0);
    expect(linesWhenEngineRan).toBe(1); // only the header was out when the first progress line came
    expect(lines[0]).toBe('quorum-store/abd (replicas=3 r=2 w=2 faults=1) with random');
    expect(lines.at(-1)).toMatch(/^1 variant checked: 1 met every expectation, 0 with a surprise \([\d,]+ distinct states in \d+\.\d\d s, [\d.,]+( M)?\/s\)$/);
  });

  it('progress goes to stderr as plain lines when it is not a terminal, with a last line at the end, never to --json stdout', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['check', 'quorum-store/abd', '--engine', 'random', '--seed', '1', '--runs', '100000000', '--timeout', '3s', '--json'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      errIsTTY: false,
      progressEveryMs: 1,
    }, catalog);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n')).results[0].stopReason).toBe('timeout');
    expect(err.length).toBeGreaterThanOrEqual(2);
    for (const line of err.slice(0, -1)) {
      expect(line).toMatch(/^progress quorum-store\/abd: [\d,]+ states, [\d.,]+( M)?\/s, queue [\d,]+, depth \d+, \d+\.\d+ s$/);
    }
    expect(err.at(-1)).toMatch(/^progress quorum-store\/abd: done, [\d,]+ states, [\d.,]+( M)?\/s, queue 0, depth \d+, \d+\.\d+ s$/);
  });

  it('a short check prints no progress at all when stderr is not a terminal', async () => {
    const run = await runCli('check', 'die-hard');
    expect(run.err).toBe('');
    expect(run.out.split('\n')[0]).toBe('die-hard/standard with bfs');
  });
});
