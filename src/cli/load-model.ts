import { existsSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';

/**
 * Models from a file: `faultline check path/to/model.ts` loads the file, in or outside the
 * repository, and checks the model definitions it exports. A file may import 'faultline' (and
 * 'faultline/system', 'faultline/properties', 'faultline/testing') from a folder with no
 * node_modules: a resolve hook maps those names to this package's entry files.
 */

/** Where a definition loaded from a file came from: recorded in its counterexample files. */
export interface ModelOrigin {
  /** Absolute path of the model file. */
  readonly path: string;
  /** The export that holds the definition (`default` for a default export). */
  readonly export: string;
}

/** A model argument split into its parts: `file.ts`, `file.ts#export`, each optionally followed by `/variant`. */
export interface ModelFileArgument {
  readonly file: string;
  readonly exportName?: string;
  readonly variant?: string;
}

const origins = new WeakMap<ModelDefinition, ModelOrigin>();

/** Where a definition was loaded from, or undefined for one from the catalog. */
export function originOf(definition: ModelDefinition): ModelOrigin | undefined {
  return origins.get(definition);
}

/** A definition derived from another (the same family built another way) comes from where the other came from. */
export function derivedFrom(original: ModelDefinition, derived: ModelDefinition): ModelDefinition {
  const origin = origins.get(original);
  if (origin) origins.set(derived, origin);
  return derived;
}

const MODEL_FILE = /^(.+?\.(?:[cm]?[jt]s|tsx|jsx))(?:#([^/]+))?(?:\/([^/]+))?$/;

/** Splits an argument that names a model file (it ends in .ts, .js, .mts, ... before an optional `#export` and `/variant`); undefined for a catalog name. */
export function parseModelFileArgument(argument: string): ModelFileArgument | undefined {
  const match = MODEL_FILE.exec(argument);
  if (!match) return undefined;
  return { file: match[1]!, ...(match[2] ? { exportName: match[2] } : {}), ...(match[3] ? { variant: match[3] } : {}) };
}

let hooksRegistered = false;

/**
 * Lets model files import 'faultline' and its subpaths wherever they are, once a process; when
 * this runs compiled (an installed package), also lets Node load TypeScript model files (tsx).
 */
async function registerHooks(): Promise<void> {
  if (hooksRegistered) return;
  hooksRegistered = true;
  const fromSources = import.meta.url.endsWith('.ts');
  if (!fromSources) (await import('tsx/esm/api')).register();
  const root = new URL(fromSources ? '../../' : '../../../', import.meta.url);
  try {
    register(new URL(fromSources ? './resolve-faultline.ts' : './resolve-faultline.js', import.meta.url), { data: { root: root.href } });
  } catch (error) {
    // Sources run without a TypeScript loader in Node's loader thread: another module system
    // (vitest's, running the CLI in-process) loads and resolves modules, so it needs no hook.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
}

/** Whether a value is a model definition (what `defineModel` returns). */
export function isModelDefinition(value: unknown): value is ModelDefinition {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Partial<ModelDefinition>;
  return typeof d.name === 'string' && typeof d.build === 'function' && typeof d.variants === 'object' && d.variants !== null && typeof d.params === 'object';
}

/**
 * Loads the model definitions a file exports: all of them, or only `exportName` (an export's
 * name, or a definition's `name`). A missing file, a file that throws on import, or one that
 * exports no definition is a one-line UsageError (exit 2).
 */
export async function loadModelFile(file: string, exportName?: string, cwd = process.cwd()): Promise<ModelDefinition[]> {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`model file ${file} does not exist`);
  await registerHooks();
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`model file ${file} failed to load: ${message}`);
  }
  const found: { name: string; definition: ModelDefinition }[] = [];
  for (const [name, value] of Object.entries(module)) {
    if (isModelDefinition(value) && !found.some((f) => f.definition === value)) found.push({ name, definition: value });
  }
  if (found.length === 0) throw new UsageError(`model file ${file} exports no model definition (an object made by defineModel)`);
  const chosen = exportName === undefined ? found : found.filter((f) => f.name === exportName || f.definition.name === exportName);
  if (chosen.length === 0) {
    throw new UsageError(`model file ${file} has no model export '${exportName}'; its model exports are: ${found.map((f) => f.name).join(', ')}`);
  }
  for (const { name, definition } of chosen) if (!origins.has(definition)) origins.set(definition, { path, export: name });
  return chosen.map((f) => f.definition);
}

/** The `modelFile` field of a counterexample file saved at `counterexamplePath`: the model file's path relative to that file's folder. */
export function modelFileField(definition: ModelDefinition, counterexamplePath: string): { path: string; export: string } | undefined {
  const origin = originOf(definition);
  if (!origin) return undefined;
  return { path: relative(dirname(resolve(counterexamplePath)), origin.path), export: origin.export };
}

/**
 * The definition a counterexample file names through its `modelFile` field (a path relative to
 * the counterexample file's folder). Its absence is a UsageError that says what is missing.
 */
export async function loadRecordedModel(counterexamplePath: string, modelFile: { path: string; export: string }, model: string): Promise<ModelDefinition> {
  const path = resolve(dirname(resolve(counterexamplePath)), modelFile.path);
  if (!existsSync(path)) {
    throw new UsageError(`${counterexamplePath}: model '${model}' came from ${path} (export ${modelFile.export}), which is not there: restore that file, or replay with the model's definition from code`);
  }
  const [definition] = await loadModelFile(path, modelFile.export);
  return definition!;
}

/**
 * Replaces every model-file argument (`file.ts`, `file.ts#export`, `file.ts/variant`) by the
 * catalog-style names of the definitions it loads (`name` or `name/variant`), and returns those
 * definitions ahead of the catalog: `check` and `list` then treat them as catalog models.
 */
export async function withModelFiles(catalog: readonly ModelDefinition[], names: readonly string[]): Promise<{ catalog: ModelDefinition[]; names: string[] }> {
  const loaded: ModelDefinition[] = [];
  const rewritten: string[] = [];
  for (const name of names) {
    const argument = parseModelFileArgument(name);
    if (!argument) {
      rewritten.push(name);
      continue;
    }
    const definitions = await loadModelFile(argument.file, argument.exportName);
    if (argument.variant !== undefined && definitions.length > 1) {
      throw new UsageError(`${name}: ${argument.file} exports ${definitions.length} models (${definitions.map((d) => originOf(d)?.export).join(', ')}); pick one with ${argument.file}#<export>/${argument.variant}`);
    }
    for (const definition of definitions) {
      if (!loaded.includes(definition)) loaded.push(definition);
      rewritten.push(argument.variant === undefined ? definition.name : `${definition.name}/${argument.variant}`);
    }
  }
  return { catalog: [...loaded, ...catalog.filter((d) => !loaded.some((l) => l.name === d.name))], names: rewritten };
}
