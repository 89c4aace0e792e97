import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dieHard } from '../../models/die-hard/die-hard.ts';
import type { Model } from '../../src/core/model.ts';
import { fastCheck, maskOf, runSchedule, scheduleArbitrary, type Schedule } from '../../src/explore/fast-check.ts';
import { random } from '../../src/explore/random.ts';
import { kindHash, leavesOut, MAX_OMIT, omitOfLevel, OMIT_LEVELS, PLAIN_LEVELS, seededMask, SWARM_OMIT, SwarmFilter, swarmKind } from '../../src/explore/swarm.ts';
import { walkFromSeed } from '../../src/explore/walker.ts';
import { runCli } from '../helpers/cli.ts';

const model = dieHard();
const noFourGallons = (schedule: Schedule) => runSchedule(model, schedule).violations.length === 0;

/** A model with one kind of action, always enabled: any mask that leaves it out leaves out everything. */
const ticker: Model<number, string> = {
  init: () => [0],
  actions: (n) => (n < 50 ? ['tick'] : []),
  next: (n) => n + 1,
  properties: [],
};

describe('swarm masks', () => {
  it('are drawn from the run seed alone: the same mask on every call, one seed in sixteen plain', () => {
    expect(seededMask(42)).toEqual(seededMask(42));
    expect(seededMask(42)).toEqual({ omit: SWARM_OMIT, kinds: 1486582866 });
    const masks = Array.from({ length: 400 }, (_, i) => seededMask(i + 1));
    const plain = masks.filter((m) => m.omit === 0).length;
    expect(plain).toBe(25);
    expect(new Set(masks.map((m) => m.omit))).toEqual(new Set([0, SWARM_OMIT]));
  });

  it('leave each kind out with a chance of 3/16, independently of the other kinds', () => {
    const masks = Array.from({ length: 4000 }, (_, i) => seededMask(i + 1)).filter((m) => m.omit > 0);
    const [a, b] = [kindHash('fill'), kindHash('pour')];
    const share = (test: (m: (typeof masks)[number]) => boolean) => masks.filter(test).length / masks.length;
    expect(share((m) => leavesOut(m, a))).toBeCloseTo(3 / 16, 1);
    expect(share((m) => leavesOut(m, a) && leavesOut(m, b))).toBeCloseTo((3 / 16) ** 2, 1);
  });

  it('name kinds by a hash of their name, so what a mask keeps does not depend on the order actions come in', () => {
    expect(kindHash('fill')).toBe(kindHash('fill'));
    expect(kindHash('fill')).not.toBe(kindHash('pour'));
    const state = model.init()[0]!;
    const enabled = model.actions(state);
    const filter = new SwarmFilter(model);
    const mask = seededMask(42);
    const kinds = (actions: typeof enabled) => new Set(filter.kept(actions, state, mask)!.map((i) => swarmKind(model, actions[i]!, state)));
    expect([...kinds(enabled)].sort()).toEqual([...kinds([...enabled].reverse())].sort());
    expect(kinds(enabled).size).toBeLessThan(3);
  });

  it('refine system message and timer actions by their type', () => {
    const sys: Model<null, unknown> = { init: () => [null], actions: () => [], next: () => null, properties: [] };
    expect(swarmKind(sys, { kind: 'deliver', at: 0, env: { from: 0, to: 1, msg: { type: 'Grant' } } }, null)).toBe('deliver:Grant');
    expect(swarmKind(sys, { kind: 'drop', at: 0, env: { from: 0, to: 1, msg: { type: 'Read' } } }, null)).toBe('drop:Read');
    expect(swarmKind(sys, { kind: 'timer', node: 0, timer: 'election' }, null)).toBe('timer:election');
    expect(swarmKind(sys, { kind: 'timer', node: 0, timer: { type: 'retry', op: 3 } }, null)).toBe('timer:retry');
    expect(swarmKind(sys, { kind: 'tick' }, null)).toBe('tick');
  });

  it('level 0 leaves nothing out and every other level the swarm share, so a level shrinks to the plain walk', () => {
    const levels = Array.from({ length: OMIT_LEVELS }, (_, l) => omitOfLevel(l));
    expect(levels).toEqual([...Array(PLAIN_LEVELS).fill(0), ...Array(OMIT_LEVELS - PLAIN_LEVELS).fill(SWARM_OMIT)]);
    expect(PLAIN_LEVELS).toBe(1);
  });
});

