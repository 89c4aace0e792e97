import type { Model, Property } from '../../src/core/model.ts';
import { distinctReplicas, loadSpread, minimalMovement, movedKeys, showLoadSpread } from '../../properties/placement/index.ts';
import { choosePositions, evenlySpread, hashName, ownerOnRing, preferenceList, showRing, sortTokens, type ReplicaRule, type Token } from '../shared/ring/ring.ts';

/** How keys are placed on machines. */
export type Placement =
  /** Consistent hashing: each machine owns `vnodes` tokens it chose on joining. */
  | 'ring'
  /** `hash(key) mod n` over the members in name order. */
  | 'modulo'
  /** A mistaken ring: on every change all tokens are spread evenly again over the members. */
  | 'respaced';

/** The design choices of one placement variant. */
export interface PlacementSetup {
  readonly placement: Placement;
  readonly replicaRule: ReplicaRule;
}

/** The sizes a placement model is explored within. */
export interface PlacementBounds {
  /** Positions on the ring. */
  readonly slots: number;
  /** Keys k0, k1, ... placed by their hash. */
  readonly keys: number;
  /** Machines that may ever be members: A, B, C, ... */
  readonly machines: number;
  /** Members at the start (the first ones in name order, tokens evenly spread). */
  readonly initial: number;
  /** Tokens per machine. */
  readonly vnodes: number;
  /** Replicas per key. */
  readonly replicas: number;
  /** Membership changes (joins and leaves) in one run. */
  readonly changes: number;
}

/** A membership: the ring's tokens (empty under `modulo`) and the members in name order. */
export interface Membership {
  readonly tokens: readonly Token[];
  readonly members: readonly string[];
  /** Changes made so far. */
  readonly changes: number;
  /** The last change, with each key's owner before it. */
  readonly last?: { readonly kind: 'join' | 'leave'; readonly machine: string; readonly before: readonly string[] };
}

/** A machine joins with the given token positions (none under `modulo`), or leaves. */
export type MembershipAction =
  | { readonly type: 'join'; readonly machine: string; readonly positions: readonly number[] }
  | { readonly type: 'leave'; readonly machine: string };

const MACHINE_NAMES = 'ABCDEFGH';

/** Builds the placement model of one variant at the given bounds. */
export function placementModel(setup: PlacementSetup, bounds: PlacementBounds): Model<Membership, MembershipAction> {
  const machineNames = [...MACHINE_NAMES.slice(0, bounds.machines)];
  const keys = Array.from({ length: bounds.keys }, (_, i) => `k${i}`);
  const hashes = keys.map(hashName);
  const positions = hashes.map((hash) => hash % bounds.slots);

  const tokensFor = (members: readonly string[], chosen: readonly Token[]): Token[] =>
    setup.placement === 'ring' ? sortTokens(chosen) : setup.placement === 'respaced' ? sortTokens(evenlySpread(members, bounds.vnodes, bounds.slots)) : [];

  const owners = (state: Membership): string[] =>
    setup.placement === 'modulo'
      ? hashes.map((hash) => state.members[hash % state.members.length]!)
      : positions.map((position) => ownerOnRing(state.tokens, position));

  const lists = (state: Membership): string[][] =>
    setup.placement === 'modulo'
      ? hashes.map((hash) => Array.from({ length: Math.min(bounds.replicas, state.members.length) }, (_, i) => state.members[(hash + i) % state.members.length]!))
      : positions.map((position) => preferenceList(state.tokens, position, bounds.replicas, setup.replicaRule));

  const change = (state: Membership, members: string[], tokens: Token[], kind: 'join' | 'leave', machine: string): Membership => ({
    tokens: tokensFor(members, tokens),
    members,
    changes: state.changes + 1,
    last: { kind, machine, before: owners(state) },
  });

  const properties: Property<Membership>[] = [
    {
      name: 'minimal-movement',
      kind: 'always',
      description: 'a join moves keys only to the machine that joined; a leave moves only the keys of the machine that left',
      check: (state) => state.last === undefined || minimalMovement(state.last, keys, state.last.before, owners(state)),
    },
    {
      name: 'distinct-replicas',
      kind: 'always',
      description: `every key is held by min(${bounds.replicas}, members) different machines`,
      check: (state) => distinctReplicas(keys, lists(state), bounds.replicas, state.members.length),
    },
    {
      name: 'a-join-moves-keys',
      kind: 'sometimes',
      description: 'witness: some join takes over at least one key',
      check: (state) => state.last?.kind === 'join' && movedKeys(state.last.before, owners(state)) > 0,
    },
    {
      name: 'a-leave-moves-keys',
      kind: 'sometimes',
      description: 'witness: some leave hands over at least one key',
      check: (state) => state.last?.kind === 'leave' && movedKeys(state.last.before, owners(state)) > 0,
    },
  ];

  const initialMembers = machineNames.slice(0, bounds.initial);
  const initialTokens = evenlySpread(initialMembers, bounds.vnodes, bounds.slots);

  return {
    init: () => [{ tokens: tokensFor(initialMembers, initialTokens), members: initialMembers, changes: 0 }],
    actions(state) {
      if (state.changes >= bounds.changes) return [];
      const enabled: MembershipAction[] = [];
      const taken = new Set(state.tokens.map((token) => token.position));
      const free = Array.from({ length: bounds.slots }, (_, position) => position).filter((position) => !taken.has(position));
      for (const machine of machineNames) {
        if (state.members.includes(machine)) continue;
        if (setup.placement !== 'ring') enabled.push({ type: 'join', machine, positions: [] });
        else for (const chosen of choosePositions(free, bounds.vnodes)) enabled.push({ type: 'join', machine, positions: chosen });
      }
      if (state.members.length > 1) for (const machine of state.members) enabled.push({ type: 'leave', machine });
      return enabled;
    },
    next(state, action) {
      if (action.type === 'join') {
        const members = [...state.members, action.machine].sort();
        const tokens = [...state.tokens, ...action.positions.map((position) => ({ position, machine: action.machine }))];
        return change(state, members, tokens, 'join', action.machine);
      }
      const members = state.members.filter((machine) => machine !== action.machine);
      return change(state, members, state.tokens.filter((token) => token.machine !== action.machine), 'leave', action.machine);
    },
    properties,
    describeAction: (action) =>
      action.type === 'leave' ? `${action.machine} leaves` : `${action.machine} joins${action.positions.length > 0 ? ` with tokens at ${action.positions.join(', ')}` : ''}`,
    describeState(state) {
      const placed = owners(state);
      const view: Record<string, unknown> = {};
      if (setup.placement !== 'modulo') view['ring'] = showRing(state.tokens);
      view['members'] = state.members.join(' ');
      view['owners'] = Object.fromEntries(keys.map((key, i) => [key, placed[i]]));
      view['replicas'] = Object.fromEntries(keys.map((key, i) => [key, lists(state)[i]!.join(',')]));
      view['load'] = showLoadSpread(loadSpread(placed, state.members));
      return view;
    },
    bounds: `${setup.placement === 'modulo' ? `keys ${keys.join(' ')} placed by hash mod members` : `${bounds.slots} token positions, keys at ${keys.map((key, i) => `${key}@${positions[i]}`).join(' ')}`}; machines ${machineNames.join(', ')} (${bounds.initial} at the start); at most ${bounds.changes} joins or leaves`,
  };
}
