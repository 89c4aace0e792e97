import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the code, checked: no import cycles among the library's files (`src/`, `models/`,
 * `properties/`), and no engine that knows the system layer's fault kinds by name (the model says
 * which actions are faults, through `isFault`).
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = ['src', 'models', 'properties'];

/** Every TypeScript file under a folder, as a path relative to the repository. */
function sources(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) found.push(relative(root, path));
    }
  };
  walk(join(root, folder));
  return found;
}

/**
 * The relative modules a file imports: every static `import ... from '...'`, `export ... from '...'`
 * and bare `import '...'`, type-only ones included (a cycle of types is still a cycle of concepts).
 */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found.filter((spec) => spec.startsWith('.'));
}

/** The import graph: each file to the files it imports, resolved to repository paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap(sources)) {
    const text = readFileSync(join(root, file), 'utf8');
    graph.set(file, importsOf(text).map((spec) => relative(root, resolve(root, dirname(file), spec))));
  }
  return graph;
}

/** One cycle of the graph, as the list of files around it (first file repeated at the end), or undefined. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined && graph.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    if (state.get(file) !== undefined) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Names of the system layer's fault kinds: an engine must not treat any of them specially. */
const FAULT_NAMES = ['drop', 'duplicate', 'crash', 'restart', 'partition', 'heal', 'drift', 'pause', 'disk-loss', 'lose-disk'];

/** The fault-kind names a file spells as string literals ('...', "..." or `...`), with their lines. */
export function faultLiterals(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const name of FAULT_NAMES) {
      if (new RegExp(`(['"\`])${name}\\1`).test(line)) found.push(`${i + 1}: ${name}`);
    }
  });
  return found;
}

describe('the import graph', () => {
  it('parses imports, type-only and multi-line ones included', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {',
      '  c,',
      '  d,',
      "} from './cd.ts';",
      "export { e } from './e.ts';",
      "import './side-effect.ts';",
      "import fc from 'fast-check';",
      "const x = 'import y from \"./not-a-line-start.ts\"';",
    ].join('\n');

    expect(importsOf(text)).toEqual(['./a.ts', '../b.ts', './cd.ts', './e.ts', './side-effect.ts']);
  });

  it('finds a cycle and names the files around it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);

    expect(findCycle(graph)).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
    expect(findCycle(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toBeUndefined();
  });

  it(`has no cycle in ${FOLDERS.join('/, ')}/`, () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(40);

    const cycle = findCycle(graph);

    expect(cycle && `import cycle: ${cycle.join(' -> ')}`).toBeUndefined();
  });
});

describe('the engines', () => {
  it('spot a fault-kind literal', () => {
    expect(faultLiterals("const kinds = new Set(['drop', \"crash\"]);\n// a partition (drop, crash)\nconst x = `heal`;")).toEqual(['1: drop', '1: crash', '3: heal']);
  });

  it('name no fault kind: the model says which actions are faults', () => {
    const named = sources('src/explore').flatMap((file) => faultLiterals(readFileSync(join(root, file), 'utf8')).map((hit) => `${file}:${hit}`));

    expect(named).toEqual([]);
  });
});
