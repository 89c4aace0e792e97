import { UsageError } from './errors.ts';
import type { ModelDefinition, ParamSpec, ParamValues } from './model.ts';

/** Describes the allowed values of a parameter, for error messages and `faultline list`. */
export function describeRange(spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
      return `an integer from ${spec.min} to ${spec.max}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
  }
}

/** Parses one textual value against its spec; throws a one-line UsageError naming the parameter. */
export function parseParamValue(model: string, name: string, spec: ParamSpec, text: string): number | boolean | string {
  const bad = () => new UsageError(`${model}: parameter ${name}=${text} is not allowed: ${name} must be ${describeRange(spec)}`);
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d+$/.test(text)) throw bad();
      const value = Number(text);
      if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) throw bad();
      return value;
    }
    case 'bool':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw bad();
    case 'enum':
      if (!spec.values.includes(text)) throw bad();
      return text;
  }
}

/** Checks that a value given in code (a variant's default) fits its spec. */
function checkValue(model: string, name: string, spec: ParamSpec, value: unknown): void {
  const text = String(value);
  const parsed = parseParamValue(model, name, spec, text);
  if (parsed !== value) throw new UsageError(`${model}: parameter ${name}=${text} is not allowed: ${name} must be ${describeRange(spec)}`);
}

/**
 * Resolves the parameter values of a variant: family defaults, then the variant's own defaults,
 * then the user's `name=value` overrides, each checked against its range.
 */
export function resolveParams(
  definition: ModelDefinition,
  variant: string,
  overrides: Readonly<Record<string, string>> = {},
): ParamValues {
  const variantSpec = Object.hasOwn(definition.variants, variant) ? definition.variants[variant] : undefined;
  if (!variantSpec) {
    throw new UsageError(
      `${definition.name}: unknown variant '${variant}'; variants are: ${Object.keys(definition.variants).join(', ')}`,
    );
  }
  const uses = variantSpec.uses;
  if (uses) {
    const unknown = uses.find((name) => !Object.hasOwn(definition.params, name));
    if (unknown) throw new UsageError(`${definition.name}/${variant}: variant uses unknown parameter '${unknown}'`);
  }
  const values: ParamValues = {};
  for (const [name, spec] of Object.entries(definition.params)) if (!uses || uses.includes(name)) values[name] = spec.default;
  for (const [name, value] of Object.entries(variantSpec.params ?? {})) {
    const spec = paramSpec(definition, name);
    if (!spec) throw new UsageError(`${definition.name}/${variant}: variant sets unknown parameter '${name}'`);
    checkValue(definition.name, name, spec, value);
    values[name] = value;
  }
  for (const [name, text] of Object.entries(overrides)) {
    const spec = paramSpec(definition, name);
    if (!spec) {
      const known = Object.keys(definition.params);
      throw new UsageError(
        `${definition.name}: unknown parameter '${name}'; parameters are: ${known.length ? known.join(', ') : '(none)'}`,
      );
    }
    if (uses && !uses.includes(name)) {
      const users = variantsUsing(definition, name);
      throw new UsageError(
        `${definition.name}/${variant}: parameter '${name}' does not apply to this variant${users.length ? `; it applies to: ${users.join(', ')}` : ''}`,
      );
    }
    values[name] = parseParamValue(definition.name, name, spec, text);
  }
  const problem = definition.validate?.(variant, values);
  if (problem) throw new UsageError(`${definition.name}/${variant}: ${problem}`);
  return values;
}

/** Formats parameter values as `a=1 b=true`, in declaration order. */
export function formatParams(values: ParamValues): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** The variants of a family that read a parameter. */
export function variantsUsing(definition: ModelDefinition, name: string): string[] {
  return Object.entries(definition.variants)
    .filter(([, spec]) => !spec.uses || spec.uses.includes(name))
    .map(([variant]) => variant);
}

/** A family's own parameter by name (never one inherited from Object.prototype, such as `toString`). */
function paramSpec(definition: ModelDefinition, name: string): ParamSpec | undefined {
  return Object.hasOwn(definition.params, name) ? definition.params[name] : undefined;
}
