import type { ModelDefinition } from '../core/model.ts';
import { renderCounterexample } from '../trace/render.ts';
import { checkModel, type CheckModelOptions } from './check-model.ts';

/** What {@link expectShortest} pins: the length of the shortest counterexample and, optionally, its action lines. */
export interface ShortestExpectation {
  /** Number of steps (actions) of the shortest counterexample. */
  readonly length: number;
  /** The readable line of every step, in order (`describeAction`'s output). */
  readonly lines?: readonly string[];
  /** Parameter values over the variant's defaults. */
  readonly params?: CheckModelOptions['params'];
}

/**
 * Checks that bfs finds `property` of `variant` violated and that its shortest counterexample has
 * `length` steps (and, when given, exactly these action lines). Throws an Error with the trace
 * bfs found otherwise. Returns the counterexample's action lines.
 */
export async function expectShortest(definition: ModelDefinition, variant: string, property: string, expected: ShortestExpectation): Promise<string[]> {
  const report = await checkModel(definition, { variant, engine: 'bfs', properties: [property], ...(expected.params ? { params: expected.params } : {}) });
  const outcome = report.properties.find((p) => p.name === property)!;
  const where = `${definition.name}/${variant}, property '${property}'`;
  if (!outcome.counterexample) {
    throw new Error(`${where}: expected a shortest counterexample of ${expected.length} steps, but bfs says ${outcome.verdict} (${report.result.distinctStates} states)`);
  }
  const lines = outcome.counterexample.steps.map((s) => s.description);
  const trace = () => renderCounterexample(report.explored, outcome.counterexample!, { indent: '  ' }).join('\n');
  if (lines.length !== expected.length) {
    throw new Error(`${where}: expected a shortest counterexample of ${expected.length} steps, bfs found one of ${lines.length}:\n${trace()}`);
  }
  if (expected.lines) {
    const at = expected.lines.findIndex((line, i) => line !== lines[i]);
    if (at >= 0 || expected.lines.length !== lines.length) {
      const step = at >= 0 ? at : Math.min(expected.lines.length, lines.length);
      throw new Error(`${where}: step ${step + 1} is '${lines[step] ?? '(none)'}', expected '${expected.lines[step] ?? '(none)'}':\n${trace()}`);
    }
  }
  return lines;
}
