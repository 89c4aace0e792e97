/**
 * What the coordinator of the parallel breadth-first search and its workers say to each other,
 * and how a worker rebuilds the model (models are functions: they cannot be sent, only rebuilt).
 */
import type { Model, ModelDefinition } from '../core/model.ts';
import { resolveParams } from '../core/params.ts';

/**
 * How to build the model in another thread: a module's exported function called with `args`, or
 * a family (a `ModelDefinition`, or a catalog array holding it) built for a variant and parameters.
 */
export type ModelRecipe =
  | { readonly module: string; readonly export: string; readonly args?: readonly unknown[] }
  | { readonly module: string; readonly export: string; readonly family: string; readonly variant: string; readonly params?: Readonly<Record<string, string>> };

/** A worker's start: which one it is, the model, the shared table and stop flag. */
export interface WorkerSetup {
  readonly index: number;
  readonly workers: number;
  readonly recipe: ModelRecipe;
  readonly properties?: readonly string[];
  readonly table: { readonly slots: SharedArrayBuffer; readonly count: SharedArrayBuffer };
  readonly stop: SharedArrayBuffer;
}

/** Orders to a worker. */
export type ToWorker =
  | { readonly type: 'seed' }
  | { readonly type: 'level'; readonly cut: boolean; readonly settled: readonly string[]; readonly table?: WorkerSetup['table']; readonly take?: Handover }
  | { readonly type: 'give'; readonly count: number }
  | { readonly type: 'links'; readonly locals: readonly number[] }
  | { readonly type: 'close' };

/** A property settled in a state a worker judged: the state by its global id, or (outside the bounds, not stored) by its parent and action. */
export interface Finding {
  readonly property: string;
  readonly witness: boolean;
  readonly message: string;
  readonly where: { readonly id: number; readonly stored: true } | { readonly parent: number; readonly action: number; readonly stored: false };
}

/**
 * Queued states moved from one worker to another between levels, so that a worker that was first
 * to add most of a level does not expand most of the next one alone: the states (or encodings)
 * and their global ids (their parent links stay with the worker that added them).
 */
export interface Handover {
  readonly states: readonly unknown[];
  readonly ids: readonly number[];
}

/** What a worker did in one level. */
export interface LevelReport {
  generated: number;
  added: number;
  terminal: number;
  outsideBounds: number;
  cutByDepth: boolean;
  stopped: boolean;
  /** States queued for the next level, after this one. */
  queued: number;
  readonly findings: Finding[];
}

/** Messages from a worker. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'report'; readonly report: LevelReport }
  | { readonly type: 'links'; readonly links: readonly { readonly parent: number; readonly via: number }[] }
  | { readonly type: 'handover'; readonly handover: Handover }
  | { readonly type: 'error'; readonly name: string; readonly message: string };

/** Builds the model a recipe names. */
export async function buildFromRecipe(recipe: ModelRecipe): Promise<Model<unknown, unknown>> {
  const exported = (await import(recipe.module))[recipe.export];
  if (!('family' in recipe)) {
    if (typeof exported !== 'function') throw new Error(`${recipe.module} exports no function '${recipe.export}'`);
    return await exported(...(recipe.args ?? []));
  }
  const definition: ModelDefinition | undefined = Array.isArray(exported) ? exported.find((d: ModelDefinition) => d.name === recipe.family) : exported;
  if (!definition || typeof definition.build !== 'function') throw new Error(`${recipe.module}'s '${recipe.export}' holds no family '${recipe.family}'`);
  return definition.build(recipe.variant, resolveParams(definition, recipe.variant, recipe.params ?? {})) as Model<unknown, unknown>;
}
