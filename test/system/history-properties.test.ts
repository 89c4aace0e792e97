import { describe, expect, it } from 'vitest';
import { judgeNoLostWrite, judgeRegular, linearizable, type RegisterHistory, type RegisterOp } from '../../properties/history/index.ts';
import { register } from '../../properties/linearizability/specs/register.ts';

const w = (id: number, value: number, call: number, ret?: number) => ({ id, client: 0, node: 0, input: { f: 'write', value } as RegisterOp, call, ...(ret !== undefined ? { return: ret, output: {} } : {}) });
const r = (id: number, value: number, call: number, ret: number) => ({ id, client: 1, node: 1, input: { f: 'read' } as RegisterOp, call, return: ret, output: { value } });

describe('history properties', () => {
  it('regular: a read may return a concurrent write or the last completed one, not an older value', () => {
    const concurrentNew: RegisterHistory = [w(0, 1, 0), r(1, 1, 0, 0)];
    const concurrentOld: RegisterHistory = [w(0, 1, 0), r(1, 0, 0, 0)];
    const stale: RegisterHistory = [w(0, 1, 0, 0), r(1, 0, 1, 1)];

    expect(judgeRegular(concurrentNew, 0)).toBe(true);
    expect(judgeRegular(concurrentOld, 0)).toBe(true);
    expect(judgeRegular(stale, 0)).toMatch(/not regular/);
  });

  it('no lost acknowledged write: a later read must not return what an acknowledged write overwrote', () => {
    const lost: RegisterHistory = [w(0, 1, 0, 0), w(1, 2, 1, 1), r(2, 1, 2, 2)];
    const fine: RegisterHistory = [w(0, 1, 0, 0), w(1, 2, 1, 1), r(2, 2, 2, 2)];

    expect(judgeNoLostWrite(lost, 0)).toMatch(/acknowledged c0 write 2 is lost/);
    expect(judgeNoLostWrite(fine, 0)).toBe(true);
  });

  it('linearizable: the new/old inversion fails, failed and pending operations may still take effect', () => {
    const inversion: RegisterHistory = [w(0, 1, 0), r(1, 1, 0, 0), r(2, 0, 1, 1)];
    const failedWriteSeen: RegisterHistory = [{ ...w(0, 1, 0, 0), output: undefined, error: 'timeout' }, r(1, 1, 1, 1)];
    const property = (h: RegisterHistory) => linearizable({ history: () => h }, register(0)).check(null);

    expect(property(inversion)).toMatch(/not linearizable/);
    expect(property(failedWriteSeen)).toBe(true);
  });
});
