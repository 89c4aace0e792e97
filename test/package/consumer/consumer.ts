// Type-checked with only faultline installed (no @types/node, no @types/seedrandom, skipLibCheck off).
import { checkModel, defineModel, type ModelDefinition, type VariantReport } from 'faultline';
import { compileSystem, type SystemSpec } from 'faultline/system';
import { checkLinearizability, register, type LinearizabilityResult } from 'faultline/properties';
import { expectModel, scheduleArbitrary, type Schedule } from 'faultline/testing';

export const counter: ModelDefinition<number, 'inc'> = defineModel({
  name: 'counter',
  description: 'counts to three',
  params: {},
  variants: { standard: { description: 'one step at a time', setup: { top: 3 }, expect: { 'below 4': 'holds' } } },
  build: (variant) => ({
    init: () => [0],
    actions: (n: number) => (n < variant.setup.top ? ['inc' as const] : []),
    next: (n: number) => n + 1,
    properties: [{ name: 'below 4', kind: 'always', check: (n: number) => n < 4 }],
    describeAction: () => 'increment',
  }),
});

export const report: Promise<VariantReport> = checkModel(counter, { engine: 'bfs' });
export const verdict: LinearizabilityResult<unknown, unknown, unknown>['verdict'] = checkLinearizability(register(0), []).verdict;
export const schedule: Schedule = { init: 0, faults: 0, choices: [1, 2] };
export { compileSystem, expectModel, scheduleArbitrary };
export type { SystemSpec };
