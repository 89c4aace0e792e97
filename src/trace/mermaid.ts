import type { Model } from '../core/model.ts';
import type { Counterexample } from '../core/trace.ts';
import { toSequence, type SequenceEvent } from './sequence.ts';

/**
 * A counterexample as a Mermaid sequence diagram (GitHub and other Markdown renderers draw a
 * ```mermaid block): a participant per client and node, a message per send drawn where it is
 * delivered (`-)` dropped, `--x` discarded), faults and other steps as notes, the violation last.
 */
export function counterexampleMermaid<S, A>(model: Model<S, A>, cx: Counterexample<S, A>): string {
  const seq = toSequence(model, cx);
  const ids = new Map(seq.lanes.map((lane, i) => [lane.name, `L${i}`]));
  const lines = ['sequenceDiagram'];
  for (const lane of seq.lanes) lines.push(`  ${lane.kind === 'client' ? 'actor' : 'participant'} ${ids.get(lane.name)} as ${text(lane.name)}`);
  const first = seq.lanes[0] ? ids.get(seq.lanes[0].name) : undefined;
  const last = seq.lanes.at(-1) ? ids.get(seq.lanes.at(-1)!.name) : undefined;
  const span = first && last ? (first === last ? first : `${first},${last}`) : undefined;
  // Each step: the sends it delivers (or drops), its requests and replies, its faults; a note otherwise.
  const byStep = new Map<number, string[]>();
  const add = (step: number, line: string) => byStep.set(step, [...(byStep.get(step) ?? []), line]);
  for (const e of seq.events) {
    const line = arrow(e, ids, span);
    if (line) add(e.kind === 'send' ? e.end : e.step, line);
  }
  for (const step of seq.steps) {
    const drawn = byStep.get(step.index);
    if (drawn) lines.push(...drawn);
    else if (span) lines.push(`  Note over ${span}: ${text(`${step.index}. ${step.line}`)}`);
  }
  for (const line of byStep.get(seq.steps.length + 1) ?? []) lines.push(line);
  if (span) lines.push(`  Note over ${span}: ${text(`violation: ${seq.violation}`)}`);
  return lines.join('\n');
}

function arrow(e: SequenceEvent, ids: ReadonlyMap<string, string>, span: string | undefined): string | undefined {
  switch (e.kind) {
    case 'send': {
      const from = ids.get(e.from);
      const to = ids.get(e.to);
      if (!from || !to) return undefined;
      const head = e.fate === 'delivered' ? '->>' : e.fate === 'dropped' ? '-)' : '--x';
      const fate = e.fate === 'delivered' ? '' : ` (${e.fate})`;
      return `  ${from}${head}${to}: ${text(`${e.label}${fate}`)}`;
    }
    case 'request':
    case 'reply': {
      const client = ids.get(e.client);
      const node = ids.get(e.node);
      if (!client || !node) return undefined;
      return e.kind === 'request' ? `  ${client}->>${node}: ${text(e.label)}` : `  ${node}-->>${client}: ${text(e.label)}`;
    }
    case 'fault': {
      const lanes = e.lanes.map((l) => ids.get(l)).filter((l): l is string => l !== undefined);
      const over = e.fault === 'partition' || e.fault === 'heal' || lanes.length === 0 ? span : lanes.length === 1 ? lanes[0] : `${lanes[0]},${lanes.at(-1)}`;
      return over ? `  Note over ${over}: ${text(`${e.fault.toUpperCase()}: ${e.label}`)}` : undefined;
    }
  }
}

/** Mermaid message text: one line, with `#`, `;`, `<` and `>` as Mermaid's entity codes. */
const ENTITIES: Readonly<Record<string, string>> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;' };

function text(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[#;<>]/g, (c) => ENTITIES[c]!);
}
