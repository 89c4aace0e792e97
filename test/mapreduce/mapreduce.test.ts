import { describe, expect, it } from 'vitest';
import { mapReduceModel } from '../../models/mapreduce/mapreduce.ts';
import { APPLICATIONS, sequentialRuns } from '../../models/mapreduce/applications.ts';
import { expectFastCheckWithin } from '../helpers/fast-check-within.ts';
import { checkModel, expectContract, expectFamily, expectSensitivity, expectShortest } from '../../src/testing/index.ts';

// The derived lengths in known-bugs.md count one step per event ("w1 finishes", "reduce runs").
// Here every RPC is two deliveries (request, answer), a reducer fetches each intermediate file with
// a Fetch/Partition round trip (its own disk included) and commits with one more message, so the
// same scenarios take about twice as many steps.

describe('mapreduce family', () => {
  it('meets every expectation at the defaults (1 map, 1 reduce, 2 workers, 1 crash, 1 round of timeouts)', async () => {
    const reports = await expectFamily(mapReduceModel);
    const correct = reports.find((r) => r.variant === 'correct')!;
    expect([correct.result.distinctStates, correct.result.complete]).toEqual([4635, true]);
  });

  it('word count and the index have one sequential run each; the sampling map one per draw', () => {
    expect(sequentialRuns(APPLICATIONS['word-count'], 2, 2)).toEqual([[['a 1'], ['b 2']]]);
    expect(sequentialRuns(APPLICATIONS.indexer, 2, 1)).toEqual([[['a d0', 'b d0,d1']]]);
    expect(sequentialRuns(APPLICATIONS['sampling-word-count'], 1, 2)).toEqual([
      [['a 1'], []],
      [[], ['b 1']],
    ]);
  });

  it('correct holds at the least bounds of known-bugs.md (2 maps, 2 reduces, 2 workers, 1 crash), with both parallelism witnesses', async () => {
    const report = await checkModel(mapReduceModel, { variant: 'correct', params: { maps: 2, reduces: 2, crashes: 1, timeouts: 0 } });
    expect(report.ok).toBe(true);
    expect([report.result.distinctStates, report.result.complete]).toEqual([31100, true]);
    const verdicts = Object.fromEntries(report.properties.map((p) => [p.name, p.verdict]));
    expect(verdicts).toMatchObject({ 'sequential-output': 'holds', 'job-completes': 'holds', 'maps-in-parallel': 'holds', 'reduces-in-parallel': 'holds', 'done-after-a-crash': 'holds' });
  });

  it('correct holds at 2 maps, 2 reduces, 2 workers with 1 round of timeouts and no crash (a slow original and its re-execution both finish)', async () => {
    const report = await checkModel(mapReduceModel, { variant: 'correct', params: { maps: 2, reduces: 2, crashes: 0, timeouts: 1 } });
    expect(report.ok).toBe(true);
    expect([report.result.distinctStates, report.result.complete]).toEqual([4450, true]);
  });

  it('with a lost message the output stays right, and the job completes unless the loss comes after the last round of timeouts', async () => {
    const params = { crashes: 0, timeouts: 2, drops: 1 };
    const report = await checkModel(mapReduceModel, { variant: 'correct', params });
    expect(report.ok).toBe(true);
    expect([report.result.distinctStates, report.result.complete]).toEqual([1301, true]);
    const verdicts = Object.fromEntries(report.properties.map((p) => [p.name, p.verdict]));
    expect(verdicts).toMatchObject({ 'sequential-output': 'holds', 'no-early-exit': 'holds', 'done-after-a-loss': 'holds', 'job-completes': 'violated' });
    // The deadlock, reported as such: both rounds of time are spent, then the reduce task's assignment is lost.
    const lines = await expectShortest(mapReduceModel, 'correct', 'job-completes', { length: 9, params });
    expect(lines.filter((line) => line.startsWith('time '))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^drop AssignReduce\(r0 #1/);
  });

  it('a duplicate completion used: the timed-out original and its re-execution both count, so every count doubles', async () => {
    // Derived: about 6 (assign; presumed dead; reassign; both finish; reduce). The reducer must
    // still be fetching when the second location is announced, hence the extra round trips.
    const lines = await expectShortest(mapReduceModel, 'duplicate-completion', 'sequential-output', { length: 14 });
    expect(lines).toContain('m timer timeout(m0 #1) fires');
    expect(lines).toContain('deliver MapLocations(m0 at w1+w2) m→w1');
    expect(lines.at(-1)).toBe('deliver Rename(mr-out-0: a 2, b 2) w1→fs');
  });

  it('output written in place: a crashed reducer had appended its lines, and the re-execution appends them again', async () => {
    // Derived: about 5. Here the map task runs first (4 steps) and each reduce attempt is 4 deliveries.
    const lines = await expectShortest(mapReduceModel, 'in-place-output', 'sequential-output', { length: 14 });
    expect(lines[7]).toBe('crash w1');
    expect(lines.at(-1)).toBe('deliver Append(mr-out-0: a 1, b 1) w2→fs');
  });

  it('a reducer started early reads only the map tasks finished so far: b is counted once, not twice', async () => {
    // Derived: 3 or 4 (map 1 done; reduce on its data; map 2 done). The early start needs 2 workers
    // here: the mistake is "no map task waits" instead of "every map task finished".
    const lines = await expectShortest(mapReduceModel, 'early-reduce', 'sequential-output', { length: 7 });
    expect(lines[3]).toBe('deliver AssignReduce(r0 #1, epoch 0, sources m0 at w1, m1 at none) m→w1');
  });

  it('a sampling map re-executed after a crash: r0 read the first execution, r1 the second', async () => {
    // Derived: about 6 with a timeout. With the first completion kept, a timeout cannot give the
    // reducers different executions: the output must be lost (a crash after r0 read it).
    const lines = await expectShortest(mapReduceModel, 'sampling-map', 'sequential-output', { length: 15 });
    expect(lines).toContain('deliver Partition(m0, r0: a 1) w1→w1');
    expect(lines).toContain('crash w1');
    expect(lines.at(-1)).toBe('deliver Rename(mr-out-1: b 1) w2→fs');
  });

  it('backup tasks run a map task twice with no fault, by design (the lab job count does not apply)', async () => {
    await expectShortest(mapReduceModel, 'backup-tasks', 'each-map-once-without-faults', { length: 1 });
  });

  it('fast-check finds every violation within 1.5x of the shortest', async () => {
    await expectFastCheckWithin(mapReduceModel, [
      ['duplicate-completion', 'sequential-output', 14],
      ['in-place-output', 'sequential-output', 14],
      ['early-reduce', 'sequential-output', 7],
      ['sampling-map', 'sequential-output', 15],
    ]);
  });

  it('catches each mistake of the sensitivity list', async () => {
    const outcomes = await expectSensitivity(mapReduceModel, 'correct');
    // The search stops at the first property that misses: the one each mistake is caught by.
    expect(outcomes.map((o) => [o.mutation, o.missed.map((m) => m.split(':')[0])])).toEqual([
      ['duplicate-completions-used', ['sequential-output']],
      ['rename-as-copy', ['sequential-output']],
      ['reduce-before-maps-finish', ['sequential-output']],
      ['completed-maps-not-rerun', ['job-completes']],
      ['no-reexecution', ['job-completes']],
      ['done-before-written', ['no-early-exit']],
    ]);
    const indexer = await expectSensitivity(mapReduceModel, 'indexer');
    expect(indexer.map((o) => [o.mutation, o.caught])).toEqual([
      ['reduce-before-maps-finish', true],
      ['completed-maps-not-rerun', true],
    ]);
    const backups = await expectSensitivity(mapReduceModel, 'backup-tasks');
    expect(backups.map((o) => [o.mutation, o.caught])).toEqual([['backup-completion-used', true]]);
  });

  it('keeps the kernel contract', () => {
    expect(expectContract(mapReduceModel, 'correct', { maxStates: 400 }).states).toBe(400);
    expect(expectContract(mapReduceModel, 'sampling-map', { maxStates: 400 }).states).toBe(400);
  });
});
