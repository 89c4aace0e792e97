import type { Model } from '../core/model.ts';
import type { Counterexample } from '../core/trace.ts';
import { toSequence, type Sequence, type SequenceEvent } from './sequence.ts';

/**
 * One counterexample as one self-contained HTML file (inline CSS and script, no network): a
 * sequence diagram with a lane per client and node (arrows from send to delivery; drops,
 * discards, crashes, partitions and clock drift marked), the state diff of the selected step
 * (click a step or use the arrow keys; the last step is selected first), and, when the trace has
 * client operations, the operations on a timeline with the linearization the checker got
 * furthest with. The diagram is drawn when the file is written (SVG), so it shows without script.
 */

/** What the picture is of. */
export interface HtmlTitle {
  readonly model: string;
  readonly variant: string;
  readonly params?: string;
  readonly property: string;
  readonly engine?: string;
}

const ROW = 30;
const TOP = 56;
const LEFT = 380;
const LANE = 125;

/** Renders the HTML page. */
export function counterexampleHtml<S, A>(model: Model<S, A>, cx: Counterexample<S, A>, title: HtmlTitle): string {
  const sequence = toSequence(model, cx);
  const explanation = explainViolation(model, title.property, cx);
  const heading = `${title.model}/${title.variant}${title.params ? ` (${title.params})` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(`${heading}: ${title.property}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(heading)}</h1>
<p class="property">property <b>${esc(title.property)}</b> violated after ${cx.steps.length} step${cx.steps.length === 1 ? '' : 's'}${title.engine ? `, found by ${esc(title.engine)}` : ''}</p>
<p class="violation" id="violation">${esc(cx.violation)}</p>
</header>
<main>
<section id="diagram"><h2>Sequence</h2>${diagram(sequence)}</section>
${sequence.operations.length > 0 ? `<section id="history"><h2>Operations</h2>${timeline(sequence, explanation)}</section>` : ''}
<section id="state"><h2>State at the selected step</h2>${diffs(sequence)}</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function diagram(seq: Sequence): string {
  const x = new Map(seq.lanes.map((lane, i) => [lane.name, LEFT + i * LANE + LANE / 2]));
  const y = (step: number) => TOP + step * ROW;
  const width = LEFT + Math.max(1, seq.lanes.length) * LANE + 20;
  const height = y(seq.steps.length + 1) + 10;
  const parts: string[] = [];
  // Lanes: a header and a vertical line each.
  for (const lane of seq.lanes) {
    const lx = x.get(lane.name)!;
    parts.push(`<g class="lane ${lane.kind}" data-lane="${esc(lane.name)}"><rect x="${lx - 50}" y="8" width="100" height="26" rx="5"/><text x="${lx}" y="26" text-anchor="middle">${esc(lane.name)}</text><line x1="${lx}" y1="34" x2="${lx}" y2="${height - 6}"/></g>`);
  }
  // Steps: a clickable row with the action line.
  parts.push(`<g class="step" data-step="0"><rect x="0" y="${y(0) - ROW / 2}" width="${width}" height="${ROW}"/><text x="8" y="${y(0) + 4}">0. initial state</text></g>`);
  for (const step of seq.steps) {
    parts.push(`<g class="step" data-step="${step.index}"><rect x="0" y="${y(step.index) - ROW / 2}" width="${width}" height="${ROW}"/><text x="8" y="${y(step.index) + 4}">${esc(clip(`${step.index}. ${step.line}`, 62))}<title>${esc(step.line)}</title></text></g>`);
  }
  for (const event of seq.events) parts.push(drawEvent(event, x, y, seq));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="sequence diagram">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>
${parts.join('\n')}
</svg>`;
}

function drawEvent(event: SequenceEvent, x: ReadonlyMap<string, number>, y: (step: number) => number, seq: Sequence): string {
  switch (event.kind) {
    case 'send': {
      const x1 = x.get(event.from);
      const x2 = x.get(event.to);
      if (x1 === undefined || x2 === undefined) return '';
      const y1 = y(event.step);
      const y2 = event.fate === 'in flight' ? y(seq.steps.length + 1) - 4 : y(event.end);
      const label = `<text class="msg-label" x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 4}" text-anchor="middle">${esc(clip(event.label, 28))}</text>`;
      const title = `<title>${esc(`${event.label} ${event.from}→${event.to}: sent at step ${event.step}, ${event.fate}${event.fate === 'in flight' ? ' at the end' : ` at step ${event.end}`}`)}</title>`;
      if (event.fate === 'dropped') {
        const mx = (x1 + x2) / 2;
        const my = (y1 + y2) / 2;
        return `<g class="msg dropped" data-from-step="${event.step}" data-to-step="${event.end}">${title}<line x1="${x1}" y1="${y1}" x2="${mx}" y2="${my}"/><text class="mark" x="${mx}" y="${my + 5}" text-anchor="middle">✕</text>${label}</g>`;
      }
      return `<g class="msg ${event.fate.replace(' ', '-')}" data-from-step="${event.step}" data-to-step="${event.end}">${title}<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow)"/>${label}</g>`;
    }
    case 'request':
    case 'reply': {
      const [from, to] = event.kind === 'request' ? [event.client, event.node] : [event.node, event.client];
      const x1 = x.get(from);
      const x2 = x.get(to);
      if (x1 === undefined || x2 === undefined) return '';
      const y1 = y(event.step) - 6;
      return `<g class="${event.kind}"><title>${esc(`${event.kind} ${from}→${to}: ${event.label}`)}</title><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y1 + 8}" marker-end="url(#arrow)"/><text class="msg-label" x="${(x1 + x2) / 2}" y="${y1 - 3}" text-anchor="middle">${esc(clip(event.label, 28))}</text></g>`;
    }
    case 'fault': {
      const yy = y(event.step);
      if (event.fault === 'partition' || event.fault === 'heal') {
        const xs = [...x.values()];
        const x1 = Math.min(...xs) - 60;
        const x2 = Math.max(...xs) + 60;
        return `<g class="fault ${event.fault}"><title>${esc(event.label)}</title><rect x="${x1}" y="${yy - 11}" width="${x2 - x1}" height="22" rx="4"/><text x="${(x1 + x2) / 2}" y="${yy + 4}" text-anchor="middle">${esc(clip(event.label, 60))}</text></g>`;
      }
      const badge = event.fault === 'crash' ? '✕ crash' : event.fault === 'restart' ? '↻ restart' : event.fault === 'drift' ? '⏱ drift' : event.fault;
      return event.lanes
        .map((lane) => x.get(lane))
        .filter((lx): lx is number => lx !== undefined)
        .map((lx) => `<g class="fault ${esc(event.fault)}"><title>${esc(event.label)}</title><rect x="${lx - 40}" y="${yy - 10}" width="80" height="20" rx="10"/><text x="${lx}" y="${yy + 4}" text-anchor="middle">${badge}</text></g>`)
        .join('');
    }
  }
}

