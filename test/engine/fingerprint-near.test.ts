import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintBase, fingerprintHex, fingerprintNear, fp } from '../../src/core/fingerprint.ts';

/** `fingerprintNear(value)` after `fingerprintBase(base)`, as hex. */
function nearHex(base: unknown, value: unknown): string {
  fingerprintBase(base);
  fingerprintNear(value);
  return fp.hi.toString(16).padStart(8, '0') + fp.lo.toString(16).padStart(8, '0');
}

/** Plain data, with the values that hash apart although close: -0 and 0, NaN, Maps, Sets, undefined. */
const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(0, -0, 1, Number.NaN, 2.5, 'a', 'b', '', true, false, null, undefined, 3n),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('k', 'l', 'm', 'n'), tie('value'), { maxKeys: 4 }),
    fc.array(fc.tuple(fc.constantFrom(1, 2, 'x'), tie('value')), { maxLength: 3 }).map((entries) => new Map(entries)),
    fc.array(fc.constantFrom(1, 2, 'x', -0), { maxLength: 3 }).map((members) => new Set(members)),
  ),
})).value;

/** One step of a model: the value with a part replaced, an element removed or inserted, or a key added or dropped, sharing the rest. */
type Edit = { readonly path: readonly number[]; readonly kind: 'replace' | 'remove' | 'insert' | 'reorder'; readonly with: unknown };

function applyEdit(value: unknown, path: readonly number[], edit: Edit): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Map || value instanceof Set) return edit.with;
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? (value as unknown[]).map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0 || path.length === 0) {
    if (edit.kind === 'replace') return edit.with;
    if (isArray) return edit.kind === 'insert' ? [edit.with, ...(value as unknown[])] : [...(value as unknown[])].reverse();
    return edit.kind === 'insert' ? { ...value, extra: edit.with } : Object.fromEntries(entries.reverse());
  }
  const at = path[0]! % entries.length;
  if (path.length === 1 && edit.kind === 'remove') {
    const kept = entries.filter((_, i) => i !== at);
    return isArray ? kept.map(([, v]) => v) : Object.fromEntries(kept);
  }
  const changed = entries.map(([k, v], i): [string, unknown] => [k, i === at ? applyEdit(v, path.slice(1), edit) : v]);
  return isArray ? changed.map(([, v]) => v) : Object.fromEntries(changed);
}

const edit = fc.record({
  path: fc.array(fc.nat(4), { maxLength: 4 }),
  kind: fc.constantFrom('replace', 'remove', 'insert', 'reorder'),
  with: data,
}) as fc.Arbitrary<Edit>;

describe('fingerprints near a base', () => {
  it('equal the whole fingerprint for any value edited from the base, sharing its unchanged parts', () => {
    fc.assert(
      fc.property(data, fc.array(edit, { minLength: 1, maxLength: 3 }), (base, edits) => {
        let value: unknown = base;
        for (const e of edits) value = applyEdit(value, e.path, e);
        expect(nearHex(base, value)).toBe(fingerprintHex(value));
        // The base's own fingerprint is the whole one too.
        fingerprintBase(base);
        const baseHex = fp.hi.toString(16).padStart(8, '0') + fp.lo.toString(16).padStart(8, '0');
        expect(baseHex).toBe(fingerprintHex(base));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('tell -0 from 0 and keep NaN equal to itself where the base shares the part', () => {
    const base = { a: [0, 1], b: Number.NaN, c: { d: 0 } };
    expect(nearHex(base, { a: [-0, 1], b: base.b, c: base.c })).toBe(fingerprintHex({ a: [-0, 1], b: Number.NaN, c: { d: 0 } }));
    expect(nearHex(base, { ...base, c: { d: -0 } })).not.toBe(nearHex(base, base));
    expect(nearHex(base, { ...base })).toBe(fingerprintHex(base));
  });

  it('follow an array with an element removed, inserted or replaced', () => {
    const parts = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    const base = { net: parts, nodes: [parts[0], parts[1]] };
    for (const net of [parts.slice(1), [parts[0], parts[2], parts[3]], [{ n: 0 }, ...parts], [parts[0], { n: 9 }, parts[2], parts[3]], [...parts, { n: 5 }]]) {
      expect(nearHex(base, { ...base, net })).toBe(fingerprintHex({ ...base, net }));
    }
  });

  it('is the whole fingerprint when values and base have nothing in common', () => {
    expect(nearHex({ x: [1, 2] }, new Map([[1, 2]]))).toBe(fingerprintHex(new Map([[1, 2]])));
    expect(nearHex([1, 2], { 0: 1, 1: 2 })).toBe(fingerprintHex({ 0: 1, 1: 2 }));
    expect(nearHex('text', 'text')).toBe(fingerprintHex('text'));
  });
});
