/**
 * Writes TwoPhase (Gray and Lamport's two-phase commit, the TLA+ Examples spec) in Promela for
 * `rms` resource managers: one process whose `do` loop has one `d_step` per instance of a TLA+
 * action, so SPIN explores exactly TLC's (and faultline's) state graph. TCConsistent is asserted
 * where it can first fail (TMAbort after some RM committed cannot happen, but the assertion
 * makes the invariant part of the work SPIN does, as faultline judges it in every state).
 *
 * Ported from the generator the project's shared bench folder keeps (`two-phase.py N flat`),
 * so that rerunning the comparison needs no Python.
 */
export function twoPhasePromela(rms: number): string {
  const range = Array.from({ length: rms }, (_, rm) => rm);
  const anyRm = (state: string) => range.map((rm) => `rmState[${rm}]==${state}`).join('||');
  const allPrepared = range.map((rm) => `tmPrepared[${rm}]`).join(' && ');
  const options = [
    `:: d_step { tmState == TM_INIT && ${allPrepared} -> tmState = TM_COMMITTED; msgCommit = 1 }   /* TMCommit */`,
    ':: d_step { tmState == TM_INIT -> tmState = TM_ABORTED; msgAbort = 1; assert(consistent) }   /* TMAbort */',
    ...range.flatMap((rm) => [
      `:: d_step { tmState == TM_INIT && msgPrepared[${rm}] -> tmPrepared[${rm}] = 1 }   /* TMRcvPrepared(rm${rm}) */`,
      `:: d_step { rmState[${rm}] == WORKING -> rmState[${rm}] = PREPARED; msgPrepared[${rm}] = 1 }   /* RMPrepare(rm${rm}) */`,
      `:: d_step { rmState[${rm}] == WORKING -> rmState[${rm}] = ABORTED }   /* RMChooseToAbort(rm${rm}) */`,
      `:: d_step { msgCommit -> rmState[${rm}] = COMMITTED }   /* RMRcvCommitMsg(rm${rm}) */`,
      `:: d_step { msgAbort -> rmState[${rm}] = ABORTED }   /* RMRcvAbortMsg(rm${rm}) */`,
    ]),
  ];
  return [
    `/* TwoPhase, ${rms} resource managers, written by faultline's bench/spin/two-phase-pml.ts */`,
    '#define WORKING 0',
    '#define PREPARED 1',
    '#define COMMITTED 2',
    '#define ABORTED 3',
    '#define TM_INIT 0',
    '#define TM_COMMITTED 1',
    '#define TM_ABORTED 2',
    `byte rmState[${rms}];`,
    'byte tmState = TM_INIT;',
    `bit tmPrepared[${rms}];`,
    `bit msgPrepared[${rms}];`,
    'bit msgCommit, msgAbort;',
    `#define consistent (!( (${anyRm('ABORTED')}) && (${anyRm('COMMITTED')}) ))`,
    'active proctype TwoPhase() {',
    'end:',
    '  do',
    ...options.map((option) => `  ${option}`),
    '  od',
    '}',
    '',
  ].join('\n');
}