function diffs(seq: Sequence): string {
  const sections = [`<div class="diff" data-step="0"><h3>0. initial state</h3>${table([...seq.initial].map(([k, v]) => ['same', k, '', v]))}</div>`];
  for (const step of seq.steps) {
    const keys = [...new Set([...step.before.keys(), ...step.after.keys()])];
    const rows: [string, string, string, string][] = keys.map((k) => {
      const b = step.before.get(k);
      const a = step.after.get(k);
      const kind = b === undefined ? 'added' : a === undefined ? 'removed' : a !== b ? 'changed' : 'same';
      return [kind, k, b ?? '', a ?? ''];
    });
    rows.sort((p, q) => Number(p[0] === 'same') - Number(q[0] === 'same'));
    const changed = rows.filter((r) => r[0] !== 'same').length;
    sections.push(`<div class="diff" data-step="${step.index}"><h3>${esc(`${step.index}. ${step.line}`)}</h3><p class="count">${changed} field${changed === 1 ? '' : 's'} changed</p>${table(rows)}</div>`);
  }
  return sections.join('\n');
}

function table(rows: readonly (readonly [string, string, string, string])[]): string {
  const body = rows.map(([kind, key, before, after]) => `<tr class="${kind}"><td class="key">${esc(key)}</td><td>${esc(before)}</td><td>${esc(after)}</td></tr>`).join('');
  return `<table><thead><tr><th>field</th><th>before</th><th>after</th></tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The operations on a timeline (a row per client, a bar from invocation to answer), and what the
 * linearizability checker reported: how far it got and the operations that could not come next.
 */
function timeline(seq: Sequence, explanation: Explanation | undefined): string {
  const clients = [...new Set(seq.operations.map((op) => op.client))];
  const end = seq.steps.length + 1;
  const scale = Math.max(24, Math.min(60, 900 / end));
  const left = 80;
  const width = left + end * scale + 20;
  const height = 30 + clients.length * 34;
  const stuck = explanation ? new Set(explanation.stuck.map((s) => s.id)) : stuckOperations(seq.violation);
  const order = new Map((explanation?.prefix ?? []).map((p, i) => [p.id, i + 1]));
  const furthest = /at most (\d+) of (\d+) operations linearize(?: \(reaching state ([^)]*)\))?/.exec(seq.violation);
  const bars = seq.operations.map((op) => {
    const row = clients.indexOf(op.client);
    const x1 = left + op.invoked * scale;
    const x2 = left + (op.answered ?? end) * scale;
    const yy = 24 + row * 34;
    const cls = `op${op.answered === undefined ? ' pending' : ''}${stuck.has(op.id) ? ' stuck' : ''}`;
    const place = order.get(op.id);
    const badge = place === undefined ? '' : `<circle class="order" cx="${x1}" cy="${yy}" r="8"/><text class="order" x="${x1}" y="${yy + 4}" text-anchor="middle">${place}</text>`;
    return `<g class="${cls}" data-op="${esc(op.id)}"${place === undefined ? '' : ` data-order="${place}"`}><title>${esc(`#${op.id} ${op.label} → ${op.result} (steps ${op.invoked}–${op.answered ?? 'end'})`)}</title><rect x="${x1}" y="${yy}" width="${Math.max(6, x2 - x1)}" height="22" rx="4"/><text x="${x1 + 4}" y="${yy + 15}">${esc(clip(`#${op.id} ${op.label.replace(/^\S+ /, '').replace(/ at \S+$/, '')} → ${op.result}`, Math.max(8, Math.floor((x2 - x1) / 7))))}</text>${badge}</g>`;
  });
  const rows = clients.map((c, i) => `<text class="client" x="8" y="${24 + i * 34 + 15}">${esc(c)}</text>`);
  const ticks = Array.from({ length: end }, (_, i) => `<text class="tick" x="${left + i * scale}" y="14" text-anchor="middle">${i}</text>`);
  const summary = furthest
    ? `<p class="furthest">The linearization that got furthest places <b>${furthest[1]} of ${furthest[2]}</b> operations${furthest[3] !== undefined ? ` (reaching state <code>${esc(furthest[3])}</code>)` : ''}; ${stuck.size > 0 ? `none can come next: ${[...stuck].map((id) => `<span class="stuck-op">#${esc(id)}</span>`).join(', ')} (marked red).` : 'no operation can come next.'}</p>`
    : '';
  const steps = explanation
    ? `<ol class="linearization">${explanation.prefix.map((p) => `<li data-op="${esc(p.id)}">#${esc(p.id)} ${esc(p.description)} <span class="after">→ state ${esc(p.state)}</span></li>`).join('')}${explanation.stuck.map((s) => `<li class="stuck-op" data-op="${esc(s.id)}">#${esc(s.id)} ${esc(s.description)} cannot come next (${esc(s.reason)})</li>`).join('')}</ol>`
    : '';
  return `${summary}${steps}<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="operations timeline">${ticks.join('')}${rows.join('')}${bars.join('')}</svg><p class="note">Steps of the trace on the horizontal axis; a bar runs from an operation's invocation to its answer (to the end when it never returned).</p>`;
}

/** What a property that can explain its violation says (the `linearizable` history property). */
interface Explanation {
  readonly prefix: readonly { readonly id: string; readonly description: string; readonly state: string }[];
  readonly stuck: readonly { readonly id: string; readonly description: string; readonly reason: string }[];
}

/** The violated property's own explanation of the last state, when it has an `explain` hook. */
function explainViolation<S, A>(model: Model<S, A>, property: string, cx: Counterexample<S, A>): Explanation | undefined {
  const found = model.properties.find((p) => p.name === property) as { explain?: (state: S) => Explanation | undefined } | undefined;
  if (typeof found?.explain !== 'function') return undefined;
  try {
    return found.explain(cx.steps.at(-1)?.state ?? cx.initial);
  } catch {
    return undefined; // a picture never fails on its extras
  }
}

/** The operation ids a "none can come next: #2 read → 0 (illegal), #3 ..." message names. */
function stuckOperations(violation: string): Set<string> {
  const tail = /none can come next: (.*)$/.exec(violation)?.[1] ?? '';
  return new Set([...tail.matchAll(/#(\w+)/g)].map((m) => m[1]!));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1f24; background: #fafbfc; }
header { padding: 12px 20px; background: #24292f; color: #fff; }
h1 { font-size: 18px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 0 0 8px; } h3 { font-size: 13px; margin: 0 0 6px; font-family: ui-monospace, monospace; }
header p { margin: 2px 0; } .violation { color: #ffb4b4; font-family: ui-monospace, monospace; }
main { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; padding: 16px 20px; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; overflow: auto; }

svg text { font: 12px ui-monospace, monospace; fill: #1b1f24; }
.lane rect { fill: #ddf4ff; stroke: #54aeff; } .lane.client rect { fill: #fff8c5; stroke: #d4a72c; }
.lane line { stroke: #8c959f; stroke-dasharray: 4 3; }
.step rect { fill: transparent; cursor: pointer; } .step:hover rect { fill: #f6f8fa; } .step.selected rect { fill: #fff1b3; }
.msg line, .request line, .reply line { stroke: #0969da; stroke-width: 1.5; fill: none; }
marker path { fill: #0969da; }
.msg-label { font-size: 10px !important; fill: #57606a !important; }
.msg.dropped line { stroke: #cf222e; stroke-dasharray: 5 3; } .msg.dropped .mark { fill: #cf222e; font-size: 16px; font-weight: bold; }
.msg.discarded line { stroke: #8c959f; stroke-dasharray: 2 3; } .msg.in-flight line { stroke: #bf8700; stroke-dasharray: 6 4; }
.request line { stroke: #9a6700; } .reply line { stroke: #1a7f37; }
.fault rect { fill: #ffebe9; stroke: #cf222e; } .fault text { fill: #a40e26; font-weight: bold; }
.fault.restart rect, .fault.heal rect { fill: #dafbe1; stroke: #1a7f37; } .fault.restart text, .fault.heal text { fill: #116329; }
.fault.partition rect { fill: #fff1e5; stroke: #bc4c00; } .fault.partition text { fill: #953800; }
.fault.drift rect { fill: #fbefff; stroke: #8250df; } .fault.drift text { fill: #6639ba; }
.diff { display: none; } .diff.selected { display: block; }
table { border-collapse: collapse; font: 12px ui-monospace, monospace; width: 100%; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
tr.added td { background: #dafbe1; } tr.removed td { background: #ffebe9; } tr.changed td { background: #fff8c5; } tr.same td { color: #6e7781; }
.count { margin: 0 0 4px; color: #57606a; }
.op rect { fill: #ddf4ff; stroke: #0969da; } .op.pending rect { fill: #f6f8fa; stroke-dasharray: 4 3; } .op.stuck rect { fill: #ffebe9; stroke: #cf222e; stroke-width: 2; }
.tick { fill: #8c959f !important; font-size: 10px !important; } .client { font-weight: bold; }
.stuck-op { color: #cf222e; font-weight: bold; }
circle.order { fill: #0969da; } text.order { fill: #fff !important; font-size: 10px !important; font-weight: bold; }
.linearization { font: 12px ui-monospace, monospace; margin: 4px 0 8px; } .linearization .after { color: #57606a; } .note { color: #57606a; font-size: 12px; }
`;

const SCRIPT = `
(function () {
  var steps = Array.prototype.slice.call(document.querySelectorAll('g.step'));
  var diffs = Array.prototype.slice.call(document.querySelectorAll('div.diff'));
  var current = steps.length - 1;
  function select(i) {
    current = Math.max(0, Math.min(steps.length - 1, i));
    steps.forEach(function (g) { g.classList.toggle('selected', Number(g.dataset.step) === current); });
    diffs.forEach(function (d) { d.classList.toggle('selected', Number(d.dataset.step) === current); });
    document.body.dataset.selected = String(current);
  }
  steps.forEach(function (g) { g.addEventListener('click', function () { select(Number(g.dataset.step)); }); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'j') { select(current + 1); e.preventDefault(); }
    if (e.key === 'ArrowUp' || e.key === 'k') { select(current - 1); e.preventDefault(); }
  });
  select(current);
})();
`;
