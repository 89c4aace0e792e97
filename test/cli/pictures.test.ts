import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

/**
 * The pictures of counterexamples: the HTML page opened in headless Chromium (the DOM after its
 * script ran), and the Mermaid diagram. Without Chromium the browser tests are skipped, except in
 * CI (`.ci/run` installs Debian's chromium and sets FAULTLINE_REQUIRE_CHROMIUM=1).
 */

const run = promisify(execFile);
const chromium = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const required = process.env.FAULTLINE_REQUIRE_CHROMIUM === '1';
const browser = chromium || required ? it : it.skip;

/** The DOM of a page after its scripts ran, from a fresh headless Chromium profile, offline. */
async function dumpDom(file: string): Promise<string> {
  if (!chromium) throw new Error('Chromium is not installed (apt-get install -y chromium), and FAULTLINE_REQUIRE_CHROMIUM=1 asks for it');
  const profile = mkdtempSync(join(tmpdir(), 'faultline-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  const { stdout } = await run(chromium, [...flags, '--dump-dom', `file://${file}`], { maxBuffer: 64 << 20, timeout: 90_000 });
  return stdout;
}

const work = mkdtempSync(join(tmpdir(), 'faultline-pictures-'));

describe('replay --html', () => {
  const page = join(work, 'cap-cp.html');

  it('writes one self-contained page: no network, inline style and script', async () => {
    const replay = await runCli('replay', 'counterexamples/cap--cp--available.json', '--html', page);
    expect(replay.code).toBe(0);
    expect(replay.err).toBe(`wrote ${page}`);
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('<style>');
    expect(html).toContain('<script>');
  });

  browser('shows lanes, messages, partition and heal, the selected step with its state diff, and the operations', async () => {
    if (!existsSync(page)) await runCli('replay', 'counterexamples/cap--cp--available.json', '--html', page);
    const dom = await dumpDom(page);
    // The script ran: the last step (14) is selected, in the diagram and in the state panel.
    expect(dom).toContain('<body data-selected="14">');
    expect(dom.match(/class="step selected"/g)).toHaveLength(1);
    expect(dom).toMatch(/<g class="step selected" data-step="14">/);
    expect(dom).toMatch(/<div class="diff selected" data-step="14"><h3>14\. n2 timer timeout\(op=2\) fires; n2 answers c1 read → error: timeout<\/h3><p class="count">5 fields changed<\/p>/);
    expect(dom).toMatch(/<tr class="removed"><td class="key">nodes\.n2\.coordinating\[0\]<\/td>/);
    // A lane per client and node.
    expect([...dom.matchAll(/<g class="lane (\w+)" data-lane="(\w+)">/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['client c0', 'client c1', 'node n0', 'node n1', 'node n2']);
    // 14 steps and the initial state.
    expect(dom.match(/<g class="step( selected)?" data-step="/g)).toHaveLength(15);
    // The partition is a band across the lanes; it lasts (availability is judged while it does), so no heal.
    expect(dom).toMatch(/<g class="fault partition"><title>partition \{n0,n1\} \| \{n2\} for good<\/title>/);
    expect(dom).not.toMatch(/<g class="fault heal">/);
    // A message drawn from its send to its delivery.
    expect(dom).toMatch(/<g class="msg delivered" data-from-step="9" data-to-step="10"><title>WriteAck\(#1\) n0→n1: sent at step 9, delivered at step 10<\/title>/);
    // Operations on the timeline: c0's write, c1's read at n1 and its failed read at n2.
    expect(dom.match(/<g class="op[^"]*" data-op="\d+">/g)).toHaveLength(3);
    expect(dom).toMatch(/<g class="op" data-op="2"><title>#2 c1 read at n2 → error: timeout \(steps 11–14\)<\/title>/);
  });
});

describe('check --html DIR and the linearization that got furthest', () => {
  browser('a page per counterexample, the stuck operation marked on the timeline', async () => {
    const dir = join(work, 'pages');
    const check = await runCli('check', 'quorum-store/strict', '--html', dir);
    expect(check.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['quorum-store--strict--linearizable.html']);
    const dom = await dumpDom(join(dir, 'quorum-store--strict--linearizable.html'));
    expect(dom).toMatch(/<p class="furthest">The linearization that got furthest places <b>2 of 3<\/b> operations \(reaching state <code>1<\/code>\); none can come next: <span class="stuck-op">#3<\/span>/);
    expect(dom).toMatch(/<g class="op stuck" data-op="3">/);
    // The property's own explanation: the order it linearized #0 and #2 in, and why #3 cannot follow.
    expect(dom).toContain('<ol class="linearization"><li data-op="0">#0 write 1 <span class="after">→ state 1</span></li><li data-op="2">#2 read → 1 <span class="after">→ state 1</span></li><li class="stuck-op" data-op="3">#3 read → 0 cannot come next (illegal)</li></ol>');
    expect(dom).toMatch(/<g class="op pending" data-op="0" data-order="1">/);
    expect(dom).toMatch(/<g class="op" data-op="2" data-order="2">/);
    // Messages still in flight at the end are drawn to the bottom of the diagram.
    expect(dom).toMatch(/<g class="msg in-flight" data-from-step="3"/);
    // Messages swept as obsolete are discards, not deliveries.
    expect(dom).toMatch(/<g class="msg discarded"/);
  });
});

describe('--mermaid', () => {
  it('replay prints a Mermaid sequence diagram: a participant per lane, messages where they land, faults as notes', async () => {
    const replay = await runCli('replay', 'counterexamples/cap--cp--available.json', '--mermaid');
    expect(replay.code).toBe(0);
    const lines = replay.out.split('\n');
    expect(lines.slice(0, 7)).toEqual(['```mermaid', 'sequenceDiagram', '  actor L0 as c0', '  actor L1 as c1', '  participant L2 as n0', '  participant L3 as n1', '  participant L4 as n2']);
    expect(lines).toContain('  Note over L0,L4: PARTITION: partition {n0,n1} | {n2} for good');
    expect(lines).toContain('  L0->>L2: write 1');
    expect(lines).toContain('  L2->>L3: Write(#35;0, v=1, ts=1@n0)');
    expect(lines.at(-2)).toBe("  Note over L0,L4: violation: c1's operation #35;2 at n2 failed: timeout");
    expect(lines.at(-1)).toBe('```');
  });

  it('check --mermaid adds a diagram after the report; it refuses --json', async () => {
    const check = await runCli('check', 'die-hard', '--mermaid');
    expect(check.out).toContain("sequence diagram of die-hard/standard 'big != 4':\n```mermaid\nsequenceDiagram\n");
    expect((await runCli('check', 'die-hard', '--mermaid', '--json')).code).toBe(2);
  });
});
