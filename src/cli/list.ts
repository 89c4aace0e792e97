import { elide } from '../core/elide.ts';
import { UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';
import { describeRange, formatParams, resolveParams } from '../core/params.ts';
import { selectProperties } from '../core/judge.ts';
import { expectationOf } from '../core/model.ts';
import type { CliIO } from './io.ts';

/** `faultline list [MODEL...] [--json]`: the catalog's models (or the ones named), variants, parameters and expectations. */
export function runList(catalog: readonly ModelDefinition[], json: boolean, io: CliIO, names: readonly string[] = []): number {
  const chosen = names.length === 0 ? catalog : names.map((name) => findModel(catalog, name));
  const entries = chosen.map((definition) => ({
    name: definition.name,
    description: definition.description,
    params: Object.entries(definition.params).map(([name, spec]) => ({ name, ...spec, range: describeRange(spec) })),
    variants: Object.entries(definition.variants).map(([variant, spec]) => {
      const params = resolveParams(definition, variant);
      const model = definition.build(variant, params);
      return {
        name: variant,
        description: spec.description ?? '',
        params,
        properties: selectProperties(model).map((p) => ({ name: p.name, kind: p.kind, expect: expectationOf(p as never), description: p.description ?? '' })),
      };
    }),
  }));
  if (json) {
    io.out(JSON.stringify({ models: entries }, null, 2));
    return 0;
  }
  for (const entry of entries) {
    io.out(`${entry.name}: ${entry.description}`);
    for (const p of entry.params) io.out(`  param ${p.name} (default ${p.default}; ${p.range})${p.description ? ': ' + p.description : ''}`);
    for (const v of entry.variants) {
      // The variant's own parameter values: its defaults differ from the family's where it says so.
      io.out(`  variant ${entry.name}/${v.name} (${formatParams(v.params) || 'no parameters'})${v.description ? ': ' + v.description : ''}`);
      for (const p of v.properties) io.out(`    ${p.expect === 'holds' ? 'expect holds   ' : 'expect violated'}  ${p.name} [${p.kind}]${p.description ? ' ' + p.description : ''}`);
    }
  }
  return 0;
}

function findModel(catalog: readonly ModelDefinition[], name: string): ModelDefinition {
  const definition = catalog.find((d) => d.name === name);
  if (!definition) throw new UsageError(`list: unknown model '${elide(name)}'; models are: ${catalog.map((d) => d.name).join(', ')}`);
  return definition;
}
