import { defineRole } from '../../src/system/index.ts';
import type { LogInput, LogMessage, LogOutput } from './messages.ts';
import { initialLeaders, learnLeader, type LogTimer } from './producer.ts';
import type { Topology } from './topology.ts';

/**
 * A consumer: a poll asks the partition's leader, as the consumer last heard of it from the
 * controller, for the records from offset 0; after a failover it asks the new leader. A poll the
 * broker refuses (it no longer leads) fails.
 */
export interface ConsumerState {
  readonly count: number;
  readonly leaders: readonly number[];
  readonly epochs: readonly number[];
}

/** The consumer role. */
export function consumerRole(topology: Topology) {
  return defineRole<ConsumerState, LogMessage, LogInput, LogOutput, LogTimer>({
    init: () => initialLeaders(topology),
    onRequest(s, request, ctx) {
      if (request.input.kind !== 'poll') return s;
      const leader = s.leaders[request.input.partition]!;
      if (leader < 0) ctx.fail(request.op, 'NoLeader');
      else ctx.send(leader, { type: 'Poll', partition: request.input.partition, operation: request.op });
      return s;
    },
    on: {
      PollResponse(s, msg, _from, ctx) {
        if (msg.error !== undefined) ctx.fail(msg.operation, msg.error);
        else ctx.reply(msg.operation, { partition: msg.partition, read: msg.messages });
        return s;
      },
      Metadata: (s, msg) => learnLeader(s, msg),
    },
  });
}
