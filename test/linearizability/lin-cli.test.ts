import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLin } from '../../src/cli/lin.ts';
import { LIN_DATA_DIR, dataFile, manifestEntries } from './data.ts';

const root = mkdtempSync(join(tmpdir(), 'faultline-lin-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder holding copies of some data-set files (and a manifest.json to be ignored). */
function folderWith(name: string, files: string[]): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const f of files) copyFileSync(dataFile(f), join(dir, f.split('/').pop()!));
  writeFileSync(join(dir, 'manifest.json'), '{"not": "a history"}');
  return dir;
}

/** Runs `faultline lin` with captured output. */
async function lin(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLin(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

const good = ['etcd_000.json', 'etcd_004.json', 'kv_c01-ok.json', 'kv_c10-bad.json', 'knossos/knossos_good_cas-register-bug.json'];

describe('runLin', () => {
  it('returns 0 with --expect when every verdict matches, one line per file', async () => {
    const dir = folderWith('good', good);
    const { code, out, err } = await lin([dir, '--expect']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(good.length + 1);
    expect(out[0]).toMatch(/^etcd_000\.json\s+not linearizable\s+85 ops\s+[\d.]+ ms\s+ok$/);
    expect(out.at(-1)).toMatch(/^5 file\(s\), 5 as expected, 0 mismatch\(es\)/);
  });

  it('returns 1 with --expect on a mismatch', async () => {
    const dir = folderWith('mismatch', ['etcd_000.json']);
    const doc = JSON.parse(readFileSync(join(dir, 'etcd_000.json'), 'utf8'));
    doc.expected = 'linearizable';
    writeFileSync(join(dir, 'etcd_000.json'), JSON.stringify(doc));
    const { code, out } = await lin([dir, '--expect']);
    expect(code).toBe(1);
    expect(out[0]).toContain('MISMATCH (expected linearizable)');
  });

  it('counts an unknown verdict as a mismatch', async () => {
    const { code, out } = await lin([dataFile('etcd_002.json'), '--expect', '--max-steps', '10']);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/unknown/);
  });

  it('returns 0 without --expect whatever the verdicts, and says which files are not linearizable', async () => {
    const { code, out, err } = await lin([dataFile('etcd_000.json'), dataFile('etcd_002.json')]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^etcd_000\.json\s+not linearizable\s/);
    expect(out[1]).toMatch(/^etcd_002\.json\s+linearizable\s/);
    expect(out[2]).toMatch(/^2 file\(s\): 1 linearizable, 1 not linearizable, 0 unknown, /);
  });

  it('reads folders recursively in sorted order, naming files by their path below the folder', async () => {
    const dir = folderWith('nested', ['kv_c01-ok.json', 'etcd_000.json']);
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    copyFileSync(dataFile('etcd_004.json'), join(dir, 'sub', 'etcd_004.json'));
    copyFileSync(dataFile('knossos/knossos_good_cas-register-bug.json'), join(dir, 'sub', 'deeper', 'knossos_good_cas-register-bug.json'));
    writeFileSync(join(dir, 'sub', 'manifest.json'), '{"not": "a history"}');
    writeFileSync(join(dir, 'sub', 'notes.txt'), 'not json');

    const { code, out, err } = await lin([dir, '--expect', '--json']);

    expect(err).toEqual([]);
    expect(code).toBe(0);
    const doc = JSON.parse(out[0]!);
    expect(doc.files.map((f: { file: string; path: string }) => [f.file, f.path])).toEqual([
      ['etcd_000.json', join(dir, 'etcd_000.json')],
      ['kv_c01-ok.json', join(dir, 'kv_c01-ok.json')],
      ['sub/deeper/knossos_good_cas-register-bug.json', join(dir, 'sub', 'deeper', 'knossos_good_cas-register-bug.json')],
      ['sub/etcd_004.json', join(dir, 'sub', 'etcd_004.json')],
    ]);
    expect(doc.summary).toEqual(expect.objectContaining({ files: 4, mismatches: 0 }));
  });

  it('checks every history of the data set, subfolders included, as the README says', async () => {
    const { code, out, err } = await lin([LIN_DATA_DIR, '--expect', '--json']);

    expect(err).toEqual([]);
    expect(code).toBe(0);
    const doc = JSON.parse(out[0]!);
    expect(doc.files.map((f: { file: string }) => f.file).sort()).toEqual(manifestEntries().map((e) => e.file).sort());
    expect(doc.summary).toEqual(expect.objectContaining({ files: 228, mismatches: 0, unknown: 0 }));
  });

  it('returns 2 with one line for a folder without history files', async () => {
    const dir = join(root, 'empty');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), '{"not": "a history"}');
    writeFileSync(join(dir, 'sub', 'readme.txt'), 'no histories here');

    const { code, out, err } = await lin([dataFile('etcd_000.json'), dir, '--expect']);

    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`faultline: lin: no history files found in ${dir}`]);
  });

  it('accepts --timeout-ms=N and --max-steps=N', async () => {
    const { code, out, err } = await lin([dataFile('etcd_000.json'), '--timeout-ms=5000', '--max-steps=1000000', '--expect']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/not linearizable.*ok$/);
  });

  it('gives up with unknown, not a guess, under --timeout-ms=5 (a mismatch with --expect)', async () => {
    const { code, out, err } = await lin([dataFile('kv_c50-ok.json'), '--timeout-ms=5', '--expect']);
    expect(err).toEqual([]);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^kv_c50-ok\.json\s+unknown\s.*MISMATCH \(expected linearizable\)$/);
  });

  it('prints exactly one JSON document with --json', async () => {
    const { code, out } = await lin([dataFile('etcd_000.json'), dataFile('kv_c01-ok.json'), '--json', '--expect']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const doc = JSON.parse(out[0]!);
    expect(doc.files.map((f: { file: string; verdict: string; match: boolean }) => [f.file, f.verdict, f.match])).toEqual([
      ['etcd_000.json', 'not linearizable', true],
      ['kv_c01-ok.json', 'linearizable', true],
    ]);
    expect(doc.summary).toEqual(expect.objectContaining({ files: 2, linearizable: 1, notLinearizable: 1, unknown: 0, mismatches: 0 }));
  });

  it('returns 2 with one error line naming the path on a malformed file, before any output', async () => {
    const dir = folderWith('malformed', ['etcd_000.json']);
    mkdirSync(join(dir, 'sub'));
    const bad = join(dir, 'sub', 'zzz.json');
    writeFileSync(bad, JSON.stringify({ format: 'linearizability-history/v1', model: 'kv', initial_value: '', operations: [{ id: 0 }] }));

    const { code, out, err } = await lin([dir]);

    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`faultline: ${bad}: operations[0].client: expected a non-negative integer`]);
  });

  it('names the path of a file without an expected verdict under --expect', async () => {
    const dir = folderWith('no-expected', ['etcd_000.json']);
    const path = join(dir, 'etcd_000.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    delete doc.expected;
    writeFileSync(path, JSON.stringify(doc));

    const { code, err } = await lin([path, '--expect']);

    expect(code).toBe(2);
    expect(err).toEqual([`faultline: ${path}: expected: missing (needed by --expect)`]);
  });

  it('returns 2 with one line in the shared style on bad usage', async () => {
    const file = dataFile('etcd_000.json');
    const cases: [string[], string | RegExp][] = [
      [[], /^faultline: lin: no file or folder given; usage: faultline lin /],
      [[file, '--bogus'], 'faultline: lin: unknown option --bogus; options are: --expect, --json, --timeout-ms, --max-steps, --max-memory'],
      [[file, '--bogus=1'], 'faultline: lin: unknown option --bogus; options are: --expect, --json, --timeout-ms, --max-steps, --max-memory'],
      [[file, '--max-steps', 'many'], 'faultline: --max-steps many: expected a whole number from 1 to any size'],
      [[file, '--timeout-ms=0'], 'faultline: --timeout-ms 0: expected a whole number from 1 to any size'],
      [[file, '--timeout-ms'], 'faultline: lin: --timeout-ms needs a value'],
      [[file, '--json=yes'], 'faultline: lin: --json takes no value'],
      [[join(root, 'nowhere')], `faultline: lin: ${join(root, 'nowhere')}: no such file or folder`],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = await lin(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out, argv.join(' ')).toEqual([]);
      expect(err, argv.join(' ')).toHaveLength(1);
      if (typeof message === 'string') expect(err[0], argv.join(' ')).toBe(message);
      else expect(err[0], argv.join(' ')).toMatch(message);
    }
  });
});
