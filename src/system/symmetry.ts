/**
 * Declared symmetry: groups of interchangeable nodes, where node ids hide in a system's own data,
 * and how the layer checks and switches it (the representatives themselves: representative.ts).
 */
import { ModelContractError } from '../core/errors.ts';
import type { Model } from '../core/model.ts';
import type { NetworkSemantics } from './network.ts';
import { renameBits, Representatives, type Relabelling, type Rename } from './representative.ts';
import type { NodeId, SystemState } from './types.ts';

/**
 * A symmetry declaration of the node-indexed spec: groups of interchangeable nodes and where ids
 * hide. Sound only if the handlers, the properties and `obsolete` treat the members of a group
 * alike (`expectSymmetric` in the test kit checks it on sampled states); the layer itself checks
 * that no member is named by the workload and that the initial state is symmetric.
 */
export interface SymmetrySpec<S, M, T> extends Relabelling<S, M, T> {
  readonly groups: readonly (readonly NodeId[])[];
}

/** What a compiled model says of its declared symmetry. */
export interface Symmetry<S, M, O, T> {
  /** The groups of interchangeable nodes (each of two or more). */
  readonly groups: readonly (readonly NodeId[])[];
  /** The state with node `m` renamed `permutation[m]` (ids, node slots, clocks, status bits, messages, timers). */
  relabel(state: SystemState<S, M, O, T>, permutation: readonly NodeId[]): SystemState<S, M, O, T>;
  /** The representative of the state's orbit (the state itself when it is one). */
  representative(state: SystemState<S, M, O, T>): SystemState<S, M, O, T>;
  /** The representative's fingerprint into `fp`, computed without building the representative (the model's `fingerprint`). */
  fingerprint(state: SystemState<S, M, O, T>): void;
  /** What the bounds line says of it: `symmetry: r0, r1, r2 interchangeable`. */
  readonly bound: string;
}

/**
 * The model without its declared symmetry (its `canonical` and the bounds line's clause), for
 * comparisons (`check --no-symmetry`); a model that declares none is returned as it is. A model
 * whose `canonical` is its own, not the layer's representative, is refused: dropping it would drop more.
 */
export function withoutSymmetry<S, A>(model: Model<S, A>): Model<S, A> {
  const symmetry = (model as { symmetry?: Symmetry<unknown, unknown, unknown, unknown> }).symmetry;
  if (!symmetry) return model;
  if ((model.canonical as unknown) !== symmetry.representative) throw new ModelContractError("the model's canonical is not its declared symmetry's representative, so symmetry cannot be switched off alone");
  const { canonical: _canonical, fingerprint: _fingerprint, symmetry: _symmetry, bounds, ...rest } = model as Model<S, A> & { symmetry?: unknown };
  const plain = bounds?.replace(`; ${symmetry.bound}`, '');
  return plain === undefined ? rest : { ...rest, bounds: plain };
}

/** Builds the symmetry of a compiled system; `coordinators` are the nodes the workload names. */
export function makeSymmetry<S, M, O, T>(
  declared: SymmetrySpec<S, M, T>,
  size: number,
  semantics: NetworkSemantics,
  coordinators: ReadonlySet<NodeId>,
  name: (node: NodeId) => string,
): Symmetry<S, M, O, T> {
  const groups = checkedGroups(declared.groups, size, coordinators, name);
  const representatives = new Representatives<S, M, O, T>(groups, size, semantics, declared);
  return {
    groups,
    // Bound methods, not wrappers: the engines call fingerprint once a successor.
    relabel: representatives.relabel.bind(representatives),
    representative: representatives.representative.bind(representatives),
    fingerprint: representatives.fingerprint.bind(representatives),
    bound: `symmetry: ${groups.map((group) => group.map(name).join(', ')).join(' and ')} interchangeable`,
  };
}

/** Each swap of neighbouring members of a group (together they generate every renaming), as a permutation of `size` nodes. */
export function neighbourSwaps(groups: readonly (readonly NodeId[])[], size: number): { readonly a: NodeId; readonly b: NodeId; readonly permutation: readonly NodeId[] }[] {
  return groups.flatMap((group) =>
    group.slice(1).map((b, k) => {
      const a = group[k]!;
      return { a, b, permutation: Array.from({ length: size }, (_, node) => (node === a ? b : node === b ? a : node)) };
    }),
  );
}

/** The groups, checked: known, distinct ids, none named by the workload; groups of one dropped. */
function checkedGroups(groups: readonly (readonly NodeId[])[], size: number, coordinators: ReadonlySet<NodeId>, name: (node: NodeId) => string): NodeId[][] {
  const seen = new Set<NodeId>();
  for (const group of groups) {
    for (const node of group) {
      if (!Number.isInteger(node) || node < 0 || node >= size) throw new ModelContractError(`symmetry names unknown node ${JSON.stringify(node)}`);
      if (seen.has(node)) throw new ModelContractError(`symmetry names ${name(node)} twice`);
      if (coordinators.has(node)) throw new ModelContractError(`symmetry: ${name(node)} is named by the workload, so it is not interchangeable with the other nodes of its group`);
      seen.add(node);
    }
  }
  return groups.filter((group) => group.length > 1).map((group) => [...group].sort((a, b) => a - b));
}

export { renameBits, type Relabelling, type Rename };
