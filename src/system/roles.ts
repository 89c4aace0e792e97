import { ModelContractError } from '../core/errors.ts';
import type { Property } from '../core/model.ts';
import { compileSystem, type SystemModel } from './compile.ts';
import type { Context, Request } from './context.ts';
import { describeValue } from './describe.ts';
import type { FaultConfig } from './faults/index.ts';
import type { NetworkSemantics } from './network.ts';
import type { Observer } from './spec.ts';
import type { Rename, SymmetrySpec } from './symmetry.ts';
import type { ClientStep, NodeId, SystemState } from './types.ts';

/** Every message of a role-based system names its type: handlers are looked up by it. */
export interface Message {
  readonly type: string;
}

/** What a role's handler may do (see {@link Context}); `ctx.nodes(role)` lists a role's nodes. */
export type RoleContext<M, O, T> = Context<M, O, T>;

/** Who a node is when its role builds its initial state. */
export interface NodeInfo {
  readonly id: NodeId;
  readonly name: string;
  /** Its position among the nodes of its role (0 for the first replica, ...). */
  readonly index: number;
}

/** A handler per message type: each receives the message narrowed to its type. */
export type MessageHandlers<S, M extends Message, O, T> = {
  readonly [K in M['type']]?: (state: S, msg: Extract<M, { type: K }>, from: NodeId, ctx: RoleContext<M, O, T>) => S;
};

/**
 * One role of a system (a replica, a client, a broker, a controller): its own state type and
 * pure handlers `(state, input, ctx) => state`. A message that reaches a node whose role has no
 * handler for its type is a model error, so a forgotten handler does not pass silently.
 */
export interface Role<S, M extends Message, I, O, T> {
  /** The node's state at the start, and the base its durable fields are laid over at a restart. */
  init(node: NodeInfo): S;
  /** Fields kept across a crash; the rest resets to `init`. Default: none. */
  readonly durable?: readonly (keyof S & string)[];
  /** A client invokes an operation at this node (its coordinator). */
  onRequest?(state: S, request: Request<I>, ctx: RoleContext<M, O, T>): S;
  /** One handler per message type. */
  readonly on: MessageHandlers<S, M, O, T>;
  /** Receive guard: true leaves the message in flight, not deliverable while the node is in this state. */
  defer?(state: S, msg: M, from: NodeId): boolean;
  /** A timer this node set fired (it is removed first). */
  onTimer?(state: S, timer: T, ctx: RoleContext<M, O, T>): S;
  /** The node restarted after a crash (with its durable fields over `init`). */
  onRestart?(state: S, ctx: RoleContext<M, O, T>): S;
  /** Runs once in the initial state, to set the node's first timers or send its first messages (e.g. an election timeout). */
  onStart?(state: S, ctx: RoleContext<M, O, T>): S;
  /** Another node crashed (a perfect failure detector, right after the crash). */
  onPeerCrash?(state: S, peer: NodeId, ctx: RoleContext<M, O, T>): S;
  /** A readable view of the state for traces. Default: the state. */
  describe?(state: S): unknown;
  /**
   * The state with the node ids in it renamed, for declared symmetry (`SystemDefinition.symmetry`).
   * Needed by every role whose state names nodes of an interchangeable role. Default: it names none.
   */
  relabel?(state: S, rename: Rename): S;
}

/** Declares a role, fixing its types: `defineRole<ReplicaState, Msg, Input, Output, Timer>({ ... })`. */
export function defineRole<S, M extends Message, I = never, O = never, T = never>(role: Role<S, M, I, O, T>): Role<S, M, I, O, T> {
  return role;
}

/* The parts of a role, read back from a table of roles. */
type AnyRole = Role<any, any, any, any, any>;
/** The state type of a role. */
export type StateOf<R> = R extends Role<infer S, any, any, any, any> ? S : never;
type MsgOf<R> = R extends Role<any, infer M, any, any, any> ? M : never;
type InOf<R> = R extends Role<any, any, infer I, any, any> ? I : never;
type OutOf<R> = R extends Role<any, any, any, infer O, any> ? O : never;
type TimerOf<R> = R extends Role<any, any, any, any, infer T> ? T : never;

/** The types a table of roles fixes for its system. */
export type SystemTypes<Roles extends Record<string, AnyRole>> = {
  readonly state: StateOf<Roles[keyof Roles]>;
  readonly msg: MsgOf<Roles[keyof Roles]>;
  readonly input: InOf<Roles[keyof Roles]>;
  readonly output: OutOf<Roles[keyof Roles]>;
  readonly timer: TimerOf<Roles[keyof Roles]>;
};

