/**
 * The system layer: a distributed system written as roles, compiled to a kernel
 * {@link Model} that the engines explore.
 *
 * A family writes each role (`defineRole`): its own state type, `init`, the `durable` fields
 * that survive a crash, and pure handlers `(state, input, ctx) => state`: `onRequest` (a client
 * invokes an operation at this node), `on.<Type>` (one per message type; messages carry a
 * `type`), `onTimer` (timers are typed values), `onRestart`, `onPeerCrash`, and the receive
 * guard `defer(state, msg, from)` (true leaves the message in flight for now). Handlers act
 * only through `ctx` ({@link Context}: `send`, `broadcast`, `setTimer`, `cancelTimer`, `reply`,
 * `fail`, `now`, `nodes(role)`). `defineSystem` puts the roles on nodes and adds the network
 * (`unordered` or per-link `fifo`), the workload (per client, `{ node, input }` steps), the
 * faults (a budget and kinds from `faults/`: drop, duplicate, crash, partition; drift from
 * `clock.skew`), the clock and the properties (over `observer.history(state)`, see
 * `properties/history/`):
 *
 * ```ts
 * const replica = defineRole<Replica, Msg, Op, Result, never>({
 *   init: () => ({ value: 0 }), durable: ['value'],
 *   on: { Put: (s, msg) => ({ value: msg.value }) },
 * });
 * const model = defineSystem({
 *   roles: { replica }, nodes: [{ role: 'replica', name: 'r0' }, { role: 'replica', name: 'r1' }],
 *   network: 'unordered', workload: [[{ node: 'r0', input: { f: 'write', value: 1 } }]],
 *   faults: { budget: 1, kinds: [drop(), crash()] },
 *   properties: (o) => [linearizable(o, register(0))],
 * });
 * ```
 *
 * The compiled model's actions ({@link SystemAction}): deliver a message (not one its receiver
 * defers, nor across a partition), fire a due timer, a client invoking its next operation, a
 * tick of global time (up to `clock.horizon`; with `clock.synchronous`, only once no message
 * can be delivered: bounded delay), and the fault kinds' actions (each injection spends one
 * unit of the budget; restart and heal are free; drift is bounded by the skew). `isFault` is
 * derived from the wired kinds. `obsolete` names messages that can no longer have any effect;
 * they are swept after every step, so states differing only in dead messages coincide.
 *
 * The state ({@link SystemState}) holds only what is needed: node states, the network as a
 * sorted multiset (or per-link FIFO queues), timers, time and clock offsets, fault status,
 * and one slot per workload operation, whose `call` / `return` count the operations completed
 * before (real-time order and nothing more). Traces key every collection by its content.
 *
 * `compileSystem` takes the node-indexed {@link SystemSpec}, the intermediate form roles compile to.
 */
export type { ClientHistory, ClientOperation, ClientStep, Envelope, FaultAction, NodeId, OpSlot, PendingTimer, StepAction, SystemAction, SystemState, Workload } from './types.ts';
export type { Context, Request } from './context.ts';
export * from './faults/index.ts';
export type { NetworkSemantics } from './network.ts';
export type { Observer, SystemSpec } from './spec.ts';
export type { PlannedOperation, SystemModel } from './compile.ts';
export { compileSystem } from './compile.ts';
export type { Relabelling, Rename, Symmetry, SymmetrySpec } from './symmetry.ts';
export { renameBits, withoutSymmetry } from './symmetry.ts';
export { describeValue } from './describe.ts';
export { defineRole, defineSystem, type Message, type MessageHandlers, type NodeInfo, type Role, type RoleContext, type RoleSystemModel, type StateOf, type SystemDefinition, type SystemTypes, type SystemView } from './roles.ts';
