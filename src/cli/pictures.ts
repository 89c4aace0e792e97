import { join } from 'node:path';
import { describeFsError, writeFileAtomic } from '../core/atomic-write.ts';
import { UsageError } from '../core/errors.ts';
import type { Model } from '../core/model.ts';
import { formatParams } from '../core/params.ts';
import type { VariantReport } from '../explore/check-variant.ts';
import type { Counterexample } from '../explore/result.ts';
import { counterexampleFileName } from '../trace/counterexample-file.ts';
import { counterexampleHtml, type HtmlTitle } from '../trace/html.ts';
import { counterexampleMermaid } from '../trace/mermaid.ts';
import type { CliIO } from './io.ts';

/**
 * `--html` and `--mermaid` of `check` and `replay`: pictures of counterexamples. The HTML file
 * is self-contained (src/trace/html.ts); Mermaid is printed as a fenced block that GitHub renders.
 */

/** Writes one counterexample's HTML page to `path` (its folder created), and says so on stderr. */
export function writeHtml<S, A>(path: string, model: Model<S, A>, cx: Counterexample<S, A>, title: HtmlTitle, io: CliIO): void {
  if (!path.endsWith('.html') && !path.endsWith('.htm')) throw new UsageError(`--html ${path}: expected a file name ending in .html`);
  try {
    writeFileAtomic(path, counterexampleHtml(model, cx, title));
  } catch (error) {
    throw new UsageError(`--html ${path}: cannot write it (${describeFsError((error as { cause?: unknown }).cause ?? error)})`);
  }
  io.err(`wrote ${path}`);
}

/** A fenced Mermaid block of one counterexample. */
export function mermaidBlock<S, A>(model: Model<S, A>, cx: Counterexample<S, A>): string {
  return ['```mermaid', counterexampleMermaid(model, cx), '```'].join('\n');
}

/** `check --html DIR`: a page per counterexample found, named like the saved counterexample file. */
export function writeReportPictures(report: VariantReport, dir: string, io: CliIO): void {
  for (const p of report.properties) {
    if (!p.counterexample) continue;
    const path = join(dir, counterexampleFileName(report.model, report.variant, p.name).replace(/\.json$/, '.html'));
    writeHtml(path, report.explored, p.counterexample, { model: report.model, variant: report.variant, params: formatParams(report.params), property: p.name, engine: report.engine }, io);
  }
}

/** `check --mermaid`: a fenced Mermaid block per counterexample found, after the variant's report. */
export function printReportMermaid(report: VariantReport, io: CliIO): void {
  for (const p of report.properties) {
    if (!p.counterexample) continue;
    io.out(`sequence diagram of ${report.model}/${report.variant} '${p.name}':`);
    io.out(mermaidBlock(report.explored, p.counterexample));
  }
}
