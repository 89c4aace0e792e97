/**
 * Linearizability checking: a Wing–Gong–Lowe search over concurrent histories against
 * sequential specifications, with per-key partitioning and step/time budgets.
 */
export type { History, HistoryOperation, Verdict } from './operation.ts';
export { isPending, isUnknownOutput, returnTime } from './operation.ts';
export type { SequentialSpec, StateHash, StepResult } from './spec.ts';
export { canonicalJson, describeOperation, describeState, partitionByKey } from './spec.ts';
export type { CheckOptions } from './check.ts';
export { checkLinearizability } from './check.ts';
export type {
  LinearizabilityResult,
  LinearizedOperation,
  NonLinearizableExplanation,
  PartitionReport,
  StuckOperation,
} from './result.ts';
export type { Scalar } from './specs/scalar.ts';
export type { CasRegisterInput, CasRegisterOutput } from './specs/cas-register.ts';
export { casRegister } from './specs/cas-register.ts';
export type { RegisterInput, RegisterOutput } from './specs/register.ts';
export { register } from './specs/register.ts';
export type { KvInput, KvOutput } from './specs/kv.ts';
export { kv } from './specs/kv.ts';
export type { KeyValueMapInput, KeyValueMapOutput } from './specs/key-value-map.ts';
export { keyValueMap } from './specs/key-value-map.ts';
export type { KeyedNode, KeyedState } from './specs/keyed-state.ts';
export type { CasRegisterHistoryFile, HistoryFile, KvHistoryFile } from './history-file.ts';
export { HISTORY_FORMAT, parseHistory, readHistoryFile, specForHistory } from './history-file.ts';