describe('a swarmed walk', () => {
  it('takes no action of a kind its mask leaves out (seed 3 on die-hard leaves out fill)', () => {
    const mask = seededMask(3);
    expect(leavesOut(mask, kindHash('fill'))).toBe(true);
    const walk = walkFromSeed(model, 3, { maxSteps: 8 });
    expect(walk.lines).toHaveLength(8);
    expect(walk.lines.filter((l) => l.startsWith('fill'))).toEqual([]);
    expect(walk.lines).toContain('pour small into big');
    expect(walkFromSeed(model, 3, { maxSteps: 8, swarm: false }).lines.filter((l) => l.startsWith('fill')).length).toBeGreaterThan(0);
  });

  it('without swarm (--no-swarm) is the walk of earlier versions, exactly (pinned before swarms existed)', () => {
    const walk = walkFromSeed(model, 42, { maxSteps: 8, swarm: false });
    expect(walkFromSeed(model, 42, { maxSteps: 8 }).actionIndices).not.toEqual(walk.actionIndices);
    expect(walk.actionIndices).toEqual([5, 3, 3, 5, 2, 3, 1, 0]);
    expect(walk.lines.slice(-2)).toEqual(['fill big', 'fill small']);
  });

  it('falls back to all enabled actions when its mask would leave none: never cut short', () => {
    let kinds = 0;
    while (!leavesOut({ omit: MAX_OMIT, kinds }, kindHash('tick'))) kinds++;
    const run = runSchedule(ticker, { init: 0, faults: 0, choices: Array(60).fill(7), omit: MAX_OMIT, kinds });
    expect(run.actionIndices).toHaveLength(50);
  });

  it('records indices among all enabled actions, so its path replays without the mask', () => {
    const schedule: Schedule = { init: 0, faults: 0, choices: [0, 0, 0, 0, 0, 0], omit: 4, kinds: seededMask(42).kinds };
    const swarmed = runSchedule(model, schedule);
    let state = model.init()[0]!;
    for (const [i, index] of swarmed.actionIndices.entries()) {
      expect(model.actions(state)[index]).toBe(swarmed.actions[i]);
      state = model.next(state, swarmed.actions[i]!);
    }
    expect(swarmed.actions.some((a) => a.startsWith('fill'))).toBe(false);
  });
});

