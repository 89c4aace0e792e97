import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/explore/bfs.ts';
import { parallelBfs, type ModelRecipe } from '../../src/explore/parallel-bfs.ts';
import { resolveParams } from '../../src/core/params.ts';
import type { ExplorationResult } from '../../src/core/result.ts';
import type { Model } from '../../src/core/model.ts';
import { twoPhaseCommit } from '../../models/two-phase-commit/two-phase-commit.ts';
import { twoPhaseCommitReadable } from '../../models/two-phase-commit/two-phase-commit-readable.ts';
import { quorumStoreModel } from '../../models/quorum-store/quorum-store.ts';
import { rememberCatalogModule } from '../../src/cli/model-recipe.ts';
import { runCli } from '../helpers/cli.ts';
import { SharedFingerprintTable, SharedTableFullError } from '../../src/explore/shared-table.ts';

const here = (path: string) => new URL(path, import.meta.url).href;
const twoPhase = (rms: number, plain: boolean): ModelRecipe => ({
  module: here(`../../models/two-phase-commit/${plain ? 'two-phase-commit-readable' : 'two-phase-commit'}.ts`),
  export: plain ? 'twoPhaseCommitReadable' : 'twoPhaseCommit',
  args: [rms],
});
const quorumStore = (variant: string): ModelRecipe => ({ module: here('../../models/quorum-store/quorum-store.ts'), export: 'quorumStoreModel', family: 'quorum-store', variant });

/** What must be the same as bfs's: counts, depth, completeness, verdicts and counterexample lengths. */
const figures = (r: ExplorationResult) => ({
  distinct: r.distinctStates,
  generated: r.generatedStates,
  depth: r.depth,
  complete: r.complete,
  stopReason: r.stopReason,
  verdicts: r.properties.map((p) => [p.name, p.verdict, p.counterexample?.steps.length ?? null, p.witness?.steps.length ?? null]),
});

describe('parallel bfs on worker threads', () => {
  it('TwoPhase rms=5, as objects and packed: bfs counts exactly (8,832 distinct, 58,146 generated, depth 17)', async () => {
    for (const plain of [true, false]) {
      const model: Model<unknown, unknown> = (plain ? twoPhaseCommitReadable(5) : twoPhaseCommit(5)) as Model<unknown, unknown>;
      const parallel = await parallelBfs(model, { workers: 2, recipe: twoPhase(5, plain) });
      expect(figures(parallel)).toEqual(figures(bfs(model)));
      expect(parallel.distinctStates).toBe(8832);
      expect(parallel.generatedStates).toBe(58146);
      expect(parallel.details?.workers).toBe(2);
      // The work is shared: without handing queued states over, the worker that added the
      // initial state would add, and expand, nearly every state.
      const shares = parallel.details?.generatedByWorker as number[];
      expect(shares.reduce((a, b) => a + b, 0)).toBe(58146);
      expect(Math.min(...shares) / Math.max(...shares)).toBeGreaterThan(0.8);
    }
  });

  it('a system-layer model with a violation: the same shortest counterexample length, and with exhaustive the same counts', async () => {
    const model = quorumStoreModel.build('counter-versions', resolveParams(quorumStoreModel, 'counter-versions'));
    const shortest = (r: ExplorationResult) => r.properties.find((p) => p.name === 'regular')!.counterexample!.steps.length;
    const stopping = await parallelBfs(model, { workers: 2, recipe: quorumStore('counter-versions') });
    expect(stopping.properties.find((p) => p.name === 'regular')!.verdict).toBe('violated');
    expect(shortest(stopping)).toBe(shortest(bfs(model)));
    const sequential = bfs(model, { exhaustive: true });
    const parallel = await parallelBfs(model, { workers: 2, recipe: quorumStore('counter-versions'), exhaustive: true });
    expect(figures(parallel)).toEqual(figures(sequential));
    expect(shortest(parallel)).toBe(9);
  });

  it('a depth bound cuts where bfs cuts, with the same counts', async () => {
    const model = twoPhaseCommitReadable(4);
    const parallel = await parallelBfs(model, { workers: 3, recipe: twoPhase(4, true), maxDepth: 6 });
    expect(figures(parallel)).toEqual(figures(bfs(model, { maxDepth: 6 })));
    expect(parallel.stopReason).toBe('max-depth');
  });

  it('refuses fewer than two workers, a missing recipe and a recipe naming nothing, with one-line errors', async () => {
    const model = twoPhaseCommit(3);
    await expect(parallelBfs(model, { workers: 1, recipe: twoPhase(3, false) })).rejects.toThrow('--workers must be an integer from 2 to 64, got 1');
    await expect(parallelBfs(model, { workers: 2 })).rejects.toThrow('a parallel search needs a recipe for the model');
    await expect(parallelBfs(model, { workers: 2, recipe: { ...twoPhase(3, false), export: 'nothing' } })).rejects.toThrow("exports no function 'nothing'");
  });

  it('check --workers 2 runs it from the CLI: the same verdicts and shortest length; --workers with another engine is a usage error', async () => {
    rememberCatalogModule(here('../../models/catalog.ts'));
    const run = await runCli('check', 'quorum-store/counter-versions', '--workers', '2', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out).results[0];
    expect(result.details.workers).toBe(2);
    expect(result.properties.map((p: { name: string; verdict: string }) => [p.name, p.verdict])).toEqual([['regular', 'violated'], ['read-sees-a-write', 'holds']]);
    expect(result.properties[0].counterexample.steps).toHaveLength(9);
    const dfs = await runCli('check', 'quorum-store/counter-versions', '--workers', '2', '--engine', 'dfs');
    expect([dfs.code, dfs.err]).toEqual([2, 'faultline: check: --workers applies only to bfs, not dfs']);
  });

  it('the shared table: each fingerprint added once, all kept when it grows, and full past 90% of its slots', () => {
    const table = SharedFingerprintTable.create(1 << 10);
    const keys = Array.from({ length: 900 }, (_, i) => [(i * 2654435761) >>> 0, i === 0 ? 0 : (i * 40503) >>> 0] as const);
    expect(keys.map(([hi, lo]) => table.add(hi, lo)).every(Boolean)).toBe(true);
    expect(keys.some(([hi, lo]) => table.add(hi, lo))).toBe(false);
    const grown = table.grown(1 << 12);
    expect([grown.size, grown.capacity]).toEqual([900, 1 << 12]);
    expect(keys.some(([hi, lo]) => grown.add(hi, lo))).toBe(false);
    expect([grown.add(0, 0), grown.add(1, 1), grown.add(1, 1)]).toEqual([false, true, false]); // (0, 0), keys[0], is a key like any other
    for (let i = 1; i <= 21; i++) table.add(0xffff0000 + i, i);
    expect(() => table.add(0xfffe0000, 7)).toThrow(SharedTableFullError);
  });
});
