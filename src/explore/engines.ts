/** The registry: the engines `--engine` accepts, each marked exhaustive or not. */
import { bfs } from './bfs.ts';
import { dfs } from './dfs.ts';
import type { Engine } from './engine.ts';
import { fastCheck } from './fast-check.ts';
import { random } from './random.ts';

export type { Engine, EngineOptions } from './engine.ts';

/** The engines `--engine` accepts, the default first. */
export const engines: readonly Engine[] = [
  { name: 'bfs', exhaustive: true, description: 'breadth-first, all interleavings; shortest counterexamples', run: bfs },
  { name: 'dfs', exhaustive: true, description: 'depth-first with an optional depth bound; low memory', run: dfs },
  { name: 'random', exhaustive: false, description: 'seeded random walks (--runs, --max-steps, --seed); never says holds', run: random },
  { name: 'fast-check', exhaustive: false, description: 'fast-check schedules, shrunk on failure (--runs, --max-steps, --seed); never says holds', run: fastCheck },
];

/** Finds an engine by name. */
export function findEngine(name: string): Engine | undefined {
  return engines.find((e) => e.name === name);
}
