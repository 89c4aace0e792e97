import type { Property } from '../../src/core/model.ts';

/**
 * What the broker last granted for a partition: the member it served (a fetch) or whose commit
 * it accepted, with the member the group's current generation assigned the partition to at
 * that moment (null: nobody).
 */
export interface Grant {
  readonly member: string;
  readonly owner: string | null;
  /** The generation the request carried. */
  readonly generation: number;
}

/** A model's record of the broker's last grants (undefined: none yet). */
export interface OwnershipSource<St> {
  lastFetch(state: St): Grant | undefined;
  lastCommit(state: St): Grant | undefined;
}

function grantedToOwner<St>(name: string, description: string, what: string, grant: (state: St) => Grant | undefined): Property<St> {
  return {
    name,
    kind: 'always',
    description,
    check(state) {
      const last = grant(state);
      if (last === undefined || last.member === last.owner) return true;
      return `the broker ${what} ${last.member} (generation ${last.generation}) while the partition belonged to ${last.owner ?? 'no member'}`;
    },
  };
}

/** Single owner per partition: the broker serves a partition's records only to the member that owns it in the current generation. */
export function singleOwner<St>(source: OwnershipSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return grantedToOwner(options.name ?? 'single-owner', 'the partition’s records are served only to its owner in the current generation', 'served a fetch of', (s) => source.lastFetch(s));
}

/** Fenced commits rejected: the broker accepts an offset commit only from the partition's owner in the current generation. */
export function fencedCommitsRejected<St>(source: OwnershipSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return grantedToOwner(options.name ?? 'fenced-commits-rejected', 'an offset commit is accepted only from the partition’s owner in the current generation', 'accepted a commit of', (s) => source.lastCommit(s));
}
