import { describe, expect, it } from 'vitest';
import { presumedIsrConsistency, type InSyncView, type LogRecord, type LogSource } from '../../properties/ordering/index.ts';

/** The presumed-leader ISR property (WeakIsr) on hand-made views: a state is the list of presumed leaders' views. */
const record = (id: number): LogRecord => ({ id, label: `a${id + 1}`, producer: 0, index: id, key: 'a' });
const log = (where: string, ids: number[]) => ({ partition: 0, where, records: ids.map(record) });
const source: LogSource<readonly InSyncView[]> = {
  logs: () => [],
  leaderLog: () => null,
  acknowledged: () => [],
  consumed: () => [],
  presumedLeaders: (views) => views,
};
const view = (highWatermark: number, leader: number[], follower: number[]): InSyncView => ({
  partition: 0,
  epoch: 2,
  leader: log('b0', leader),
  highWatermark,
  replicas: [log('b0', leader), log('b1', follower)],
});

describe('presumed-isr-consistency', () => {
  const property = presumedIsrConsistency(source);

  it('holds when every member of the ISR a leader knows agrees below its high watermark, whatever lies above it', () => {
    expect(property.check([])).toBe(true);
    expect(property.check([view(1, [0, 1], [0])])).toBe(true);
    expect(property.check([view(0, [0], [])])).toBe(true);
  });

  it('is violated by a member that lacks, or differs in, a record below the high watermark', () => {
    expect(property.check([view(1, [0], [])])).toBe(
      'partition 0: b0, leading epoch 2 as it believes, has committed [a1] (high watermark 1), but b1, in the ISR it knows, holds [], differing at offset 0',
    );
    expect(property.check([view(2, [0, 1], [0, 2])])).toMatch(/b1, in the ISR it knows, holds \[a1, a3\], differing at offset 1$/);
  });

  it('needs a source that reports presumed leaders', () => {
    const { presumedLeaders: _none, ...without } = source;
    expect(() => presumedIsrConsistency(without)).toThrow('presumed-isr-consistency needs a log source that reports presumed leaders (presumedLeaders)');
  });
});
