import { UsageError } from '../core/errors.ts';
import { checkWritable } from '../core/atomic-write.ts';
import type { ModelDefinition } from '../core/model.ts';
import type { VariantReport } from '../explore/check-variant.ts';
import { counterexamplePath, engineInfo, toCounterexampleFile, writeCounterexampleFile } from '../trace/counterexample-file.ts';
import { modelFileField } from './load-model.ts';

/**
 * `check --save` / `--out`: where each counterexample goes, checked before the search starts, and
 * each variant's counterexamples written (atomically) as soon as its search ends, so that an
 * interrupted `check --all --save` keeps what it found. A file that cannot be written is one line
 * on stderr; the report and the other files are unaffected, and the exit code becomes 2.
 */
export class CounterexampleSaver {
  /** The files written, by report. */
  readonly saved = new Map<VariantReport, string[]>();
  /** One line per counterexample that could not be written. */
  readonly failures: string[] = [];
  private count = 0;

  /** `say` gets the "saved ..." lines (none under `--json`), `warn` the failures. */
  constructor(
    private readonly out: string | undefined,
    private readonly say: ((line: string) => void) | undefined,
    private readonly warn: (line: string) => void,
  ) {}

  /** Refuses, before any search, a path that could not be written (exit 2, one line). */
  precheck(jobs: readonly { readonly definition: { readonly name: string }; readonly variant: string }[]): void {
    if (this.out !== undefined) return checkWritable(this.out, '--out');
    // Every default path is in the same folder.
    const first = jobs[0];
    if (first) checkWritable(counterexamplePath(first.definition.name, first.variant, 'property'), '--save');
  }

  /** Writes the report's counterexamples (recording the model file `definition` came from, if any); prints a line for each (unless `--json`). */
  save(report: VariantReport, definition?: ModelDefinition): void {
    const violated = report.properties.filter((p) => p.counterexample);
    const paths: string[] = [];
    this.saved.set(report, paths);
    for (const p of violated) {
      const path = this.out ?? counterexamplePath(report.model, report.variant, p.name);
      if (this.out !== undefined && this.count > 0) {
        this.fail(`check: --out ${this.out} names one file, so the counterexample of '${p.name}' was not saved; drop --out to save each under counterexamples/`);
        continue;
      }
      const file = toCounterexampleFile({
        model: report.model,
        variant: report.variant,
        params: report.params,
        property: p.name,
        engine: engineInfo(report.result, p.name),
        counterexample: p.counterexample!,
        modelFile: definition ? modelFileField(definition, path) : undefined,
      });
      try {
        writeCounterexampleFile(path, file);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        this.fail(`check: counterexample of '${p.name}' not saved: ${error.message}`);
        continue;
      }
      this.count++;
      paths.push(path);
      this.say?.(`saved ${path} (${file.steps.length} steps; replay: npx faultline replay ${path})`);
    }
  }

  /** The closing line when nothing was violated at all. */
  finish(): void {
    if (this.count === 0 && this.failures.length === 0) this.say?.('saved nothing: no property was violated');
  }

  private fail(line: string): void {
    this.failures.push(line);
    this.warn(`faultline: ${line}`);
  }
}
