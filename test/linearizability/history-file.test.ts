import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHistory, readHistoryFile } from '../../properties/linearizability/index.ts';
import { UsageError } from '../../src/core/errors.ts';
import { dataFile } from './data.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-lin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small valid cas-register document. */
function validDoc(): Record<string, unknown> {
  return {
    format: 'linearizability-history/v1',
    source: 'hand-written',
    model: 'cas-register',
    initial_value: 0,
    expected: 'linearizable',
    num_operations: 2,
    operations: [
      { id: 0, client: 0, call: 0, return: 1, input: { f: 'write', value: 1 }, output: {}, status: 'ok' },
      { id: 1, client: 1, call: 2, return: 3, input: { f: 'cas', from: 1, to: 2 }, output: { ok: true }, status: 'ok' },
    ],
  };
}

/** Writes `text` as `name` in the temp dir and returns the error message readHistoryFile throws. */
function errorFor(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  try {
    readHistoryFile(path);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error(`${name} was accepted`);
}

/** A valid document with one change applied, as JSON text. */
function corrupted(change: (doc: Record<string, unknown> & { operations: Record<string, unknown>[] }) => void): string {
  const doc = validDoc() as Record<string, unknown> & { operations: Record<string, unknown>[] };
  change(doc);
  return JSON.stringify(doc);
}

describe('readHistoryFile', () => {
  it('loads a valid file, pending operations included', () => {
    // Arrange
    const text = corrupted((d) => {
      d.operations.push({ id: 2, client: 2, call: 4, return: null, input: { f: 'read' }, output: null, status: 'info' });
      d.num_operations = 3;
    });
    writeFileSync(join(dir, 'ok.json'), text);
    // Act
    const file = readHistoryFile(join(dir, 'ok.json'));
    // Assert
    expect(file.model).toBe('cas-register');
    expect(file.initialValue).toBe(0);
    expect(file.expected).toBe('linearizable');
    expect(file.operations).toHaveLength(3);
    expect(file.operations[1]).toEqual({ id: 1, client: 1, call: 2, return: 3, input: { f: 'cas', from: 1, to: 2 }, output: { ok: true } });
    expect(file.operations[2]!.return).toBe(Infinity);
  });

  it('loads the data set’s kv and knossos files', () => {
    expect(readHistoryFile(dataFile('kv_c01-ok.json')).model).toBe('kv');
    expect(readHistoryFile(dataFile('knossos/knossos_bad_cas-failure.json')).operations).toHaveLength(206);
  });

  const cases: [string, string, string][] = [
    ['not-json.json', '{"format": ', 'not-json.json: not valid JSON ('],
    ['array.json', '[]', 'array.json: (top level): expected a JSON object'],
    ['format.json', corrupted((d) => (d.format = 'v2')), 'format.json: format: expected "linearizability-history/v1"'],
    ['model.json', corrupted((d) => (d.model = 'queue')), 'model.json: model: expected "cas-register" or "kv"'],
    ['initial.json', corrupted((d) => (d.initial_value = 'zero')), 'initial.json: initial_value: expected an integer or null'],
    ['call.json', corrupted((d) => (d.operations[1]!.call = '2')), 'call.json: operations[1].call: expected an integer'],
    ['return.json', corrupted((d) => (d.operations[0]!.return = 0)), 'return.json: operations[0].return: expected a time after call'],
    ['dup.json', corrupted((d) => (d.operations[1]!.id = 0)), 'dup.json: operations[1].id: duplicate id 0'],
    ['f.json', corrupted((d) => (d.operations[0]!.input = { f: 'delete' })), 'f.json: operations[0].input.f: expected "read", "write" or "cas"'],
    ['ok.json', corrupted((d) => (d.operations[1]!.output = { ok: 'yes' })), 'ok.json: operations[1].output.ok: expected true or false'],
    ['count.json', corrupted((d) => (d.num_operations = 5)), 'count.json: num_operations: is 5 but operations has 2 entries'],
    ['expected.json', corrupted((d) => (d.expected = 'yes')), 'expected.json: expected: expected "linearizable" or "not linearizable"'],
    ['status.json', corrupted((d) => (d.operations[0]!.status = 'crashed')), 'status.json: operations[0].status: expected "ok", "fail" or "info"'],
  ];
  for (const [name, text, message] of cases) {
    it(`rejects ${name} with one line naming the field`, () => {
      const got = errorFor(name, text);
      expect(got.startsWith(message)).toBe(true);
      expect(got).not.toContain('\n');
    });
  }

  it('names a missing file', () => {
    expect(() => readHistoryFile(join(dir, 'absent.json'))).toThrow('absent.json: cannot read file (ENOENT)');
  });

  it('validates kv inputs and outputs', () => {
    const doc = {
      format: 'linearizability-history/v1',
      model: 'kv',
      initial_value: '',
      operations: [{ id: 0, client: 0, call: 0, return: 1, input: { f: 'get', key: 'k' }, output: { value: 3 } }],
    };
    expect(() => parseHistory(doc, 'kv.json')).toThrow('kv.json: operations[0].output.value: expected a string');
  });
});
