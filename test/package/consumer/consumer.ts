// Type-checked with only faultline installed (no @types/node, no @types/seedrandom, skipLibCheck off).
import { checkModel, defineModel, type ModelDefinition, type VariantReport } from 'faultline';
import { compileSystem, type SystemSpec } from 'faultline/system';
import { checkLinearizability, register, type LinearizabilityResult } from 'faultline/properties';
import { expectModel, scheduleArbitrary, type Schedule } from 'faultline/testing';

export const counter: ModelDefinition<number, 'inc'> = defineModel<number, 'inc'>({
  name: 'counter',
  description: 'counts to three',
  params: {},
  variants: { standard: { description: 'one step at a time' } },
  build: () => ({
    init: () => [0],
    actions: (n) => (n < 3 ? ['inc'] : []),
    next: (n) => n + 1,
    properties: [{ name: 'below 4', kind: 'always', expect: 'holds', check: (n) => n < 4 }],
    describeAction: () => 'increment',
  }),
});

export const report: Promise<VariantReport> = checkModel(counter, { engine: 'bfs' });
export const verdict: LinearizabilityResult<unknown, unknown, unknown>['verdict'] = checkLinearizability(register(0), []).verdict;
export const schedule: Schedule = { init: 0, faults: 0, choices: [1, 2] };
export { compileSystem, expectModel, scheduleArbitrary };
export type { SystemSpec };
