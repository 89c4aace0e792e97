import { UsageError } from '../core/errors.ts';
import { formatParams } from '../core/params.ts';
import type { VariantReport } from '../explore/check-variant.ts';
import { renderCounterexample } from '../trace/render.ts';
import { isMissed } from './expectations.ts';

/**
 * `check --reporter junit`: the JUnit XML report CI systems read (GitHub, GitLab, Jenkins). One
 * testsuite per variant (`model/variant (params) with engine`), one testcase per property. A
 * property that misses its expectation is a `<failure>` whose text is the readable counterexample
 * (or, for an expected violation not found, what was searched); a property that meets it passes,
 * and an expected counterexample is kept in the testcase's `<system-out>` for the curious.
 */
export function junitReport(reports: readonly VariantReport[]): string {
  const suites = reports.map(suite);
  const tests = reports.reduce((n, r) => n + r.properties.length, 0);
  const failures = reports.reduce((n, r) => n + r.properties.filter((p) => !p.ok).length, 0);
  const time = reports.reduce((t, r) => t + r.result.elapsedMs, 0) / 1000;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="faultline check" tests="${tests}" failures="${failures}" errors="0" time="${time.toFixed(3)}">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}

function suite(report: VariantReport): string {
  const params = formatParams(report.params);
  const name = `${report.model}/${report.variant}${params ? ` (${params})` : ''} with ${report.engine}`;
  const failures = report.properties.filter((p) => !p.ok).length;
  const time = (report.result.elapsedMs / 1000).toFixed(3);
  const cases = report.properties.map((p) => {
    const open = `    <testcase classname="${xml(`${report.model}/${report.variant}`)}" name="${xml(p.name)}" time="${time}">`;
    const trace = p.counterexample ? renderCounterexample(report.explored, p.counterexample).join('\n') : '';
    if (isMissed(p)) return `${open}\n      <skipped message="${xml(`expected violated, not found by this random search (${searched(report)}); not a failure without --strict`)}"/>\n    </testcase>`;
    if (p.ok) return trace ? `${open}\n      <system-out>${xml(`violated as expected:\n${trace}`)}</system-out>\n    </testcase>` : `${open}</testcase>`;
    const message = p.counterexample
      ? `violated (expected ${p.expected}): ${p.counterexample.violation}`
      : `expected ${p.expected}, but the verdict is ${p.verdict}${p.message ? `: ${p.message}` : ''} (${searched(report)})`;
    const body = p.counterexample ? `${p.counterexample.steps.length} steps:\n${trace}` : message;
    return `${open}\n      <failure message="${xml(message)}" type="${p.counterexample ? 'violated' : p.verdict}">${xml(body)}</failure>\n    </testcase>`;
  });
  const skipped = report.properties.filter(isMissed).length;
  return [`  <testsuite name="${xml(name)}" tests="${report.properties.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`, ...cases, '  </testsuite>'].join('\n');
}

function searched(report: VariantReport): string {
  const d = report.result.details as { runs?: number; seed?: number } | undefined;
  if (typeof d?.runs === 'number') return `${d.runs} runs from seed ${d.seed}`;
  return `${report.result.distinctStates} states${report.result.complete ? ', exhaustive' : `, stopped by ${report.result.stopReason}`}`;
}

/** Text escaped for XML content and attributes; characters XML 1.0 cannot hold are dropped. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Reads `--reporter`: true for `junit`, false for `text` or none; refused beside `--json`. */
export function reporterFlag(value: string | undefined, json: boolean): boolean {
  if (value === undefined || value === 'text') return false;
  if (value !== 'junit') throw new UsageError(`check: --reporter ${value}: reporters are text, junit`);
  if (json) throw new UsageError('check: --reporter junit and --json both write standard output: give one');
  return true;
}
