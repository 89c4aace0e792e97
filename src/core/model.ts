/**
 * The kernel: a model is a labelled transition system written as a plain object of pure functions.
 * Every engine, the trace renderer and the CLI see models only through these types.
 */

import { ModelContractError } from './errors.ts';

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
   * Writes into `fp` (core/fingerprint.ts) a 64-bit fingerprint of the state's `canonical`
   * representative, computed without building it: two states get equal fingerprints exactly when
   * their representatives are equal (up to 64-bit collisions). Optional, only beside `canonical`
   * and never with `encode`; every engine then uses it in place of hashing `canonical(state)`. The
   * system layer's declared symmetry supplies one.
   */
  fingerprint?(state: S): void;
  /**
   * Whether an action is a fault (a lost message, a crash, a partition, ...). Optional; read only by
   * the random engines (`random`, `fast-check`) to bias their choices so that faults are neither
   * swamped by nor crowd out ordinary steps. Without it no action is a fault: the engines know no
   * fault by name, the model (for a system model, its fault kinds) says which actions are.
   */
  isFault?(action: A): boolean;
  /**
   * State constraint, counted as TLC counts one: a state outside the bounds is generated and its
   * properties judged there (a counterexample may end in it), but it is neither stored, nor counted
   * as distinct, nor expanded, and it adds no BFS level.
   */
  withinBounds?(state: S): boolean;
  /**
   * Partial-order reduction (sleep sets, in `bfs`): which enabled actions commute. Optional; the
   * system layer supplies one. It never changes which states are reached or at what depth (so
   * counts, verdicts and shortest counterexamples stay as they are); it spares recomputing the
   * successor an action leads to when another order of independent actions reaches it too.
   */
  readonly commuting?: Commuting<S, A>;
  /** When true, a reachable state with no enabled action is reported as a deadlock. */
  readonly checkDeadlock?: boolean;
  /**
   * The bounds the model fixes beyond its parameters (workload, network, fault kinds, ...), in
   * one line: a `holds` verdict is printed with them, since it is exhaustive only within them.
   */
  readonly bounds?: string;
}

/**
 * What `bfs`'s sleep sets need to know of a model's actions (see {@link Model.commuting}). Two
 * actions enabled in a state are independent when each is still enabled (the action with the
 * same key) after the other is taken, and both orders reach the same state.
 */
export interface Commuting<S, A> {
  /**
   * The action's identity across states, compared with `===` (the same delivery at another
   * position in the network is the same action), or undefined for one that commutes with nothing.
   * Unique among a state's enabled actions; an action may have other keys in other states (it is
   * then taken again there: more work, nothing missed).
   */
  key(action: A): unknown;
  /**
   * What `action` touched when taken in `state` to give `after`, as a non-negative safe integer, or
   * undefined when it may touch anything. An action's footprint must stay exact in every state
   * that independent actions lead to from `state`: the engine records it once and reuses it there.
   */
  footprint(state: S, action: A, after: S): number | undefined;
  /** Whether two actions enabled in `state`, with these footprints, are independent there. */
  independent(state: S, first: number, second: number): boolean;
}

/** A parameter of a model family, with its default and allowed range. */
export type ParamSpec =
  | { readonly type: 'int'; readonly default: number; readonly min: number; readonly max: number; readonly description?: string }
  | { readonly type: 'bool'; readonly default: boolean; readonly description?: string }
  | { readonly type: 'enum'; readonly default: string; readonly values: readonly string[]; readonly description?: string };

/** Parameter values after parsing and validation. */
export type ParamValues = Record<string, number | boolean | string>;

/**
 * A named variant of a model family as the engines and the CLI see it: a design choice, with
 * parameter defaults of its own. A family declared with a variants table (see
 * {@link VariantDeclaration}) also carries its expectations and the names of its mutations here.
 */
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
  /** The small plausible mistakes its default check must catch, by name (see {@link Mutation}). */
  readonly mutations?: Readonly<Record<string, { readonly description: string }>>;
}

/**
 * A model family as the engines, the CLI and the test kit see it. Write one with
 * {@link defineModel}, which turns a variants table into this shape.
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
  /**
   * Builds the model of one variant at validated parameter values; with `mutation` (one of the
   * variant's {@link VariantSpec.mutations}), the variant with that mistake injected, under the
   * variant's own expectations.
   */
  build(variant: string, params: ParamValues, mutation?: string): Model<S, A>;
  /**
   * Optional cross-parameter check, run after each value is in range; returns a message naming
   * the offending parameter and what is allowed, or undefined when the combination is fine.
   */
  validate?(variant: string, params: ParamValues): string | undefined;
}

/** What a variant expects of each of its properties, by property name. */
export type Expectations = Readonly<Record<string, Expectation>>;

