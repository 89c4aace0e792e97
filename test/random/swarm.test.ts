import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dieHard } from '../../models/die-hard/die-hard.ts';
import type { Model } from '../../src/core/model.ts';
import { fastCheck, maskOf, runSchedule, scheduleArbitrary, type Schedule } from '../../src/explore/fast-check.ts';
import { random } from '../../src/explore/random.ts';
import { kindHash, leavesOut, MAX_OMIT, omitOfLevel, OMIT_LEVELS, PLAIN_LEVELS, seededMask, SwarmFilter, swarmKind } from '../../src/explore/swarm.ts';
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
  it('are drawn from the run seed alone: the same mask on every call, a quarter of the seeds plain', () => {
    expect(seededMask(42)).toEqual(seededMask(42));
    expect(seededMask(42)).toEqual({ omit: 4, kinds: 1486582866 });
    const masks = Array.from({ length: 400 }, (_, i) => seededMask(i + 1));
    const plain = masks.filter((m) => m.omit === 0).length;
    expect(plain).toBeGreaterThan(70);
    expect(plain).toBeLessThan(130);
    expect(Math.max(...masks.map((m) => m.omit))).toBe(MAX_OMIT);
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

  it('level 0 leaves nothing out and each level leaves out at least as much as the one below', () => {
    const levels = Array.from({ length: OMIT_LEVELS }, (_, l) => omitOfLevel(l));
    expect(levels.slice(0, PLAIN_LEVELS)).toEqual(Array(PLAIN_LEVELS).fill(0));
    for (let l = 1; l < levels.length; l++) expect(levels[l]).toBeGreaterThanOrEqual(levels[l - 1]!);
    expect(levels.at(-1)).toBe(MAX_OMIT);
  });
});

describe('a swarmed walk', () => {
  it('takes no action of a kind its mask leaves out (seed 42 on die-hard leaves out fill)', () => {
    const mask = seededMask(42);
    expect(leavesOut(mask, kindHash('fill'))).toBe(true);
    const walk = walkFromSeed(model, 42, { maxSteps: 8, swarm: true });
    expect(walk.lines).toHaveLength(8);
    expect(walk.lines.filter((l) => l.startsWith('fill'))).toEqual([]);
    expect(walk.lines).toContain('pour small into big');
  });

  it('without swarm (the default) is the walk of earlier versions, exactly (pinned before swarms existed)', () => {
    const walk = walkFromSeed(model, 42, { maxSteps: 8 });
    expect(walkFromSeed(model, 42, { maxSteps: 8, swarm: false }).actionIndices).toEqual(walk.actionIndices);
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
    const withSwarm = fc.sample(scheduleArbitrary({ maxSteps: 20, swarm: true }), { seed: 5, numRuns: 50 });
    const without = fc.sample(scheduleArbitrary({ maxSteps: 20 }), { seed: 5, numRuns: 50 });
    expect(without.every((s) => !('omit' in s))).toBe(true);
    expect(withSwarm.map(({ init, faults, choices }) => ({ init, faults, choices }))).toEqual(without);
    expect(withSwarm.some((s) => (s.omit ?? 0) > 0)).toBe(true);
    expect(withSwarm.some((s) => s.omit === 0)).toBe(true);
  });

  it('fast-check shrinks the mask to "nothing left out" when the failure does not need it', () => {
    let shrunkFromSwarm = 0;
    for (const seed of [2, 3, 4, 5, 6, 7, 8]) {
      let first: Schedule | undefined;
      const details = fc.check(
        fc.property(scheduleArbitrary({ maxSteps: 30, swarm: true }), (s) => {
          const ok = noFourGallons(s);
          if (!ok && !first) first = s;
          return ok;
        }),
        { seed, numRuns: 3000 },
      );
      expect(details.failed).toBe(true);
      const [shrunk] = details.counterexample!;
      expect(maskOf(shrunk)).toEqual({ omit: 0, kinds: 0 });
      expect(runSchedule(model, shrunk).actionIndices).toHaveLength(6);
      if ((first!.omit ?? 0) > 0) shrunkFromSwarm++;
    }
    expect(shrunkFromSwarm).toBeGreaterThan(0);
  });

  it('by default the searches are those of before swarms; a swarmed search differs and still finds it', () => {
    const plain = fastCheck(model, { seed: 3, runs: 2000 });
    const swarmed = fastCheck(model, { seed: 3, runs: 2000, swarm: true });
    expect(swarmed.details).toMatchObject({ swarm: true });
    expect(plain.details).not.toHaveProperty('swarm');
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
    const swarmed = await saved('--swarm');
    expect(swarmed.engine).toMatchObject({ name: 'fast-check', seed: 3, swarm: true });
    expect((await saved()).engine).not.toHaveProperty('swarm');
    const replay = await runCli('replay', swarmed.out);
    expect([replay.code, replay.out]).toEqual([0, expect.stringContaining('reproduced')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--swarm is named in the repeat hint and refused by the exhaustive engines', async () => {
    const run = await runCli('check', 'die-hard', '--engine', 'random', '--seed', '4', '--runs', '300', '--swarm');
    expect(run.out).toContain('  repeat: npx faultline check die-hard/standard --engine random --seed 4 --runs 300 --swarm');
    const plain = await runCli('check', 'die-hard', '--engine', 'random', '--seed', '4', '--runs', '300');
    expect(plain.out).not.toContain('--swarm');
    const bfs = await runCli('check', 'die-hard', '--swarm');
    expect(bfs.code).toBe(2);
    expect(bfs.err).toContain('--swarm applies only to the random engines');
  });
});
