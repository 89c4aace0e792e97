import type { BrokerState } from './broker.ts';
import type { ConsumerState } from './consumer.ts';
import type { ControllerState } from './controller.ts';
import type { Entry, LogInput, LogMessage, LogOutput } from './messages.ts';
import type { LogTimer, ProducerState } from './producer.ts';
import { membersOf } from './topology.ts';

/**
 * How the partitioned log reads in traces: messages and timers as one line each, node states
 * as short views (`P0: [a1 b1] hw 1 (epoch 0, leader b0)`), clients' calls and answers.
 * `label(m)` names a message (`a1`); `brokers` is the width of broker sets.
 */
export function renderer(label: (message: number) => string, brokers: number) {
  const broker = (b: number) => (b < 0 ? 'none' : `b${b}`);
  const set = (bits: number) => `{${membersOf(bits, brokers).map(broker).join(',')}}`;
  const entries = (log: readonly Entry[]) => `[${log.map((e) => label(e.message)).join(' ')}]`;
  const leaders = (view: { readonly count: number; readonly leaders: readonly number[] }) =>
    view.leaders.slice(0, view.count).map((l, p) => `P${p}:${l < 0 ? '-' : broker(l)}`).join(' ');

  return {
    message(msg: LogMessage): string {
      switch (msg.type) {
        case 'Produce':
          return `Produce(P${msg.partition}, ${label(msg.message)}${msg.sequence >= 0 ? `, seq ${msg.sequence}` : ''})`;
        case 'ProduceResponse':
          return msg.error !== undefined
            ? `ProduceResponse(P${msg.partition}, ${label(msg.message)}: ${msg.error})`
            : `ProduceResponse(P${msg.partition}, ${label(msg.message)} at offset ${msg.offset})`;
        case 'Fetch':
          return `Fetch(P${msg.partition}, from offset ${msg.logEnd}, epoch ${msg.epoch})`;
        case 'FetchResponse':
          return msg.error !== undefined
            ? `FetchResponse(P${msg.partition}: ${msg.error})`
            : `FetchResponse(P${msg.partition}, ${entries(msg.entries)} from offset ${msg.from}, hw ${msg.highWatermark})`;
        case 'Truncate':
          return `Truncate(P${msg.partition} to ${msg.to})`;
        case 'OffsetsForLeaderEpoch':
          return `OffsetsForLeaderEpoch(P${msg.partition}: end of epoch ${msg.lastEpoch}?, epoch ${msg.epoch})`;
        case 'EpochEnd':
          return `EpochEnd(P${msg.partition}: ${msg.end < 0 ? 'unknown' : `offset ${msg.end}`})`;
        case 'LeaderAndIsr':
          return `LeaderAndIsr(P${msg.partition}: leader ${broker(msg.leader)}, epoch ${msg.epoch}, isr ${set(msg.isr)})`;
        case 'AlterIsrResponse':
          return `AlterIsrResponse(P${msg.partition}: isr ${set(msg.isr)})`;
        case 'AlterIsr':
          return `AlterIsr(P${msg.partition}: isr ${set(msg.isr)}, epoch ${msg.epoch})`;
        case 'Metadata':
          return `Metadata(P${msg.partition}: leader ${broker(msg.leader)}, ${msg.partitions} partitions)`;
        case 'Register':
          return 'Register';
        case 'Poll':
          return `Poll(P${msg.partition} from offset 0)`;
        case 'PollResponse':
          return msg.error !== undefined ? `PollResponse(P${msg.partition}: ${msg.error})` : `PollResponse(P${msg.partition}, [${msg.messages.map(label).join(' ')}])`;
      }
    },
    timer: (timer: LogTimer) => (timer.type === 'retry' ? `retry ${label(timer.message)}` : `lag of ${broker(timer.follower)} on P${timer.partition}`),
    input(input: LogInput): string {
      switch (input.kind) {
        case 'send':
          return `send ${input.label}`;
        case 'poll':
          return `poll P${input.partition} from offset 0`;
        case 'partitions':
          return `set partitions to ${input.count}`;
        case 'elect':
          return `move P${input.partition}'s leadership to ${broker(input.leader)}`;
      }
    },
    output(output: LogOutput): string {
      if ('offset' in output) return output.offset < 0 ? 'sent (acks=0)' : `ack P${output.partition} offset ${output.offset}`;
      if ('read' in output) return `read [${output.read.map(label).join(' ')}]`;
      if ('leader' in output) return `leader ${broker(output.leader)}`;
      return 'ok';
    },
    broker(s: BrokerState): Record<string, string> {
      const view: Record<string, string> = {};
      s.logs.forEach((log, p) => {
        const part = s.partitions[p]!;
        if (log.length === 0 && part.leader < 0) return;
        view[`P${p}`] = `${entries(log)} hw ${s.highWatermarks[p]}${part.leader < 0 ? '' : ` (epoch ${part.epoch}, leader ${broker(part.leader)})`}`;
      });
      return view;
    },
    controller: (s: ControllerState) =>
      Object.fromEntries(s.partitions.slice(0, s.count).map((c, p) => [`P${p}`, `leader ${broker(c.leader)} epoch ${c.epoch} isr ${set(c.isr)}`])),
    producer(s: ProducerState): Record<string, string> {
      const view: Record<string, string> = {};
      if (s.inFlight.length > 0) view['in flight'] = s.inFlight.map((q) => `${label(q.message)}→P${q.partition}`).join(' ');
      if (s.queue.length > 0) view['queued'] = s.queue.map((q) => `${label(q.message)}→P${q.partition}`).join(' ');
      view['leaders'] = leaders(s);
      return view;
    },
    consumer: (s: ConsumerState) => ({ leaders: leaders(s) }),
  };
}