/**
 * A small, plausible implementation mistake in a variant, written as an override of its setup.
 * The variant's default check must catch it: some property must miss its expectation.
 */
export interface Mutation<Setup> {
  /** What the mistake is, in one sentence (printed when the check fails to catch it). */
  readonly description: string;
  /** The setup fields the mistake changes. */
  readonly setup: Partial<Setup>;
}

/**
 * One row of a family's variants table: everything about a variant, in one place.
 * `Setup` is the family's own type of design choices (flags, quorum sizes, which phase to skip):
 * `build` reads it, typed, instead of switching on the variant's name.
 */
export interface VariantDeclaration<Setup, Params = ParamValues> {
  /** One sentence for `faultline list`. */
  readonly description: string;
  /** Parameter defaults that differ from the family's. */
  readonly params?: ParamValues;
  /** The parameters this variant reads, when not all of the family's (see {@link VariantSpec.uses}). */
  readonly uses?: readonly string[];
  /** The design choices `build` receives. */
  readonly setup: Setup;
  /**
   * The expectation of every property the built model has, by name; a function when it depends on
   * the parameters. A property without an entry, or an entry without a property, is a model
   * contract error.
   */
  readonly expect: Expectations | ((params: Params) => Expectations);
  /** Mistakes the default check must catch, by name. */
  readonly mutations?: Readonly<Record<string, Mutation<Setup>>>;
}

/** The variant `build` receives: its name, description, (possibly mutated) setup and expectations. */
export interface Variant<Setup, Name extends string = string> {
  readonly name: Name;
  readonly description: string;
  readonly setup: Setup;
  /**
   * Its expectations at the parameters `build` gets: the properties the built model must have are
   * exactly these keys, so a family that builds its properties from this list names each one once.
   */
  readonly expect: Expectations;
  /** The mutation injected into `setup`, when the sensitivity check builds a mutant. */
  readonly mutation?: string;
}

/** Parameter values typed after their specs: an `int` is a number, a `bool` a boolean, an `enum` one of its values. */
export type ParamsOf<P extends Readonly<Record<string, ParamSpec>>> = {
  readonly [K in keyof P]: P[K] extends { readonly type: 'int' } ? number
    : P[K] extends { readonly type: 'bool' } ? boolean
    : P[K] extends { readonly values: readonly (infer V)[] } ? V
    : string;
};

/**
 * A model family as its author writes it: parameters, a variants table, and `build`, which gets
 * the typed variant and typed parameter values. A parameter outside a variant's `uses` is passed
 * to `build` at the family's default (it is still left out of what is printed and saved).
 */
export interface FamilyDeclaration<Setup, S, A, Name extends string, P extends Readonly<Record<string, ParamSpec>>> {
  /** Catalog name, as typed on the command line. */
  readonly name: string;
  /** One sentence for `faultline list`. */
  readonly description: string;
  /** Parameters, keyed by name. */
  readonly params: P;
  /** The variants table; the first entry is the default variant. */
  readonly variants: { readonly [V in Name]: VariantDeclaration<Setup, ParamsOf<P>> };
  /** Builds one variant's model; its properties carry no `expect` (the table gives it). */
  build(variant: Variant<Setup, Name>, params: ParamsOf<P>): Model<S, A>;
  /** Optional cross-parameter check (see {@link ModelDefinition.validate}). */
  validate?(variant: Variant<Setup, Name>, params: ParamsOf<P>): string | undefined;
}

/**
 * Declares a model family. With a variants table (each variant has `setup` and `expect`):
 *
 * ```ts
 * export const jugs = defineModel({
 *   name: 'jugs',
 *   description: 'measure 4 gallons with two unmarked jugs',
 *   params: { big: { type: 'int', default: 5, min: 1, max: 9 } },
 *   variants: {
 *     standard: {
 *       description: 'jugs of 5 and 3 gallons',
 *       setup: { small: 3 },
 *       expect: { 'big != 4': 'violated' },
 *       mutations: { 'no pouring': { description: 'pour moves nothing', setup: { pour: false } } },
 *     },
 *   },
 *   build: (variant, params) => jugModel(params.big, variant.setup.small),
 * });
 * ```
 * The kernel attaches each property's expectation from `expect`.
 */
export function defineModel<Setup, S, A, const Name extends string, const P extends Readonly<Record<string, ParamSpec>>>(
  declaration: FamilyDeclaration<Setup, S, A, Name, P>,
): ModelDefinition<S, A> {
  // The types require both; a JavaScript caller (a model file run without type checking) may not.
  const missing = Object.entries(declaration.variants as Record<string, Partial<VariantDeclaration<Setup>>>).find(([, row]) => row.setup === undefined || row.expect === undefined);
  if (missing) throw new ModelContractError(`${declaration.name}/${missing[0]}: a variant needs setup and expect (its design choices and the expected verdict of every property)`);
  return fromTable(declaration as unknown as LooseFamily<Setup, S, A>);
}

