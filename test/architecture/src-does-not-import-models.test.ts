import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The library does not depend on the models it ships: `src/` never imports `models/`. The CLI is
 * given the catalog (by bin/faultline.js) and the test kit works on the definitions it is handed,
 * so a model file outside the repository is checked exactly like a catalog one.
 */

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|mts|mjs|js)$/.test(f))
    .map((f) => join(dir, f));
}

/** The relative specifiers a file imports or re-exports (static and dynamic). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match[1]!);
  return found;
}

describe('src/ does not import models/', () => {
  it('no file under src/ imports a file under models/', () => {
    const offending = sources('src').flatMap((file) =>
      imports(file)
        .map((specifier) => relative(root, resolve(root, file, '..', specifier)))
        .filter((target) => target === 'models' || target.startsWith('models/'))
        .map((target) => `${file} imports ${target}`),
    );

    expect(offending).toEqual([]);
  });

  it('would see such an import (the rule is not vacuous)', () => {
    expect(imports('models/catalog.ts')).toContain('./die-hard/die-hard.ts');
    expect(sources('src').length).toBeGreaterThan(20);
    expect(relative(root, resolve(root, 'src/cli/main.ts', '..', '../../models/catalog.ts'))).toBe('models/catalog.ts');
  });
});
