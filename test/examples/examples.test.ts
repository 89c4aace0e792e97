import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isModelDefinition } from '../../src/cli/load-model.ts';
import type { ModelDefinition } from '../../src/core/model.ts';
import { expectContract, expectFamily, expectSensitivity } from '../../src/testing/index.ts';

/** Every model under examples/ meets its expectations, keeps the contract and catches its mutations. */

const dir = join(import.meta.dirname, '..', '..', 'examples');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const definitions: { file: string; definition: ModelDefinition }[] = [];
for (const file of files) {
  const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
  for (const value of Object.values(module)) if (isModelDefinition(value)) definitions.push({ file, definition: value });
}

describe('examples/', () => {
  it('has models to check', () => {
    expect(definitions.length).toBeGreaterThan(0);
  });

  describe.each(definitions.map((d) => [`${d.file}: ${d.definition.name}`, d.definition] as const))('%s', (_name, definition) => {
    it('meets every expectation of every variant (bfs at defaults)', async () => {
      await expectFamily(definition);
    });

    it.each(Object.keys(definition.variants))('%s keeps the kernel contract', (variant) => {
      expect(expectContract(definition, variant).states).toBeGreaterThan(0);
    });

    const mutated = Object.entries(definition.variants).filter(([, spec]) => spec.mutations).map(([variant]) => variant);
    it.each(mutated.length ? mutated : ['(none)'])('%s catches every mutation', async (variant) => {
      expect(mutated.length, 'an example with a correct variant lists the mistakes its check must catch').toBeGreaterThan(0);
      await expectSensitivity(definition, variant);
    });
  });
});
