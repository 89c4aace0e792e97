/**
 * The kernel: a model is a labelled transition system written as a plain object of pure functions.
 * Every engine, the trace renderer and the CLI see models only through these types.
 */

/** What a variant expects of a property: that it holds, or that the checker finds it violated. */
export type Expectation = 'holds' | 'violated';

/**
 * When a property is judged.
 * - `always`: an invariant, judged in every reachable state.
 * - `history`: judged in every reachable state too, over the history the state records
 *   (a separate kind because it is usually costlier and reads only the history).
 * - `eventually`: judged in every terminal state (one with no enabled action): every maximal
 *   run must end in a state that satisfies it. States cut off by a depth bound are not terminal.
 * - `sometimes`: a reachability check, judged in every reachable state: `check` returns true in a
 *   *witness* state, and some reachable state must be one (e.g. "some write is acknowledged"), so
 *   that a model whose workload never gets anywhere cannot pass silently. A search that reaches a
 *   witness says `holds` and after how many steps; an exhaustive search that reaches none says
 *   `violated` ("vacuous: never reached", with no trace); a cut-off or random one says `unknown`.
 */
export type PropertyKind = 'always' | 'history' | 'eventually' | 'sometimes';

/**
 * The outcome of judging one state: `true` when the property is satisfied; `false`, or a
 * string that says what is wrong, when it is violated. For a `sometimes` property, `true` marks
 * a witness and anything else an ordinary state.
 */
export type Judgement = boolean | string;

/** A named check over states. */
export interface Property<S> {
  /** Unique within the model; used on the command line and in counterexample files. */
  readonly name: string;
  /** When the property is judged. */
  readonly kind: PropertyKind;
  /** What this variant expects; `holds` when omitted. */
  readonly expect?: Expectation;
  /** One sentence for `faultline list`. */
  readonly description?: string;
  /** Judges one state. Must be pure. */
  check(state: S): Judgement;
}

/**
 * A model: initial states, enabled actions, and the successor function, all pure and deterministic.
 * `actions` must list the enabled actions in the same order every time it is called on equal states:
 * traces are stored as indices into that list.
 */
export interface Model<S, A> {
  /** The initial states. */
  init(): readonly S[];
  /** The actions enabled in `state`, in a deterministic order. */
  actions(state: S): readonly A[];
  /** The successor of `state` under `action`. Must not mutate `state`. */
  next(state: S, action: A): S;
  /** The properties to check. */
  readonly properties: readonly Property<S>[];

  /** One readable line for an action (defaults to its JSON). */
  describeAction?(action: A, state: S): string;
  /** A readable view of a state for traces (defaults to the state itself). */
  describeState?(state: S): unknown;
  /** Symmetry reduction: the representative of the state's equivalence class. */
  canonical?(state: S): S;
  /**
   * A canonical encoding of the state; the engine hashes it to a 64-bit fingerprint.
   * A number must be a non-negative safe integer and is then used as an exact key.
   */
  encode?(state: S): string | number;
  /**
   * The inverse of a numeric `encode`: rebuilds the state from its encoding, so that
   * `encode(decode(encode(s))) === encode(s)`. Optional; when given (with a numeric `encode`),
   * `bfs` keeps its frontier as encodings in typed arrays (8 bytes a state, off the JavaScript
   * heap) instead of state objects, and rebuilds each state when it expands it.
   */
  decode?(encoding: number): S;
  /**
   * Whether an action is a fault (drop, crash, partition, ...). Optional; read only by the random
   * engines (`random`, `fast-check`) to bias their choices so that faults are neither swamped by
   * nor crowd out ordinary steps. When absent they treat an action whose `type` or `kind` is one
   * of drop, duplicate, crash, restart, partition, heal, drift as a fault.
   */
  isFault?(action: A): boolean;
  /** State constraint: states outside the bounds are counted but not expanded. */
  withinBounds?(state: S): boolean;
  /** When true, a reachable state with no enabled action is reported as a deadlock. */
  readonly checkDeadlock?: boolean;
  /**
   * The bounds the model fixes beyond its parameters (workload, network, fault kinds, ...), in
   * one line: a `holds` verdict is printed with them, since it is exhaustive only within them.
   */
  readonly bounds?: string;
}

/** A parameter of a model family, with its default and allowed range. */
export type ParamSpec =
  | { readonly type: 'int'; readonly default: number; readonly min: number; readonly max: number; readonly description?: string }
  | { readonly type: 'bool'; readonly default: boolean; readonly description?: string }
  | { readonly type: 'enum'; readonly default: string; readonly values: readonly string[]; readonly description?: string };

/** Parameter values after parsing and validation. */
export type ParamValues = Record<string, number | boolean | string>;

/** A named variant of a model family: a design choice, with parameter defaults of its own. */
export interface VariantSpec {
  /** One sentence for `faultline list`. */
  readonly description?: string;
  /** Parameter defaults that differ from the family's. */
  readonly params?: ParamValues;
  /**
   * The parameters this variant reads, when not all of the family's: the others are left out of
   * its resolved values (so they are neither printed as bounds nor saved), and setting one is an error.
   */
  readonly uses?: readonly string[];
}

/**
 * A model family: what a researcher writes in one file. `build` turns a variant and parameter
 * values into a model whose properties carry this variant's expectations.
 */
export interface ModelDefinition<S = any, A = any> {
  /** Catalog name, as typed on the command line. */
  readonly name: string;
  /** One sentence for `faultline list`. */
  readonly description: string;
  /** Parameters, keyed by name. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Variants, keyed by name; the first is the default. */
  readonly variants: Readonly<Record<string, VariantSpec>>;
  /** Builds the model of one variant at validated parameter values. */
  build(variant: string, params: ParamValues): Model<S, A>;
  /**
   * Optional cross-parameter check, run after each value is in range; returns a message naming
   * the offending parameter and what is allowed, or undefined when the combination is fine.
   */
  validate?(variant: string, params: ParamValues): string | undefined;
}

/** Identity helper that gives a model definition its types without annotations. */
export function defineModel<S, A>(definition: ModelDefinition<S, A>): ModelDefinition<S, A> {
  return definition;
}

/** The expectation of a property, with the default applied. */
export function expectationOf(property: Property<unknown>): Expectation {
  return property.expect ?? 'holds';
}
