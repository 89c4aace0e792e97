import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.ts';
import { expectationOf } from '../../src/core/model.ts';
import { resolveParams } from '../../src/core/params.ts';
import { readCounterexampleFile } from '../../src/trace/counterexample-file.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * The regression corpus: every file under counterexamples/ must still reproduce, and every
 * property the catalog expects to be violated must have a file there. A new file is covered
 * as soon as it is committed; a new "violated" variant fails here until its file is saved
 * (`faultline check <model>/<variant> --engine fast-check --save`).
 */
const DIR = 'counterexamples';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(DIR, f));

describe('the counterexample corpus', () => {
  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s reproduces', async (path) => {
    const run = await runCli('replay', path);

    expect(run.err).toBe('');
    expect(run.out.split('\n').at(-1)).toMatch(/^reproduced: /);
    expect(run.code).toBe(0);
  });

  const expectedViolations = catalog.flatMap((definition) =>
    Object.keys(definition.variants).flatMap((variant) =>
      definition
        .build(variant, resolveParams(definition, variant))
        .properties.filter((p) => expectationOf(p) === 'violated')
        .map((p) => [`${definition.name}/${variant}`, p.name] as const),
    ),
  );

  it.each(expectedViolations)('%s: %s has a saved counterexample', (label, property) => {
    const [model, variant] = label.split('/');
    const saved = files.map((f) => readCounterexampleFile(f)).filter((f) => f.model === model && f.variant === variant && f.property === property);

    expect(saved.length, `no file under ${DIR}/ for ${label} '${property}'`).toBeGreaterThan(0);
  });
});
