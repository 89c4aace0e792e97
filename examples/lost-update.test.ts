import { describe, it } from 'vitest';
import { expectContract, expectFamily, expectSensitivity, expectShortest } from 'faultline/testing';
import { lostUpdate } from './lost-update.ts';

describe('lost-update', () => {
  it('meets every expectation of every variant (bfs at defaults)', async () => {
    await expectFamily(lostUpdate);
  });

  it('loses an update in 4 steps without the lock', async () => {
    await expectShortest(lostUpdate, 'racy', 'no lost update', { length: 4, lines: ['c0 reads', 'c1 reads', 'c0 writes', 'c1 writes'] });
  });

  it('keeps the kernel contract: deterministic, pure', () => {
    expectContract(lostUpdate, 'locked');
  });

  it('catches every mutation of the locked variant', async () => {
    await expectSensitivity(lostUpdate, 'locked');
  });
});
