/**
 * Consistent hashing over a small token space: machines own tokens (virtual nodes) on a ring of
 * `slots` positions, and a key belongs to the first token at or after its position, clockwise.
 */

/** One virtual node: a position on the ring owned by a machine. */
export interface Token {
  readonly position: number;
  readonly machine: string;
}

/** How a key's replicas are chosen from the tokens after its position. */
export type ReplicaRule =
  /** Dynamo's preference list: walk clockwise, skipping tokens of machines already chosen. */
  | 'distinct-machines'
  /** The next N tokens clockwise, whatever machine owns them. */
  | 'next-tokens'
  /** A mistaken skip: a token is skipped only when its machine is the one chosen just before. */
  | 'skip-previous'
  /** A mistaken skip: take the next N tokens, then drop repeated machines. */
  | 'dedupe-first-n';

/** FNV-1a (32 bits) of a name: where a key sits, before it is reduced to the token space. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The index in `tokens` (sorted by position) of the first token at or after `position`, wrapping. */
export function successorIndex(tokens: readonly Token[], position: number): number {
  const index = tokens.findIndex((token) => token.position >= position);
  return index === -1 ? 0 : index;
}

/** The machine that owns a key at `position`. */
export function ownerOnRing(tokens: readonly Token[], position: number): string {
  return tokens[successorIndex(tokens, position)]!.machine;
}

/** The machines that hold a key at `position`, by the given rule. */
export function preferenceList(tokens: readonly Token[], position: number, replicas: number, rule: ReplicaRule): string[] {
  const start = successorIndex(tokens, position);
  const walk = tokens.map((_, offset) => tokens[(start + offset) % tokens.length]!.machine);
  switch (rule) {
    case 'next-tokens':
      return walk.slice(0, replicas);
    case 'dedupe-first-n':
      return [...new Set(walk.slice(0, replicas))];
    case 'skip-previous': {
      const chosen: string[] = [];
      for (const machine of walk) if (chosen.length < replicas && chosen.at(-1) !== machine) chosen.push(machine);
      return chosen;
    }
    case 'distinct-machines': {
      const chosen: string[] = [];
      for (const machine of walk) if (chosen.length < replicas && !chosen.includes(machine)) chosen.push(machine);
      return chosen;
    }
  }
}

/**
 * Tokens spread evenly: the v-th virtual node of the i-th machine (in the order given) at
 * `floor((i * vnodes + v) * slots / (machines * vnodes))`. Used for the initial ring.
 */
export function evenlySpread(machines: readonly string[], vnodes: number, slots: number): Token[] {
  const total = machines.length * vnodes;
  return machines.flatMap((machine, i) =>
    Array.from({ length: vnodes }, (_, v) => ({ position: Math.floor(((i * vnodes + v) * slots) / total), machine })),
  );
}

/** Tokens sorted by position. */
export function sortTokens(tokens: readonly Token[]): Token[] {
  return [...tokens].sort((a, b) => a.position - b.position);
}

/** Every way to choose `count` positions from `free`, in increasing order. */
export function choosePositions(free: readonly number[], count: number): number[][] {
  if (count === 0) return [[]];
  const choices: number[][] = [];
  free.forEach((position, index) => {
    for (const rest of choosePositions(free.slice(index + 1), count - 1)) choices.push([position, ...rest]);
  });
  return choices;
}

/** `A@0 A@2 B@4`: a ring in position order. */
export function showRing(tokens: readonly Token[]): string {
  return tokens.map((token) => `${token.machine}@${token.position}`).join(' ');
}
