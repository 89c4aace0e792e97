import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import { writeFileAtomic, WriteError } from '../../src/core/atomic-write.ts';
import { parseCounterexampleFile } from '../../src/trace/counterexample-file.ts';
import { check, tempFolder } from './helpers.ts';

describe('atomic writes', () => {
  it('replace a file whole and leave no temporary file behind', () => {
    const dir = tempFolder();
    const path = join(dir, 'a.json');
    writeFileSync(path, 'old contents');
    writeFileAtomic(path, 'new contents\n');
    expect(readFileSync(path, 'utf8')).toBe('new contents\n');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('leave the previous file as it was when the write fails, and say why in one line', () => {
    const dir = tempFolder();
    const path = join(dir, 'sub');
    mkdirSync(path);
    expect(() => writeFileAtomic(path, 'x')).toThrow(WriteError);
    expect(() => writeFileAtomic(path, 'x')).toThrow(/^cannot write .*sub: is a directory \(EISDIR\)$/);
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('write a device in place: /dev/full is a one-line ENOSPC', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow('cannot write /dev/full: no space left on device (ENOSPC)');
  });

  it('two runs saving one file leave one whole, valid file', async () => {
    const dir = tempFolder();
    const out = join(dir, 'cx.json');
    const runs = await Promise.all([check(catalog, ['die-hard', '--out', out]), check(catalog, ['die-hard', '--engine', 'dfs', '--out', out])]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const file = parseCounterexampleFile(readFileSync(out, 'utf8'), out);
    expect(['bfs', 'dfs']).toContain(file.engine.name);
    expect(readdirSync(dir)).toEqual(['cx.json']);
  });
});

describe('output paths are checked before the search (exit 2, one line)', () => {
  const refused = async (out: string) => {
    const run = await check(catalog, ['two-phase-commit', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.out).toBe(''); // nothing searched, nothing printed
    expect(run.err.split('\n')).toHaveLength(1);
    return run.err;
  };

  it('a directory, a path under a file, an empty path', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'file'), '');
    expect(await refused(dir)).toBe(`faultline: --out "${dir}": is a directory`);
    expect(await refused(join(dir, 'file', 'cx.json'))).toBe(`faultline: --out "${join(dir, 'file', 'cx.json')}": ${join(dir, 'file')} is a file, not a folder`);
    expect(await refused('')).toBe('faultline: --out "": empty path');
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder (skipped as root, who may write anywhere)', async () => {
    const dir = tempFolder();
    chmodSync(dir, 0o555);
    expect(await refused(join(dir, 'cx.json'))).toMatch(/permission denied \(EACCES\)$/);
  });

  it('a full disk loses nothing else: the report is printed, the JSON document is valid, exit 2', async () => {
    const text = await check(catalog, ['die-hard', '--out', '/dev/full']);
    expect(text.code).toBe(2);
    expect(text.out).toContain('violated: the big jug holds 4 gallons');
    expect(text.err).toBe("faultline: check: counterexample of 'big != 4' not saved: cannot write /dev/full: no space left on device (ENOSPC)");
    const json = await check(catalog, ['die-hard', '--out', '/dev/full', '--json']);
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.out);
    expect(doc.results[0].properties[0].verdict).toBe('violated');
    expect(doc.results[0].saved).toEqual([]);
    expect(doc.saveErrors).toHaveLength(1);
  });

  it('--save into counterexamples/ under a file is refused before the search', async () => {
    const dir = tempFolder();
    const cwd = process.cwd();
    writeFileSync(join(dir, 'counterexamples'), 'a file in the way');
    process.chdir(dir);
    try {
      const run = await check(catalog, ['die-hard', '--save']);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^faultline: --save "counterexamples\/die-hard--standard--property.json": .*counterexamples is a file, not a folder$/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('each counterexample is saved as soon as its variant is checked', () => {
  it('check of several variants writes each one, with --save, before the next search', async () => {
    const dir = tempFolder();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const run = await check(catalog, ['die-hard', 'tcommit', '--save']);
      expect(run.code).toBe(0);
      const lines = run.out.split('\n');
      const saved = lines.findIndex((l) => l.startsWith('saved counterexamples/die-hard--standard--big-4.json'));
      const next = lines.findIndex((l) => l.startsWith('tcommit/'));
      expect(saved).toBeGreaterThan(0);
      expect(saved).toBeLessThan(next); // saved before tcommit's search began
      expect(existsSync(join(dir, 'counterexamples', 'die-hard--standard--big-4.json'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
