import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

/**
 * The guides cannot rot: every TypeScript block in docs/*.md is an excerpt of a file under
 * examples/, and every `console` block that starts with `$ npx faultline ...` is that command's
 * real output (timings and rates aside).
 */

const root = join(import.meta.dirname, '..', '..');
const guides = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));
const examples = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => ({ file: `examples/${f}`, text: readFileSync(join(root, 'examples', f), 'utf8') }));

/** The fenced blocks of a markdown text: language and body. */
function blocks(markdown: string): { language: string; body: string; line: number }[] {
  const found: { language: string; body: string; line: number }[] = [];
  const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    found.push({ language: match[1]!, body: match[2]!, line: markdown.slice(0, match.index).split('\n').length });
  }
  return found;
}

/** Output with its timings replaced, so that two runs compare equal. */
const untimed = (text: string) => text.replace(/ in \d+\.\d+ s/g, ' in N s').replace(/[\d,]+\/s\b/g, 'N/s');

describe.each(guides)('docs/%s', (guide) => {
  const text = readFileSync(join(root, 'docs', guide), 'utf8');
  const code = blocks(text).filter((b) => b.language === 'ts');
  const sessions = blocks(text).filter((b) => b.language === 'console');

  it('has its TypeScript blocks taken verbatim from the files under examples/', () => {
    const strays = code.filter((b) => !examples.some((e) => e.text.includes(b.body))).map((b) => `line ${b.line}: ${b.body.split('\n')[0]}`);

    expect(code.length).toBeGreaterThan(0);
    expect(strays).toEqual([]);
  });

  it.each(sessions.map((s) => [s.line, s.body] as const))('shows the real output of the command at line %i', async (_line, body) => {
    const [command, ...output] = body.trimEnd().split('\n');
    expect(command).toMatch(/^\$ npx faultline /);
    const args = command!.replace(/^\$ npx faultline /, '').split(' ');

    const run = await runCli(...args);

    expect(untimed(run.out)).toBe(untimed(output.join('\n')));
  });
});
