import { pathToFileURL } from 'node:url';
import type { ModelDefinition } from '../core/model.ts';
import type { ModelRecipe } from '../explore/parallel-bfs.ts';
import { originOf } from './load-model.ts';

/** The module the catalog was loaded from (set by the CLI's thread at its start), for worker threads. */
let catalogModule: string | undefined;

/** Records where the catalog came from, so that worker threads can load it too. */
export function rememberCatalogModule(url: string): void {
  catalogModule = url;
}

/**
 * How a worker thread of `--workers` builds a variant: from the model file it was loaded from, or
 * from the catalog's module. Undefined when neither is known (a catalog given in memory).
 */
export function recipeFor(definition: ModelDefinition, variant: string, overrides: Readonly<Record<string, string>>): ModelRecipe | undefined {
  const origin = originOf(definition);
  if (origin) return { module: pathToFileURL(origin.path).href, export: origin.export, family: definition.name, variant, params: overrides };
  if (catalogModule) return { module: catalogModule, export: 'catalog', family: definition.name, variant, params: overrides };
  return undefined;
}
