import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLin } from '../../src/cli/lin.ts';
import { dataFile } from './data.ts';

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

  it('returns 0 without --expect whatever the verdicts', async () => {
    const { code, out } = await lin([dataFile('etcd_000.json'), dataFile('etcd_002.json')]);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
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

  it('returns 2 with one error line on a malformed file, before any output', async () => {
    const dir = folderWith('malformed', ['etcd_000.json']);
    writeFileSync(join(dir, 'zzz.json'), JSON.stringify({ format: 'linearizability-history/v1', model: 'kv', initial_value: '', operations: [{ id: 0 }] }));
    const { code, out, err } = await lin([dir]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['zzz.json: operations[0].client: expected a non-negative integer']);
  });

  it('returns 2 on bad usage', async () => {
    expect((await lin([])).code).toBe(2);
    expect((await lin([dataFile('etcd_000.json'), '--bogus'])).err[0]).toMatch(/^lin: unknown option --bogus; usage: faultline lin/);
    expect((await lin([dataFile('etcd_000.json'), '--max-steps', 'many'])).err).toEqual(['lin: --max-steps needs a positive integer']);
    expect((await lin([join(root, 'nowhere')])).err).toEqual([`lin: ${join(root, 'nowhere')}: no such file or folder`]);
  });
});