/** The compiled model of a role-based system. */
export type RoleSystemModel<Roles extends Record<string, AnyRole>, X extends SystemTypes<Roles> = SystemTypes<Roles>> = SystemModel<X['state'], X['msg'], X['input'], X['output'], X['timer']> & {
  /** Which role each node plays, by id. */
  readonly roleOf: readonly (keyof Roles & string)[];
  /** A node's state, typed by its role; a contract error when the node plays another role. */
  stateOf<K extends keyof Roles & string>(state: SystemState<X['state'], X['msg'], X['output'], X['timer']>, role: K, node: NodeId): StateOf<Roles[K]>;
};

/** A typed view of the nodes' states, for `obsolete`: `view.state('replica', to)`. */
export interface SystemView<Roles extends Record<string, AnyRole>> {
  state<K extends keyof Roles & string>(role: K, node: NodeId): StateOf<Roles[K]>;
  roleOf(node: NodeId): keyof Roles & string;
}

/** A system made of roles. */
export interface SystemDefinition<Roles extends Record<string, AnyRole>, X extends SystemTypes<Roles> = SystemTypes<Roles>> {
  readonly roles: Roles;
  /** The nodes, in id order, each with its role and an optional name (default `n0`, `n1`, ... by id). */
  readonly nodes: readonly { readonly role: keyof Roles & string; readonly name?: string }[];
  readonly network: NetworkSemantics;
  /** Per client, the operations it invokes one after another, each at a node (by name or id). */
  readonly workload: readonly (readonly ClientStep<X['input']>[])[];
  /** The fault budget and the kinds allowed (`faults/`). Default: none. */
  readonly faults?: FaultConfig;
  /** Time: `horizon` ticks of global time, clock `skew`, `synchronous` (bounded delay). Default: no time. */
  readonly clock?: { readonly horizon: number; readonly skew?: number; readonly synchronous?: boolean; readonly forTimersOnly?: boolean };
  /** The properties, over an observer of histories and node status. */
  properties?(observer: Observer<X['state'], X['msg'], X['input'], X['output'], X['timer']>): readonly Property<SystemState<X['state'], X['msg'], X['output'], X['timer']>>[];
  /**
   * Optional reduction: true when a message in flight can have no effect any more, now or later
   * (a late answer, a request whose answer would be one). Swept after every step. Must be sound.
   */
  obsolete?(msg: X['msg'], from: NodeId, to: NodeId, view: SystemView<Roles>): boolean;
  /**
   * Optional reduction: the roles whose nodes are interchangeable (those the workload does not name),
   * and where node ids hide in messages and timers (in states: each role's `relabel`). Sound only
   * if handlers, `obsolete` and properties treat those nodes alike: `expectSymmetric` checks it.
   */
  readonly symmetry?: {
    readonly roles: readonly (keyof Roles & string)[];
    relabelMessage?(msg: X['msg'], rename: Rename): X['msg'];
    relabelTimer?(timer: X['timer'], rename: Rename): X['timer'];
  };
  /** One line for a message. Default: `Type(field=value, ...)`. */
  describeMessage?(msg: X['msg']): string;
  /** One line for a timer. Default: `type(field=value, ...)`. */
  describeTimer?(timer: X['timer']): string;
  /** One line for a client input. Default: JSON. */
  describeInput?(input: X['input']): string;
  /** One line for a client output. Default: JSON. */
  describeOutput?(output: X['output']): string;
}

