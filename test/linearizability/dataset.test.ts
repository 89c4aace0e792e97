import { describe, expect, it } from 'vitest';
import { checkLinearizability, readHistoryFile, specForHistory } from '../../properties/linearizability/index.ts';
import { dataFile, manifestEntries } from './data.ts';

const entries = manifestEntries();
const collections = [...new Set(entries.map((e) => e.collection))];

describe('linearizability data set: every verdict as expected', () => {
  it('lists 228 histories in three collections', () => {
    expect(entries).toHaveLength(228);
    expect(collections.sort()).toEqual(['knossos-cas-register', 'porcupine-etcd', 'porcupine-kv']);
  });

  for (const collection of collections) {
    it(`${collection}: verdicts equal "expected"`, () => {
      // Arrange
      const files = entries.filter((e) => e.collection === collection);
      // Act
      const got = files.map((e) => {
        const history = readHistoryFile(dataFile(e.file));
        return { file: e.file, verdict: checkLinearizability(specForHistory(history), history.operations, { timeoutMs: 20_000 }).verdict };
      });
      // Assert
      expect(got).toEqual(files.map((e) => ({ file: e.file, verdict: e.expected })));
    });
  }

  it('takes exactly porcupine’s number of steps wherever the manifest records it', () => {
    const withSteps = entries.filter((e) => e.porcupine_steps !== null);
    const diffs = withSteps
      .map((e) => {
        const history = readHistoryFile(dataFile(e.file));
        return { file: e.file, steps: checkLinearizability(specForHistory(history), history.operations).steps, porcupine: e.porcupine_steps };
      })
      .filter((d) => d.steps !== d.porcupine);
    expect(diffs).toEqual([]);
  });
});

describe('named hard histories', () => {
  it('kv_c50-bad: not linearizable, found without finishing the hard partitions', () => {
    const history = readHistoryFile(dataFile('kv_c50-bad.json'));
    const result = checkLinearizability(specForHistory(history), history.operations, { timeoutMs: 20_000 });
    expect(result.verdict).toBe('not linearizable');
    // Keys "0" and "9" alone do not finish within 60 s: interleaving must leave them undecided.
    expect(result.partitions.some((p) => p.verdict === 'unknown')).toBe(true);
    expect(result.partitions.filter((p) => p.verdict === 'not linearizable')).toHaveLength(1);
    expect(result.explanation?.stuck.length).toBeGreaterThan(0);
  });

  it('etcd_002: linearizable, in exactly porcupine’s 1,177,310 steps', () => {
    const history = readHistoryFile(dataFile('etcd_002.json'));
    const result = checkLinearizability(specForHistory(history), history.operations);
    expect(result.verdict).toBe('linearizable');
    expect(result.steps).toBe(1_177_310);
  });

  it('etcd_007: linearizable, in exactly porcupine’s 887,001 steps', () => {
    const history = readHistoryFile(dataFile('etcd_007.json'));
    const result = checkLinearizability(specForHistory(history), history.operations);
    expect(result.verdict).toBe('linearizable');
    expect(result.steps).toBe(887_001);
  });

  it('kv_c50-ok: linearizable with every per-key partition linearizable', () => {
    const history = readHistoryFile(dataFile('kv_c50-ok.json'));
    const result = checkLinearizability(specForHistory(history), history.operations);
    expect(result.verdict).toBe('linearizable');
    expect(result.partitions).toHaveLength(10);
    expect(result.partitions.every((p) => p.verdict === 'linearizable')).toBe(true);
  });

  it('etcd_000: the explanation replays — its prefix is legal and each stuck operation is really stuck', () => {
    // Arrange
    const history = readHistoryFile(dataFile('etcd_000.json'));
    const spec = specForHistory(history);
    // Act
    const result = checkLinearizability(spec, history.operations);
    // Assert
    expect(result.verdict).toBe('not linearizable');
    const ex = result.explanation!;
    let state = spec.init();
    for (const step of ex.prefix) {
      const r = spec.step(state, step.operation.input, step.operation.output ?? undefined);
      expect(r.ok).toBe(true);
      state = r.next;
      expect(state).toEqual(step.stateAfter);
    }
    expect(ex.stateAfterPrefix).toEqual(state);
    expect(ex.stuck.length).toBeGreaterThan(0);
    for (const s of ex.stuck.filter((x) => x.reason === 'illegal')) {
      expect(spec.step(state, s.operation.input, s.operation.output ?? undefined).ok).toBe(false);
    }
    expect(ex.message).toMatch(/^not linearizable: at most \d+ of 85 operations linearize/);
    expect(ex.message).not.toContain('\n');
  });
});
