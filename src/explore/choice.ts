/**
 * The choice policy of the random engines: how a choice (a non-negative integer, drawn by a seeded
 * generator or by fast-check) picks one of the enabled actions, with a bias for faults. Which
 * actions are faults is the model's to say (`Model.isFault`); an engine knows no fault by name.
 */
import type { Model } from '../core/model.ts';

/** Share of the choices that go to a fault when both faults and ordinary actions are enabled. */
export const DEFAULT_FAULT_RATE = 0.25;
/** A choice is split into a slot (`choice % CHOICE_SLOTS`: fault or not) and an index (the rest). */
export const CHOICE_SLOTS = 16;

/** Whether an action is a fault: the model's `isFault` hook; without one, no action is. */
export function faultPredicate<S, A>(model: Model<S, A>): (action: A) => boolean {
  if (model.isFault) return model.isFault.bind(model);
  return () => false;
}

/**
 * Picks one of `count` enabled actions with a choice. Without faults (or with only faults) it is
 * `choice % count`. With both, `choice % CHOICE_SLOTS` says which group (the top `faultSlots` slots
 * are faults) and `floor(choice / CHOICE_SLOTS)` the member of that group, modulo its size. So a
 * choice of 0 is always the first ordinary action, and shrinking a choice towards 0 moves it away
 * from faults: fast-check keeps a fault in a shrunk schedule only when the failure needs it.
 */
export function chooseIndex(choice: number, fault: readonly boolean[], faultSlots: number): number {
  const count = fault.length;
  let faults = 0;
  for (const f of fault) if (f) faults++;
  if (faults === 0 || faults === count) return choice % count;
  const slot = choice % CHOICE_SLOTS;
  const rest = Math.floor(choice / CHOICE_SLOTS);
  const wantFault = slot >= CHOICE_SLOTS - faultSlots; // never, with 0 fault slots
  let k = rest % (wantFault ? faults : count - faults);
  for (let i = 0; i < count; i++) {
    if (fault[i] === wantFault) {
      if (k === 0) return i;
      k--;
    }
  }
  return 0; // unreachable
}

/** Fault slots out of {@link CHOICE_SLOTS} for a fault rate in [0, 1]. */
export function faultSlotsFor(rate: number | undefined): number {
  const r = rate ?? DEFAULT_FAULT_RATE;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`fault rate ${r}: expected a number from 0 to 1`);
  return Math.round(r * CHOICE_SLOTS);
}
