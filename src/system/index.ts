/**
 * The system layer: a distributed system written as node handlers, compiled to a kernel
 * {@link Model} that the engines explore.
 *
 * A model author writes one {@link SystemSpec}: per node a local state `S` and pure handlers
 * `onRequest` / `onMessage` / `onTimer` / `onRestart` of the form `(state, input, ctx) => state`,
 * acting only through `ctx` ({@link Context}: `send`, `sendAll`, `setTimer`, `cancelTimer`,
 * `reply`, `fail`, and `now`, the node's local clock). `durable` names the fields of `S` that
 * survive a crash. A `workload` gives each client a script of `{node, input}` steps, invoked
 * one after another. `properties(observer)` returns the kernel properties, judged over
 * `observer.history(state)` (see `properties/history/`).
 *
 * ```ts
 * const model = compileSystem({
 *   nodes: 3, network: 'unordered',
 *   init: () => ({ value: 0 }), durable: ['value'],
 *   onRequest: (s, req, ctx) => { ctx.sendAll({ t: 'Put', v: req.input.value }); ctx.reply(req.op, {}); return s; },
 *   onMessage: (s, m) => ({ value: m.v }),
 *   workload: [[{ node: 0, input: { f: 'write', value: 1 } }]],
 *   faults: { budget: 1, drop: true, crash: true },
 *   properties: (o) => [linearizable(o, register(0))],
 * });
 * bfs(model);
 * ```
 *
 * The compiled model's actions ({@link SystemAction}) are: deliver a message, fire a due timer,
 * a client invoking its next operation, a tick of global time (up to `clock.horizon`; with
 * `clock.synchronous`, only once no message can be delivered: bounded delay), a node's
 * clock drifting +1 (up to `clock.skew`), and faults, each spending one unit of the budget:
 * drop, duplicate, crash (volatile state and timers lost), partition into two groups. Restart
 * and heal are free. Messages across a partition wait for the heal; messages to a crashed node
 * are lost on delivery; a request to a crashed node stays pending forever.
 *
 * Keeping the state space small: `obsolete(msg, from, to, nodes)` lets a spec name messages
 * that can no longer have any effect (late answers); they are swept from the network after
 * every step, so states differing only in dead messages coincide. On stale-heavy protocols
 * this is the difference between millions of states and thousands.
 *
 * The state ({@link SystemState}) holds only what is needed: node states, the network as a
 * sorted multiset (or per-link FIFO queues), timers, time and clock offsets, fault status,
 * and one slot per workload operation. Histories use logical steps, not a step counter:
 * `call` / `return` count the operations completed before, which records real-time order and
 * nothing more.
 *
 * Traces: `describeState` keys every collection by its content, not its position (the network
 * as a multiset of message lines, `network.Read(#0) n0→n1: in flight`; timers by node and name;
 * history by operation id), so each step's diff shows exactly what it sent, consumed, set or
 * answered. Nodes print as `n0, n1, ...` unless the spec names them with `describeNodeId`.
 */
export type { ClientHistory, ClientOperation, ClientStep, Envelope, NodeId, OpSlot, SystemAction, SystemState, Timer, Workload } from './types.ts';
export type { Context, Request } from './context.ts';
export type { FaultSpec } from './faults.ts';
export { describePartition, partitionSides, separated } from './faults.ts';
export type { NetworkSemantics } from './network.ts';
export type { Observer, SystemSpec } from './spec.ts';
export type { PlannedOperation, SystemModel } from './compile.ts';
export { compileSystem } from './compile.ts';
