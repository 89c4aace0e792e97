/**
 * One faultline benchmark run, in a process of its own: builds the model a configuration names,
 * explores it with `bfs`, and prints its figures as one JSON line. `--root DIR` takes the model
 * and the engine from another checkout (a base commit being compared), so the same configuration
 * can run on two versions of the code side by side.
 *
 *   node --import tsx bench/child.ts '<configuration as JSON>' [--root DIR]
 *   node BUILD/bench/child.js '<configuration as JSON>' --root BUILD     (compiled: bench/build.ts)
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FaultlineConfig, FaultlineFigures } from './configs.ts';
import { findFamily } from './families.ts';

async function main(config: FaultlineConfig, root: string): Promise<FaultlineFigures> {
  // Compiled, this file and the tree it loads end in .js where the sources end in .ts.
  const load = (path: string) => import(pathToFileURL(resolve(root, path.replace(/\.ts$/, extension))).href);
  const model = await buildModel(config, load);
  const { bfs } = await load('src/explore/bfs.ts');
  const parallel = config.workers !== undefined && config.workers > 1;
  const options = { ...(parallel ? { workers: config.workers, recipe: recipeOf(config, root) } : {}), ...(config.options ?? {}) };
  const engine = parallel ? (await load('src/explore/parallel-bfs.ts')).parallelBfs : bfs;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await engine(model, options);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    distinct: result.distinctStates,
    generated: result.generatedStates,
    depth: result.depth,
    complete: result.complete,
    verdicts: Object.fromEntries(result.properties.map((p: { name: string; verdict: string }) => [p.name, p.verdict])),
    shortest: Object.fromEntries(
      result.properties.filter((p: { counterexample: unknown }) => p.counterexample).map((p: { name: string; counterexample: { steps: unknown[] } }) => [p.name, p.counterexample.steps.length]),
    ),
    seconds: (performance.now() - started) / 1000,
    // The process's CPU: worker threads' included.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** How a worker thread rebuilds the model of a configuration (parallel-bfs.ts's recipe). */
function recipeOf(config: FaultlineConfig, root: string): unknown {
  const module = (path: string) => pathToFileURL(resolve(root, path.replace(/\.ts$/, extension))).href;
  const source = config.source;
  if (source.kind === 'two-phase') {
    return source.plain
      ? { module: module('models/two-phase-commit/two-phase-commit-readable.ts'), export: 'twoPhaseCommitReadable', args: [source.rms] }
      : { module: module('models/two-phase-commit/two-phase-commit.ts'), export: 'twoPhaseCommit', args: [source.rms] };
  }
  return { module: module('models/catalog.ts'), export: 'catalog', family: source.family, variant: source.variant, params: source.params ?? {} };
}

/** The model of a configuration, from the checkout at `load`'s root. */
async function buildModel(config: FaultlineConfig, load: (path: string) => Promise<any>): Promise<unknown> {
  const source = config.source;
  if (source.kind === 'two-phase') {
    if (source.plain) return (await load('models/two-phase-commit/two-phase-commit-readable.ts')).twoPhaseCommitReadable(source.rms);
    return (await load('models/two-phase-commit/two-phase-commit.ts')).twoPhaseCommit(source.rms);
  }
  const { resolveParams } = await load('src/core/params.ts');
  const definition = await findFamily(source.family, load);
  const model = definition.build(source.variant, resolveParams(definition, source.variant, source.params ?? {}));
  if (source.symmetry !== false) return model;
  // A checkout from before declared symmetry has none to switch off.
  const symmetry = await load('src/system/symmetry.ts').catch(() => undefined);
  return symmetry ? symmetry.withoutSymmetry(model) : model;
}

const extension = import.meta.url.endsWith('.js') ? '.js' : '.ts';
const [text, flag, root] = process.argv.slice(2);
try {
  const figures = await main(JSON.parse(text!) as FaultlineConfig, flag === '--root' ? root! : resolve(import.meta.dirname, '..'));
  process.stdout.write(JSON.stringify(figures) + '\n');
} catch (error) {
  // One line the parent quotes (a base commit without this variant, a model that throws).
  process.stderr.write(`${(error as Error).message.split('\n')[0]}\n`);
  process.exitCode = 2;
}
