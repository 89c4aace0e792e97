import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/explore/bfs.ts';
import { crash, defineRole, defineSystem } from '../../src/system/index.ts';

/**
 * The crash fault kind's delayed failure detector (added for the partitioned log's controller):
 * a watcher hears of a crash at some later step, or never if the node restarts first.
 */
type Msg = { readonly type: 'Ping' };
const watcher = defineRole<{ readonly heard: number }, Msg>({
  init: () => ({ heard: 0 }),
  on: {},
  onPeerCrash: (s) => ({ heard: s.heard + 1 }),
});
const worker = defineRole<{ readonly heard: number }, Msg>({ init: () => ({ heard: 0 }), on: {} });

const build = (detection: 'perfect' | 'delayed') =>
  defineSystem({
    roles: { watcher, worker },
    nodes: [{ role: 'watcher', name: 'w' }, { role: 'worker', name: 'x' }],
    network: 'unordered',
    workload: [],
    faults: { budget: 1, kinds: [crash({ nodes: ['x'], detection })] },
  });

describe('crash with delayed detection', () => {
  it('reports the crash only at a notice step, and never when the node is back first', () => {
    const model = build('delayed');
    const [start] = model.init();

    const crashed = model.next(start!, { kind: 'crash', node: 1 });
    const lines = model.actions(crashed).map((a) => model.describeAction!(a, crashed));
    const noticed = model.next(crashed, { kind: 'notice', node: 1 });
    const back = model.next(crashed, { kind: 'restart', node: 1 });

    expect(crashed.nodes[0]).toEqual({ heard: 0 });
    expect(lines).toEqual(['restart x', 'the failure detector reports x down']);
    expect(noticed.nodes[0]).toEqual({ heard: 1 });
    expect(model.actions(noticed).map((a) => a.kind)).toEqual(['restart']);
    expect(back.nodes[0]).toEqual({ heard: 0 });
    expect(back).not.toHaveProperty('unnoticed');
    expect(model.actions(back)).toEqual([]);
  });

  it('has the perfect detector as a special case: one more state a crash (crashed, not yet noticed)', () => {
    const perfect = bfs(build('perfect'));
    const delayed = bfs(build('delayed'));

    // perfect: start, crashed (heard), restarted; delayed adds crashed-unheard and restarted-unheard.
    expect(perfect.distinctStates).toBe(3);
    expect(delayed.distinctStates).toBe(5);
    expect(build('delayed').bounds).toMatch(/crash of x \(noticed late or never\)/);
  });
});

