import { describe, expect, it } from 'vitest';
import { expectContract, expectFamily, expectReductionSound, expectSensitivity, expectShortest } from 'faultline/testing';
import { primaryBackup, primaryBackupModel } from './primary-backup.ts';

describe('primary-backup', () => {
  it('meets every expectation of both variants', async () => {
    await expectFamily(primaryBackupModel);
  });

  it('asynchronous replication: a read at the backup misses an acknowledged write, in 2 steps', async () => {
    await expectShortest(primaryBackupModel, 'asynchronous', 'regular', { length: 2 });
  });

  it('catches both mutations of the synchronous variant', async () => {
    await expectSensitivity(primaryBackupModel, 'synchronous');
  });

  it('keeps the kernel contract', () => {
    expectContract(primaryBackupModel, 'synchronous');
  });

  it('sweeping obsolete Acks changes no verdict', async () => {
    const without = (_reduced: unknown, params: { backups?: unknown; drops?: unknown }) =>
      primaryBackup({ answerAfter: 'backups', resend: true }, { backups: params.backups as number, drops: params.drops as number, obsolete: false });

    const { reduced, plain } = await expectReductionSound(primaryBackupModel, 'synchronous', { name: 'obsolete', without });

    expect(reduced.distinctStates).toBeLessThanOrEqual(plain.distinctStates);
  });
});
