// vitest in a project that installed faultline: the test kit's assertion passes and fails as documented.
import { describe, expect, it } from 'vitest';
import { catalog } from 'faultline/models';
import { expectModel, ModelCheckError } from 'faultline/testing';

const dieHard = catalog.find((d) => d.name === 'die-hard')!;

describe('faultline installed as a package', () => {
  it('meets die-hard expectations with bfs', async () => {
    const report = await expectModel(dieHard);
    expect(report.properties[0]!.counterexample!.steps).toHaveLength(6);
  });

  it('throws the readable counterexample when an expectation is missed', async () => {
    const flipped = { ...dieHard, name: 'die-hard-flipped', build: (v: never, p: never) => {
      const model = dieHard.build(v, p);
      return { ...model, properties: model.properties.map((q) => ({ ...q, expect: 'holds' as const })) };
    } };
    const error = await expectModel(flipped, { saveDir: process.env.FAULTLINE_SAVE_DIR }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCheckError);
    expect((error as Error).message).toContain('pour big into small');
  });
});