/** A family declaration with its parameter types erased, as the compiler below handles it. */
interface LooseFamily<Setup, S, A> {
  readonly name: string;
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly variants: Readonly<Record<string, VariantDeclaration<Setup>>>;
  build(variant: Variant<Setup>, params: ParamValues): Model<S, A>;
  validate?(variant: Variant<Setup>, params: ParamValues): string | undefined;
}

/** Compiles a variants table into the definition the engines read. */
function fromTable<Setup, S, A>(family: LooseFamily<Setup, S, A>): ModelDefinition<S, A> {
  const table = family.variants;
  const defaults: ParamValues = Object.fromEntries(Object.entries(family.params).map(([name, spec]) => [name, spec.default]));
  const typed = (values: ParamValues): ParamValues => ({ ...defaults, ...values });
  const row = (name: string): VariantDeclaration<Setup> => {
    if (!Object.hasOwn(table, name)) throw new ModelContractError(`${family.name}: unknown variant '${name}'; variants are: ${Object.keys(table).join(', ')}`);
    return table[name]!;
  };
  const expectations = (declaration: VariantDeclaration<Setup>, params: ParamValues): Expectations =>
    typeof declaration.expect === 'function' ? declaration.expect(params) : declaration.expect;
  const variantOf = (name: string, params: ParamValues, mutation?: string): Variant<Setup> => {
    const declaration = row(name);
    const common = { name, description: declaration.description, expect: expectations(declaration, params) };
    if (mutation === undefined) return { ...common, setup: declaration.setup };
    const mutations = declaration.mutations ?? {};
    if (!Object.hasOwn(mutations, mutation)) {
      throw new ModelContractError(`${family.name}/${name}: unknown mutation '${mutation}'; mutations are: ${Object.keys(mutations).join(', ') || '(none)'}`);
    }
    return { ...common, setup: { ...declaration.setup, ...mutations[mutation]!.setup }, mutation };
  };
  const variants = Object.fromEntries(
    Object.entries(table).map(([name, declaration]) => [name, specOf(declaration)]),
  );
  return {
    name: family.name,
    description: family.description,
    params: family.params,
    variants,
    build(name, params, mutation) {
      const variant = variantOf(name, typed(params), mutation);
      return withExpectations(family.build(variant, typed(params)), variant.expect, `${family.name}/${name}`);
    },
    ...(family.validate ? { validate: (name: string, params: ParamValues) => family.validate!(variantOf(name, typed(params)), typed(params)) } : {}),
  };
}

/** The engine-facing spec of one table row: what `list`, parameter resolution and the kit read. */
function specOf<Setup, Params>(declaration: VariantDeclaration<Setup, Params>): VariantSpec {
  const mutations = declaration.mutations
    ? { mutations: Object.fromEntries(Object.entries(declaration.mutations).map(([name, m]) => [name, { description: m.description }])) }
    : {};
  return {
    description: declaration.description,
    ...(declaration.params ? { params: declaration.params } : {}),
    ...(declaration.uses ? { uses: declaration.uses } : {}),
    ...mutations,
  };
}

/**
 * Gives each property of a built model its expectation from the table (which replaces any
 * `expect` the property carries, such as a property constructor's default). A property without
 * an entry, or an entry without a property, is a model contract error naming both sides.
 */
function withExpectations<S, A>(model: Model<S, A>, expect: Expectations, where: string): Model<S, A> {
  const names = model.properties.map((p) => p.name);
  const list = (items: readonly string[]) => (items.length ? items.map((n) => `'${n}'`).join(', ') : '(none)');
  for (const property of model.properties) {
    if (!Object.hasOwn(expect, property.name)) {
      throw new ModelContractError(`${where}: property '${property.name}' has no entry in the variant's expect table (its entries: ${list(Object.keys(expect))})`);
    }
  }
  for (const name of Object.keys(expect)) {
    if (!names.includes(name)) throw new ModelContractError(`${where}: the variant's expect table names '${name}', which the built model has no property of (its properties: ${list(names)})`);
  }
  return { ...model, properties: model.properties.map((p) => ({ ...p, expect: expect[p.name]! })) };
}

/** The model with more properties after its own (for instance a family's witnesses over a bare specification). */
export function withProperties<S, A>(model: Model<S, A>, ...properties: readonly Property<S>[]): Model<S, A> {
  return { ...model, properties: [...model.properties, ...properties] };
}

/** The expectation of a property, with the default applied. */
export function expectationOf(property: Property<unknown>): Expectation {
  return property.expect ?? 'holds';
}
