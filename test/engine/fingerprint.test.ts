import { describe, expect, it } from 'vitest';
import { fingerprintEncoding, fingerprintHex, fp } from '../../src/core/fingerprint.ts';
import { FingerprintTable } from '../../src/core/fingerprint-table.ts';

describe('structural fingerprints', () => {
  it('ignore the insertion order of object keys', () => {
    const a = { x: 1, y: [1, 2], z: { p: 'q', r: null } };
    const b = { z: { r: null, p: 'q' }, y: [1, 2], x: 1 };

    expect(fingerprintHex(a)).toBe(fingerprintHex(b));
  });

  it('ignore the insertion order of Map entries and Set members', () => {
    const mapA = new Map<unknown, unknown>([['a', 1], [2, 'b'], ['c', [3]]]);
    const mapB = new Map<unknown, unknown>([['c', [3]], ['a', 1], [2, 'b']]);
    const setA = new Set<unknown>([1, 'two', { three: 3 }]);
    const setB = new Set<unknown>([{ three: 3 }, 1, 'two']);

    expect(fingerprintHex(mapA)).toBe(fingerprintHex(mapB));
    expect(fingerprintHex(setA)).toBe(fingerprintHex(setB));
  });

  it('depend on array order', () => {
    expect(fingerprintHex([1, 2, 3])).not.toBe(fingerprintHex([3, 2, 1]));
    expect(fingerprintHex({ log: ['a', 'b'] })).not.toBe(fingerprintHex({ log: ['b', 'a'] }));
  });

  it('depend on value types: 1 vs "1", null vs undefined, 0 vs false, [] vs {}', () => {
    expect(fingerprintHex(1)).not.toBe(fingerprintHex('1'));
    expect(fingerprintHex({ v: 1 })).not.toBe(fingerprintHex({ v: '1' }));
    expect(fingerprintHex(null)).not.toBe(fingerprintHex(undefined));
    expect(fingerprintHex({ v: null })).not.toBe(fingerprintHex({ v: undefined }));
    expect(fingerprintHex(0)).not.toBe(fingerprintHex(false));
    expect(fingerprintHex([])).not.toBe(fingerprintHex({}));
    expect(fingerprintHex(new Set([1]))).not.toBe(fingerprintHex([1]));
  });

  it('tell apart keys and values that swap places', () => {
    expect(fingerprintHex({ a: 'b' })).not.toBe(fingerprintHex({ b: 'a' }));
    expect(fingerprintHex(new Map([[1, 2]]))).not.toBe(fingerprintHex(new Map([[2, 1]])));
  });

  it('depend on object keys, not only on the values', () => {
    expect(fingerprintHex({ a: 1 })).not.toBe(fingerprintHex({ b: 1 }));
    expect(fingerprintHex({ leader: 'n1', term: 2 })).not.toBe(fingerprintHex({ owner: 'n1', term: 2 }));
    expect(fingerprintHex({ x: 1, y: 2 })).not.toBe(fingerprintHex({ x: 2, y: 1 }));
  });

  it('depend on Map keys, not only on the values', () => {
    expect(fingerprintHex(new Map([['a', 1]]))).not.toBe(fingerprintHex(new Map([['b', 1]])));
    expect(fingerprintHex(new Map([[1, 'x']]))).not.toBe(fingerprintHex(new Map([[2, 'x']])));
    // The same keys and the same values, paired differently.
    expect(fingerprintHex(new Map([[1, 'a'], [2, 'b']]))).not.toBe(fingerprintHex(new Map([[1, 'b'], [2, 'a']])));
  });

  it('a numeric encoding is an exact key: its two 32-bit halves', () => {
    fingerprintEncoding(2 ** 40 + 7);

    expect([fp.hi, fp.lo]).toEqual([256, 7]);
    expect(() => fingerprintEncoding(-1)).toThrow(/non-negative safe integer/);
    expect(() => fingerprintEncoding(1.5)).toThrow(/non-negative safe integer/);
  });
});

describe('FingerprintTable', () => {
  it('keeps every key, with its value, through each growth (the last slot included)', () => {
    // 5000 keys from 16 slots: nine doublings, each rehashing a full table whose last slot is
    // taken at some point (the table is 70% full when it grows).
    const table = new FingerprintTable(16, true);
    const hiOf = (i: number) => Math.imul(i, 0x2545f491) >>> 0;
    const loOf = (i: number) => Math.imul(i ^ 0x5bd1e995, 0x9e3779b1) >>> 0;

    const lost: string[] = [];
    for (let i = 1; i <= 5000; i++) {
      table.add(hiOf(i), loOf(i), i);
      if ((i & (i - 1)) === 0 || i === 5000) {
        for (let j = 1; j <= i; j++) if (table.get(hiOf(j), loOf(j)) !== j) lost.push(`key ${j} after ${i} adds`);
      }
    }

    expect(lost).toEqual([]);
    expect(table.size).toBe(5000);
    expect(table.capacity).toBe(8192);
  });

  it('adds, finds and keeps values, the all-zero key included', () => {
    const table = new FingerprintTable(16, true);

    expect(table.add(0, 0, 5)).toBe(true);
    expect(table.add(0, 0, 6)).toBe(false);
    expect(table.add(1, 2, 7)).toBe(true);
    expect(table.set(1, 2, 3)).toBe(true);

    expect(table.size).toBe(2);
    expect(table.get(0, 0)).toBe(5);
    expect(table.get(1, 2)).toBe(3);
    expect(table.has(2, 1)).toBe(false);
    expect(table.get(2, 1)).toBeUndefined();
    expect(table.set(2, 1, 9)).toBe(false);
  });

  it('grows past 2^24 entries (V8’s Set limit): size, present and absent keys', () => {
    const n = 2 ** 24 + 100_000;
    const table = new FingerprintTable();
    // Synthetic fingerprints: key i is (i * odd constant, i), distinct for distinct i.
    const hiOf = (i: number) => Math.imul(i, 0x9e3779b1) >>> 0;

    let added = 0;
    for (let i = 1; i <= n; i++) if (table.add(hiOf(i), i)) added++;

    expect(added).toBe(n);
    expect(table.size).toBe(n);
    expect(table.capacity).toBeGreaterThan(2 ** 24);
    for (const i of [1, 2, 1_000_000, 2 ** 24, 2 ** 24 + 1, n - 1, n]) expect(table.has(hiOf(i), i)).toBe(true);
    for (const i of [n + 1, n + 2, 2 ** 26, 4_000_000_000]) expect(table.has(hiOf(i), i)).toBe(false);
    expect(table.has(hiOf(5) ^ 1, 5)).toBe(false);
    expect(table.add(hiOf(12_345), 12_345)).toBe(false);
    expect(table.size).toBe(n);
  }, 600_000);
});
