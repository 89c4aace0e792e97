import { UsageError } from '../core/errors.ts';
import type { ModelDefinition } from '../core/model.ts';
import { formatParams } from '../core/params.ts';
import { readCounterexampleFile } from '../trace/counterexample-file.ts';
import { renderCounterexample } from '../trace/render.ts';
import { replayCounterexample, replayExitCode } from '../trace/replay.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';
import { mermaidBlock, writeHtml } from './pictures.ts';

/**
 * `faultline replay <file> [--json]`: re-runs a counterexample file and says whether it still
 * reproduces. Exit 0 reproduced, 1 no longer violates or diverges, 2 invalid file. The output has
 * no timings, so replaying the same file twice prints the same bytes.
 */
export function runReplay(catalog: readonly ModelDefinition[], argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { json: 'boolean', html: 'value', mermaid: 'boolean' }, 'replay');
  if (args.flags.has('mermaid') && args.flags.has('json')) throw new UsageError('replay: --mermaid and --json both write standard output: give one');
  if (args.positional.length !== 1) throw new UsageError(`replay: expected one counterexample file, got ${args.positional.length}`);
  const source = args.positional[0]!;
  const file = readCounterexampleFile(source);
  const result = replayCounterexample(file, catalog, source);
  const code = replayExitCode(result.outcome);
  const html = args.flags.get('html') as string | undefined;
  const cx = { ...result.counterexample, violation: result.violation ?? file.violation };
  if (html !== undefined) writeHtml(html, result.model, cx, { model: file.model, variant: file.variant, params: formatParams(result.params), property: file.property, engine: file.engine.name }, io);
  if (args.flags.has('mermaid')) {
    io.out(mermaidBlock(result.model, cx));
    return code;
  }
  if (args.flags.has('json')) {
    io.out(
      JSON.stringify(
        {
          file: source,
          model: file.model,
          variant: file.variant,
          params: result.params,
          property: file.property,
          engine: file.engine,
          outcome: result.outcome,
          ...(result.divergedAt !== undefined ? { step: result.divergedAt } : {}),
          message: result.message,
          ...(result.violation !== undefined ? { violation: result.violation } : {}),
          recordedViolation: file.violation,
          steps: result.counterexample.steps.map((s) => ({ actionIndex: s.actionIndex, line: s.description })),
        },
        null,
        2,
      ),
    );
    return code;
  }
  const params = formatParams(result.params);
  const e = file.engine;
  const found = [e.seed !== undefined ? `seed ${e.seed}` : '', e.run !== undefined ? `run ${e.run}` : '', e.path !== undefined ? `path "${e.path}"` : ''].filter(Boolean).join(', ');
  io.out(`replay ${source}`);
  io.out(`  ${file.model}/${file.variant}${params ? ` (${params})` : ''}, property '${file.property}', ${file.steps.length} recorded step${file.steps.length === 1 ? '' : 's'}, found by ${e.name}${found ? ` (${found})` : ''}`);
  if (result.divergedAt !== 0) for (const line of renderCounterexample(result.model, result.counterexample, { indent: '  ' })) io.out(line);
  io.out(result.message);
  return code;
}