describe('swarms in the engines', () => {
  it('the schedule arbitrary draws init, faults and choices as without swarm, the mask after them', () => {
    const withSwarm = fc.sample(scheduleArbitrary({ maxSteps: 20 }), { seed: 5, numRuns: 50 });
    const without = fc.sample(scheduleArbitrary({ maxSteps: 20, swarm: false }), { seed: 5, numRuns: 50 });
    expect(without.every((s) => !('omit' in s))).toBe(true);
    expect(withSwarm.map(({ init, faults, choices }) => ({ init, faults, choices }))).toEqual(without);
    expect(withSwarm.some((s) => (s.omit ?? 0) > 0)).toBe(true);
    expect(withSwarm.filter((s) => s.omit === SWARM_OMIT).length).toBeGreaterThan(40);
  });

  it("draws schedules without fast-check's bias: small choices and short lists are no likelier than others", () => {
    const schedules = fc.sample(scheduleArbitrary({ maxSteps: 100 }), { seed: 11, numRuns: 2000 });
    const choices = schedules.flatMap((s) => s.choices);
    // Biased, about one choice in ten would be below 16 (the first action, never a fault); uniform, 1 in 4096.
    expect(choices.filter((c) => c < 16).length / choices.length).toBeLessThan(0.002);
    // Lengths uniform from 0 to 100: about 10% below 10.
    expect(schedules.filter((s) => s.choices.length < 10).length / schedules.length).toBeLessThan(0.13);
    // One level in sixteen is plain.
    expect(schedules.filter((s) => s.omit === 0).length / schedules.length).toBeLessThan(0.1);
  });

  it('fast-check shrinks the mask to "nothing left out" when the failure does not need it', () => {
    let shrunkFromSwarm = 0;
    for (const seed of [2, 4, 5, 6, 7, 8]) {
      let first: Schedule | undefined;
      const details = fc.check(
        fc.property(scheduleArbitrary({ maxSteps: 30 }), (s) => {
          const ok = noFourGallons(s);
          if (!ok && !first) first = s;
          return ok;
        }),
        { seed, numRuns: 3000 },
      );
      expect(details.failed).toBe(true);
      const [shrunk] = details.counterexample!;
      expect(maskOf(shrunk)).toEqual({ omit: 0, kinds: 0 });
      // Still a failure once the mask is gone; the engine then cuts it to the 6 steps (minimizePath).
      expect(noFourGallons(shrunk)).toBe(false);
      expect(runSchedule(model, shrunk).actionIndices.length).toBeLessThanOrEqual(8);
      if ((first!.omit ?? 0) > 0) shrunkFromSwarm++;
    }
    expect(shrunkFromSwarm).toBeGreaterThan(0);
  });

  it('by default the searches are swarmed; swarm: false gives those of before swarms, and both find it', () => {
    const plain = fastCheck(model, { seed: 3, runs: 2000, swarm: false });
    const swarmed = fastCheck(model, { seed: 3, runs: 2000 });
    expect(swarmed.details).toMatchObject({ swarm: true });
    expect(plain.details).toMatchObject({ swarm: false });
    for (const r of [plain, swarmed]) expect(r.properties.find((p) => p.name === 'big != 4')!.counterexample!.steps).toHaveLength(6);
    const walks = (swarm: boolean) => random(model, { seed: 9, runs: 50, maxSteps: 10, swarm }).details!.coverage;
    expect(walks(false)).not.toEqual(walks(true));
  });

  it('a counterexample saved from a swarmed search says so (its seed and path need the masks); replay needs nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-swarm-'));
    const saved = async (...extra: string[]) => {
      const out = join(dir, `${extra.length}.json`);
      expect((await runCli('check', 'die-hard', '--engine', 'fast-check', '--seed', '3', '--runs', '2000', '--out', out, ...extra)).code).toBe(0);
      return { out, engine: JSON.parse(readFileSync(out, 'utf8')).engine };
    };
    const swarmed = await saved();
    expect(swarmed.engine).toMatchObject({ name: 'fast-check', seed: 3, swarm: true });
    expect((await saved('--no-swarm')).engine).not.toHaveProperty('swarm');
    const replay = await runCli('replay', swarmed.out);
    expect([replay.code, replay.out]).toEqual([0, expect.stringContaining('reproduced')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--no-swarm is named in the repeat hint; the two flags together and either with an exhaustive engine are refused', async () => {
    const plain = await runCli('check', 'die-hard', '--engine', 'random', '--seed', '4', '--runs', '300', '--no-swarm');
    expect(plain.out).toContain('  repeat: npx faultline check die-hard/standard --engine random --seed 4 --runs 300 --no-swarm');
    const swarmed = await runCli('check', 'die-hard', '--engine', 'random', '--seed', '4', '--runs', '300');
    expect(swarmed.out).toContain('  repeat: npx faultline check die-hard/standard --engine random --seed 4 --runs 300\n');
    const named = await runCli('check', 'die-hard', '--engine', 'random', '--seed', '4', '--runs', '300', '--swarm');
    const repeatLine = (out: string) => out.split('\n').find((l) => l.includes('repeat:'));
    expect(repeatLine(named.out)).toBe(repeatLine(swarmed.out));
    const both = await runCli('check', 'die-hard', '--engine', 'random', '--swarm', '--no-swarm');
    expect([both.code, both.err.trim()]).toEqual([2, 'faultline: check: --swarm and --no-swarm contradict each other; give one']);
    for (const flag of ['--swarm', '--no-swarm']) {
      const bfs = await runCli('check', 'die-hard', flag);
      expect(bfs.code).toBe(2);
      expect(bfs.err).toContain(`${flag} applies only to the random engines`);
    }
  });
});
