import { defineRole } from '../../src/system/index.ts';
import { showUpdate, type SinkMessage, type StreamSetup, type Update } from './messages.ts';

/** The sink's table: the updates it has taken, in arrival order. It does not fail. */
export interface SinkState {
  readonly outputs: readonly Update[];
}

/** The sink: an idempotent one ignores an update for an input offset it already has; a plain or transactional one appends what it gets. */
export function sink(kind: StreamSetup['sink']) {
  return defineRole<SinkState, SinkMessage, never, never, never>({
    init: () => ({ outputs: [] }),
    durable: ['outputs'],
    on: {
      Output(state, msg) {
        if (kind === 'idempotent' && state.outputs.some((output) => output.offset === msg.offset)) return state;
        return { outputs: [...state.outputs, { offset: msg.offset, key: msg.key, count: msg.count }] };
      },
      CommitOutputs: (state, msg) => ({ outputs: [...state.outputs, ...msg.updates] }),
    },
    describe: (state) => state.outputs.map(showUpdate).join(', ') || 'empty',
  });
}
