/** Keys per machine and the ratio of the busiest machine's load to the mean: a report, not a verdict. */
export interface LoadSpread {
  /** Keys owned per machine, every member listed (an idle machine with 0). */
  readonly perMachine: Readonly<Record<string, number>>;
  /** Largest load over mean load (1 is perfectly even); 0 when there are no keys. */
  readonly maxOverMean: number;
}

/** The load spread of a placement: `owners` names each key's owner, `members` every machine. */
export function loadSpread(owners: readonly string[], members: readonly string[]): LoadSpread {
  const perMachine: Record<string, number> = {};
  for (const machine of members) perMachine[machine] = 0;
  for (const owner of owners) perMachine[owner] = (perMachine[owner] ?? 0) + 1;
  const loads = Object.values(perMachine);
  const mean = owners.length / Math.max(1, members.length);
  return { perMachine, maxOverMean: mean === 0 ? 0 : Math.max(...loads) / mean };
}

/** `A=2 B=3 C=1 (max/mean 1.50)`. */
export function showLoadSpread(spread: LoadSpread): string {
  const loads = Object.entries(spread.perMachine).map(([machine, keys]) => `${machine}=${keys}`);
  return `${loads.join(' ')} (max/mean ${spread.maxOverMean.toFixed(2)})`;
}
