import { UsageError } from '../core/errors.ts';

/** How a flag takes its value. */
export type FlagKind = 'boolean' | 'value' | 'repeated';

/** Parsed command line: positional arguments and flags. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true | string[]>;
}

/**
 * Parses `--flag`, `--flag value`, `--flag=value` against a fixed set of flags; anything else that
 * starts with `--` is an error naming the flag and the allowed ones. A flag that is not
 * `repeated` may be given once; `--` ends the flags (what follows is positional).
 */
export function parseArgs(argv: readonly string[], known: Readonly<Record<string, FlagKind>>, command: string): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true | string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      // Everything after `--` is an argument, even if it starts with `--`.
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const kind = known[name];
    if (!kind) {
      const allowed = Object.keys(known).map((k) => `--${k}`).join(', ');
      throw new UsageError(`${command}: unknown option --${name}; options are: ${allowed}`);
    }
    // A repeated option is refused rather than one of its values silently winning.
    if (kind !== 'repeated' && flags.has(name)) throw new UsageError(`${command}: --${name} is given twice; give it once`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`${command}: --${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`${command}: --${name} needs a value`);
    if (kind === 'repeated') {
      const list = (flags.get(name) as string[] | undefined) ?? [];
      list.push(value);
      flags.set(name, list);
    } else {
      flags.set(name, value);
    }
  }
  return { positional, flags };
}

/** Reads a flag that must be a whole number within a range. */
export function intFlag(args: ParsedArgs, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined) return undefined;
  const text = String(raw).replace(/_/g, '');
  const value = /^\d+(e\d+)?$/i.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} ${raw}: expected a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any size' : max}`);
  }
  return value;
}

/** Reads a duration flag (`90`, `90s`, `1500ms`, `2m`) as milliseconds. */
export function durationFlag(args: ParsedArgs, name: string): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(raw));
  if (!match) throw new UsageError(`--${name} ${raw}: expected a duration such as 30s, 1500ms or 2m`);
  const unit = match[2] ?? 's';
  const ms = Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000);
  if (ms <= 0) throw new UsageError(`--${name} ${raw}: must be more than zero`);
  return ms;
}

/** Reads a repeated flag as a list (empty when absent). */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const raw = args.flags.get(name);
  return Array.isArray(raw) ? raw : [];
}
