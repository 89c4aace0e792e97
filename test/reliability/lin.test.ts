import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, register, type HistoryOperation, type RegisterInput, type RegisterOutput } from '../../properties/linearizability/index.ts';
import { DEFAULT_LIN_TIMEOUT_MS, runLin } from '../../src/cli/lin.ts';
import { runCli } from '../helpers/cli.ts';
import { tempFolder } from './helpers.ts';

type RegisterOp = HistoryOperation<RegisterInput, RegisterOutput>;

/** `count` operations of one client, one after the other: write i, read i, write i + 2, ... */
function sequential(count: number): RegisterOp[] {
  const ops: RegisterOp[] = [];
  for (let i = 0; i < count; i++) {
    const write = i % 2 === 0;
    const value = write ? i : i - 1;
    ops.push({ id: i, client: 0, call: 2 * i, return: 2 * i + 1, input: write ? { f: 'write', value } : { f: 'read' }, output: write ? {} : { value } });
  }
  return ops;
}

/** Rounds of 5 overlapping writes, then a read of a value never written: not linearizable. */
function concurrentThenBadRead(rounds: number): RegisterOp[] {
  const ops: RegisterOp[] = [];
  let t = 0;
  for (let r = 0; r < rounds; r++, t += 20) {
    for (let c = 0; c < 5; c++) ops.push({ id: ops.length, client: c, call: t + c, return: t + 10 + c, input: { f: 'write', value: r * 5 + c }, output: {} });
  }
  ops.push({ id: ops.length, client: 0, call: t, return: t + 1, input: { f: 'read' }, output: { value: -1 } });
  return ops;
}

/** A `lin` history file (cas-register) of the given operations. */
function historyFile(ops: readonly RegisterOp[], expected: string): string {
  const path = join(tempFolder(), 'history.json');
  writeFileSync(path, JSON.stringify({ format: 'linearizability-history/v1', model: 'cas-register', initial_value: null, expected, operations: ops }));
  return path;
}

describe('lin on large easy histories', () => {
  it('100,000 sequential operations: linearizable in one step each (the visited cache stays small)', () => {
    const result = checkLinearizability(register(null), sequential(100_000));
    expect(result.verdict).toBe('linearizable');
    expect(result.steps).toBe(100_000);
  });

  it('20,000 rounds of 5 overlapping writes, then an impossible read: not linearizable', () => {
    const result = checkLinearizability(register(null), concurrentThenBadRead(20_000));
    expect(result.verdict).toBe('not linearizable');
    expect(result.message).toMatch(/at most 100000 of 100001 operations linearize/);
  });
});

describe('lin is bounded by default', () => {
  it(`has a default time budget of ${DEFAULT_LIN_TIMEOUT_MS / 1000} s and a memory guard, shown under --json`, async () => {
    const run = await runCli('lin', historyFile(sequential(10), 'linearizable'), '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out);
    expect(doc.budget.timeoutMs).toBe(60_000);
    expect(doc.budget.maxMemoryMb).toBeGreaterThan(64);
    expect(doc.files[0].verdict).toBe('linearizable');
  });

  it('a history past its time budget is unknown, and the line says how to raise it', async () => {
    const run = await runCli('lin', historyFile(concurrentThenBadRead(20_000), 'not linearizable'), '--timeout-ms', '1', '--expect');
    expect(run.code).toBe(1); // unknown never matches an expectation
    expect(run.out).toMatch(/history\.json +unknown .*\(unknown: the time budget of 1 ms ran out after \d+ steps, with 0 of 1 partition\(s\) decided; raise it with --timeout-ms N\)/);
  });

  it('the memory guard makes a verdict unknown instead of growing without bound', async () => {
    // 64 MB is below what the test process already holds: the guard trips at its first look.
    const run = await runCli('lin', historyFile(concurrentThenBadRead(20_000), 'not linearizable'), '--max-memory', '64', '--json');
    const row = JSON.parse(run.out).files[0];
    expect(row.verdict).toBe('unknown');
    expect(row.message).toMatch(/^unknown: the memory budget of 64 MB ran out after \d+ steps/);
  });

  it('an interruption stops lin between files and says so in the JSON document', async () => {
    const path = historyFile(sequential(10), 'linearizable');
    const out: string[] = [];
    const code = await runLin([path, path, '--json'], { out: (l) => out.push(l), err: () => {}, interrupt: { requested: true } });
    expect(code).toBe(0);
    const doc = JSON.parse(out.join('\n'));
    expect(doc).toMatchObject({ interrupted: true, unchecked: 2, files: [] });
  });
});
