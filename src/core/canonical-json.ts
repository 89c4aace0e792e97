/**
 * JSON with object keys sorted, so that structurally equal values give the same text whatever
 * order their keys were set in. Maps become objects, Sets arrays, bigints strings (`12n`); a value
 * JSON cannot hold at the top (undefined) is the text `undefined`.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x]));
      if (v instanceof Set) return [...v];
      if (typeof v === 'bigint') return `${v}n`;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
      }
      return v;
    }) ?? 'undefined'
  );
}
