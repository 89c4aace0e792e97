import type { VariantReport } from '../explore/check-variant.ts';

/** The flags of a random search that decide which runs it makes (not how long it may take). */
export interface RepeatFlags {
  readonly engine: string;
  readonly runs?: number;
  readonly maxSteps?: number;
  readonly properties: readonly string[];
  /** The parameter overrides that applied to this variant (unscoped, so the command checks it alone). */
  readonly params: Readonly<Record<string, string>>;
  /** The search ran without the models' declared symmetry (its distinct-state counts depend on it). */
  readonly noSymmetry?: boolean;
}

/**
 * The command that repeats one variant's random search exactly: the variant alone, the same
 * engine, seed, shard, run count, step bound, swarm or not, properties and parameters. Printed under a random
 * search and tested to reproduce the same counterexamples (`test/cli/repeat.test.ts`).
 */
export function repeatCommand(report: VariantReport, flags: RepeatFlags): string | undefined {
  const details = report.result.details as { seed?: number; shard?: string; swarm?: boolean } | undefined;
  if (typeof details?.seed !== 'number') return undefined;
  const parts = ['npx faultline check', quote(`${report.model}/${report.variant}`), '--engine', flags.engine, '--seed', String(details.seed)];
  if (details.shard) parts.push('--shard', details.shard);
  if (flags.runs !== undefined) parts.push('--runs', String(flags.runs));
  if (flags.maxSteps !== undefined) parts.push('--max-steps', String(flags.maxSteps));
  if (details.swarm === false) parts.push('--no-swarm');
  for (const p of flags.properties) parts.push('--property', quote(p));
  for (const [name, value] of Object.entries(flags.params)) parts.push('--param', quote(`${name}=${value}`));
  if (flags.noSymmetry) parts.push('--no-symmetry');
  return parts.join(' ');
}

/** A shell word: as is when it is safe, else in single quotes. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