/** Compiles a role-based system to a kernel model (through the node-indexed {@link compileSystem}). */
export function defineSystem<Roles extends Record<string, AnyRole>>(definition: SystemDefinition<Roles>): RoleSystemModel<Roles> {
  type X = SystemTypes<Roles>;
  type S = X['state'];
  type M = X['msg'];
  type Ctx = Context<M, X['output'], X['timer']>;
  const { roles } = definition;
  const roleOf = definition.nodes.map((node, id) => {
    if (!Object.hasOwn(roles, node.role)) throw new ModelContractError(`node ${id} has unknown role '${String(node.role)}'; roles are: ${Object.keys(roles).join(', ')}`);
    return node.role;
  });
  const names = definition.nodes.map((node, id) => node.name ?? `n${id}`);
  const byRole = new Map<string, NodeId[]>();
  roleOf.forEach((role, id) => byRole.set(role, [...(byRole.get(role) ?? []), id]));
  const roleByNode: readonly AnyRole[] = roleOf.map((name) => roles[name]!);
  const role = (node: NodeId): AnyRole => roleByNode[node]!;
  const missing = (node: NodeId, what: string) => new ModelContractError(`${names[node]} (role ${roleOf[node]}) has no ${what}`);
  const infos: NodeInfo[] = names.map((name, id) => ({ id, name, index: byRole.get(roleOf[id]!)!.indexOf(id) }));

  const stateOf = <K extends keyof Roles & string>(nodes: readonly S[], wanted: K, node: NodeId): StateOf<Roles[K]> => {
    if (roleOf[node] !== wanted) throw new ModelContractError(`${names[node] ?? `node ${node}`} plays ${roleOf[node] ?? 'no role'}, not ${wanted}`);
    return nodes[node] as StateOf<Roles[K]>;
  };
  const obsolete = definition.obsolete;
  // One view for every obsolete() call, pointed at the nodes being judged: no objects per message.
  let viewed: readonly S[] = [];
  let sender = -1;
  let receiver = -1;
  const view: SystemView<Roles> = {
    state(wanted, node) {
      // Partial-order reduction counts on it: a step elsewhere cannot make the message obsolete.
      if (node !== sender && node !== receiver) throw new ModelContractError(`obsolete() may read only the sender's and the receiver's states; judging a message ${names[sender]}→${names[receiver]} it read ${names[node] ?? `node ${node}`}'s`);
      return stateOf(viewed, wanted, node);
    },
    roleOf(node) {
      return roleOf[node]!;
    },
  };

  /** Each interchangeable role's nodes that no workload step names; ids in states relabelled by their role. */
  function symmetryOf(declared: NonNullable<SystemDefinition<Roles>['symmetry']>): SymmetrySpec<S, M, X['timer']> {
    const named = new Set(definition.workload.flatMap((script) => script.map((step) => (typeof step.node === 'string' ? names.indexOf(step.node) : step.node))));
    for (const wanted of declared.roles) if (!byRole.has(wanted)) throw new ModelContractError(`symmetry names role '${wanted}', which no node plays`);
    return {
      groups: declared.roles.map((wanted) => byRole.get(wanted)!.filter((node) => !named.has(node))),
      ...(roleByNode.some((r) => r.relabel) ? { node: (local: S, node: NodeId, rename: Rename) => role(node).relabel?.(local, rename) ?? local } : {}),
      ...(declared.relabelMessage ? { message: declared.relabelMessage } : {}),
      ...(declared.relabelTimer ? { timer: declared.relabelTimer } : {}),
    };
  }

  const model = compileSystem<S, M, X['input'], X['output'], X['timer']>({
    nodes: definition.nodes.length,
    network: definition.network,
    init: (node) => role(node).init(infos[node]!),
    // A field is kept across a crash when the node's own role names it durable.
    durable: (node) => (role(node).durable ?? []) as (keyof S & string)[],
    onRequest(local, request, ctx: Ctx) {
      const handler = role(ctx.self).onRequest;
      if (!handler) throw missing(ctx.self, 'onRequest, but the workload sends it a request');
      return handler(local, request, ctx);
    },
    onMessage(local, msg, from, ctx: Ctx) {
      const handler = role(ctx.self).on[msg.type];
      if (!handler) throw missing(ctx.self, `handler for ${msg.type} messages (sent by ${names[from]})`);
      return handler(local, msg, from, ctx);
    },
    defer: (local, msg, from, to) => role(to).defer?.(local, msg, from) ?? false,
    onTimer(local, timer, ctx: Ctx) {
      const handler = role(ctx.self).onTimer;
      if (!handler) throw missing(ctx.self, 'onTimer, but a timer of it fired');
      return handler(local, timer, ctx);
    },
    onRestart: (local, ctx: Ctx) => role(ctx.self).onRestart?.(local, ctx) ?? local,
    ...(Object.values(roles).some((r) => r.onStart) ? { onStart: (local: S, ctx: Ctx) => role(ctx.self).onStart?.(local, ctx) ?? local } : {}),
    onPeerCrash: (local, peer, ctx: Ctx) => role(ctx.self).onPeerCrash?.(local, peer, ctx) ?? local,
    workload: definition.workload,
    ...(definition.symmetry ? { symmetry: symmetryOf(definition.symmetry) } : {}),
    ...(definition.faults ? { faults: definition.faults } : {}),
    ...(definition.clock ? { clock: definition.clock } : {}),
    ...(definition.properties ? { properties: definition.properties } : {}),
    ...(obsolete
      ? {
          obsolete(msg: M, from: NodeId, to: NodeId, nodes: readonly S[]) {
            viewed = nodes;
            sender = from;
            receiver = to;
            return obsolete(msg, from, to, view);
          },
        }
      : {}),
    describeMessage: definition.describeMessage ?? describeValue,
    describeTimer: definition.describeTimer ?? describeValue,
    ...(definition.describeInput ? { describeInput: definition.describeInput } : {}),
    ...(definition.describeOutput ? { describeOutput: definition.describeOutput } : {}),
    describeNode: (local, node) => role(node).describe?.(local) ?? local,
    describeNodeId: (node) => names[node]!,
    nodesOf: (wanted) => (wanted === undefined ? [...roleOf.keys()] : (byRole.get(wanted) ?? [])),
  });
  return Object.assign(model, { roleOf, stateOf: (state: SystemState<S, M, X['output'], X['timer']>, wanted: keyof Roles & string, node: NodeId) => stateOf(state.nodes, wanted, node) }) as RoleSystemModel<Roles>;
}
