// A Node module resolve hook (registered by src/cli/load-model.ts with node:module `register`):
// a model file anywhere, even in a folder with no node_modules, may import 'faultline' and its
// public subpaths, which resolve to this package's own entry files: the TypeScript sources in a
// checkout, the compiled ones in an installed package. It runs in Node's module loader thread.
import { existsSync, readFileSync } from 'node:fs';

/** What `register(..., { data })` passes: the package root's URL. */
interface HookData {
  readonly root: string;
}

/** Node's resolve hook types, reduced to what this hook reads. */
type ResolveResult = { url: string; shortCircuit?: boolean };
type NextResolve = (specifier: string, context: unknown) => ResolveResult | Promise<ResolveResult>;

/** Package root URL. */
let root: URL;
/** Specifier ('faultline', 'faultline/system', ...) -> file URL. */
let entries = new Map<string, string>();

/** The entry files when package.json has no exports map: the sources. */
const SOURCES: Record<string, string> = { '.': './src/index.ts', './system': './src/system/index.ts', './properties': './properties/index.ts', './testing': './src/testing/index.ts', './models': './models/catalog.ts' };

/** Reads the package's exports map once, when the hook is registered. */
export function initialize(data: HookData): void {
  root = new URL(data.root);
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; exports?: Record<string, unknown> };
  const targets = { ...SOURCES };
  for (const [key, value] of Object.entries(pkg.exports ?? {})) {
    const conditions = value as { import?: unknown; default?: unknown } | null;
    const target = typeof value === 'string' ? value : conditions?.import ?? conditions?.default;
    if (typeof target === 'string' && (key === '.' || key.startsWith('./'))) targets[key] = sourceOf(target) ?? target;
  }
  entries = new Map(Object.entries(targets).map(([key, target]) => [key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`, new URL(target, root).href]));
}

/** The TypeScript source of a compiled entry (`./dist/src/index.js` -> `./src/index.ts`) when it is there: a checkout runs its sources. */
function sourceOf(target: string): string | undefined {
  const source = target.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts');
  return source !== target && existsSync(new URL(source, root)) ? source : undefined;
}

/** Resolves this package's public names to its entry files; everything else as usual. */
export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<ResolveResult> {
  // The mapped file goes on through the chain, so that the TypeScript loader sees it as usual.
  return nextResolve(entries.get(specifier) ?? specifier, context);
}

type LoadResult = { format?: string; source?: unknown; shortCircuit?: boolean };
type NextLoad = (url: string, context: { format?: string }) => LoadResult | Promise<LoadResult>;

/** The folders known to lie inside a package whose package.json says how its files load. */
const packaged = new Map<string, boolean>();

/** Whether some package.json above `url` (a file URL) decides the module format. */
function inPackage(url: URL): boolean {
  const dir = new URL('.', url);
  const known = packaged.get(dir.href);
  if (known !== undefined) return known;
  const parent = new URL('..', dir);
  const answer = existsSync(new URL('package.json', dir)) || (parent.href !== dir.href && inPackage(new URL('x', parent)));
  packaged.set(dir.href, answer);
  return answer;
}

/**
 * A TypeScript model file in a folder with no package.json is loaded as an ES module (the
 * default would be CommonJS, which cannot import faultline's ES modules).
 */
export async function load(url: string, context: { format?: string }, nextLoad: NextLoad): Promise<LoadResult> {
  if (url.startsWith('file:') && /\.ts$/.test(url) && !inPackage(new URL(url))) return nextLoad(url, { ...context, format: 'module' });
  return nextLoad(url, context);
}
