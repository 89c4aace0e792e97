import type { Model } from '../core/model.ts';
import type { ExplorationResult, StopReason } from '../core/result.ts';
import type { PropertyTracker } from './property-tracker.ts';

export type { Counterexample, Trace, TraceStep } from '../core/trace.ts';
export type { ExplorationResult, Progress, PropertyOutcome, StopReason, Verdict } from '../core/result.ts';

/** Assembles the fields every engine's result has, from its property tracker and its figures. */
export function makeResult(
  engine: string,
  tracker: PropertyTracker<any>,
  model: Model<any, any>,
  figures: { complete: boolean; stopReason: StopReason | null; distinct: number; generated: number; depth: number; elapsedMs: number },
  details?: Record<string, unknown>,
): ExplorationResult {
  return {
    engine,
    complete: figures.complete,
    stopReason: figures.stopReason,
    distinctStates: figures.distinct,
    generatedStates: figures.generated,
    depth: figures.depth,
    elapsedMs: Math.round(figures.elapsedMs),
    properties: tracker.outcomes(model, figures.complete),
    ...(details ? { details } : {}),
  };
}
