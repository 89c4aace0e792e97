// Plain Node, no TypeScript loader: every public entry point imports, and a check runs.
import { checkModel, engines } from 'faultline';
import { catalog } from 'faultline/models';
import { compileSystem } from 'faultline/system';
import { checkLinearizability, register } from 'faultline/properties';
import { expectModel } from 'faultline/testing';

const dieHard = catalog.find((d) => d.name === 'die-hard');
const report = await checkModel(dieHard);
const history = [
  { id: 0, client: 0, call: 0, return: 1, input: { f: 'write', value: 1 }, output: {} },
  { id: 1, client: 1, call: 2, return: 3, input: { f: 'read' }, output: { value: 0 } },
];
const lin = checkLinearizability(register(0), history);
console.log(JSON.stringify({
  engines: engines.map((e) => e.name),
  verdict: report.properties.map((p) => `${p.name}: ${p.verdict}${p.counterexample ? `, ${p.counterexample.steps.length} steps` : ''}`),
  ok: report.ok,
  lin: lin.verdict,
  functions: [typeof compileSystem, typeof expectModel],
}));
