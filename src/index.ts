/**
 * faultline's main entry point (`import ... from 'faultline'`): defining models, checking them
 * with an engine, reading and replaying counterexamples, and the test kit's assertions.
 *
 * ```ts
 * import { defineModel, expectModel } from 'faultline';
 * const counter = defineModel({ name: 'counter', ... });
 * await expectModel(counter, { variant: 'racy' });   // throws the readable counterexample on a surprise
 * ```
 * The system layer (nodes, messages, faults) is `faultline/system`; properties over histories,
 * logs and linearizability are `faultline/properties`; `faultline/testing` is the test kit alone;
 * the model families that ship with faultline are `faultline/models` (`catalog`).
 */

// Models: the definition shape and the variants table.
export type { Expectation, Expectations, FamilyDeclaration, Judgement, Model, ModelDefinition, Mutation, ParamSpec, ParamsOf, ParamValues, Property, PropertyKind, Variant, VariantDeclaration, VariantSpec } from './core/model.ts';
export { defineModel } from './core/model.ts';
export { resolveParams, formatParams } from './core/params.ts';
export { ExitCode, ModelContractError, UsageError } from './core/errors.ts';

// Checking: the engines and what they return.
export type { Counterexample, ExplorationResult, PropertyOutcome, StopReason, TraceStep, Verdict } from './explore/result.ts';
export type { Engine, EngineOptions } from './explore/engines.ts';
export { engines, findEngine } from './explore/engines.ts';
export { bfs } from './explore/bfs.ts';
export { dfs } from './explore/dfs.ts';
export { random } from './explore/random.ts';
export { fastCheck } from './explore/fast-check.ts';
export { checkVariant, type VariantReport } from './explore/check-variant.ts';

// Counterexamples: rendering, the saved file, replay.
export { renderCounterexample, type RenderOptions } from './trace/render.ts';
export type { CounterexampleFile, EngineInfo, FileStep } from './trace/counterexample-file.ts';
export { COUNTEREXAMPLE_FORMAT, parseCounterexampleFile, readCounterexampleFile, toCounterexampleFile, writeCounterexampleFile } from './trace/counterexample-file.ts';
export { replayCounterexample, type ReplayOutcome, type ReplayResult } from './trace/replay.ts';

// The test kit: assertions for vitest (or any runner that reports a thrown Error).
export * from './testing/index.ts';
