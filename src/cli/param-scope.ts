import { UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';

/**
 * `--param` values with an optional scope: `name=value` applies to every model checked,
 * `MODEL.name=value` (or `MODEL/VARIANT.name=value`) only to that model (or variant). This is how
 * one of several models checked together gets a parameter the others do not have.
 */
export interface ScopedParam {
  readonly model?: string;
  readonly variant?: string;
  readonly name: string;
  readonly value: string;
  /** As typed, for messages. */
  readonly text: string;
}

/** Parses `--param` pairs; a name given twice for the same scope is an error. */
export function parseScopedParams(pairs: readonly string[], catalog: readonly ModelDefinition[]): ScopedParam[] {
  const seen = new Set<string>();
  return pairs.map((text) => {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`check: --param ${text}: expected name=value or MODEL.name=value`);
    const key = text.slice(0, eq);
    const dot = key.lastIndexOf('.');
    const name = key.slice(dot + 1);
    const scope = dot === -1 ? undefined : key.slice(0, dot);
    const [model, variant, extra] = scope === undefined ? [] : scope.split('/');
    if (scope !== undefined) {
      const definition = catalog.find((d) => d.name === model);
      if (!definition || extra !== undefined || name === '') throw new UsageError(`check: --param ${text}: '${scope}' is not a model; models are: ${catalog.map((d) => d.name).join(', ')}`);
      if (variant !== undefined && !Object.hasOwn(definition.variants, variant)) {
        throw new UsageError(`check: --param ${text}: unknown variant '${variant}'; variants of ${model} are: ${Object.keys(definition.variants).join(', ')}`);
      }
    }
    if (seen.has(key)) throw new UsageError(`check: --param ${key} is given twice`);
    seen.add(key);
    return { model, variant, name, value: text.slice(eq + 1), text };
  });
}

/**
 * The overrides for one variant: unscoped ones, then the model's, then the variant's (the most
 * specific wins). A scoped one naming a model or variant that is not checked is an error, so a
 * typo cannot silently do nothing.
 */
export function overridesForTarget(params: readonly ScopedParam[], model: string, variant: string): Record<string, string> {
  const rank = (p: ScopedParam) => (p.variant !== undefined ? 2 : p.model !== undefined ? 1 : 0);
  // No prototype: `--param __proto__=1` is an unknown parameter like any other, not a silent no-op.
  const overrides: Record<string, string> = Object.create(null);
  for (const p of [...params].sort((a, b) => rank(a) - rank(b))) {
    if (p.model !== undefined && p.model !== model) continue;
    if (p.variant !== undefined && p.variant !== variant) continue;
    overrides[p.name] = p.value;
  }
  return overrides;
}

/** Refuses scoped parameters for a model or variant that is not among the targets. */
export function checkScopesUsed(params: readonly ScopedParam[], targets: readonly { model: string; variant: string }[]): void {
  for (const p of params) {
    if (p.model === undefined) continue;
    if (!targets.some((t) => t.model === p.model && (p.variant === undefined || t.variant === p.variant))) {
      throw new UsageError(`check: --param ${p.text}: ${p.variant === undefined ? p.model : `${p.model}/${p.variant}`} is not being checked`);
    }
  }
}

/** Runs `resolve`; with several models checked, an unknown-parameter error also says how to scope one. */
export function withScopeHint<T>(severalModels: boolean, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (severalModels && error instanceof UsageError && /unknown parameter/.test(error.message)) {
      throw new UsageError(`${error.message} (with several models, --param MODEL.name=value sets a parameter for one)`);
    }
    throw error;
  }
}
