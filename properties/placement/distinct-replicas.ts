import type { Judgement } from '../../src/core/model.ts';

/**
 * N distinct physical replicas: every key's preference list names `min(replicas, machines)`
 * different machines, so that losing one machine never loses every copy of a key.
 * `lists` holds each key's preference list, as machine names, in the order of `keys`.
 */
export function distinctReplicas(keys: readonly string[], lists: readonly (readonly string[])[], replicas: number, machines: number): Judgement {
  const wanted = Math.min(replicas, machines);
  for (let index = 0; index < keys.length; index++) {
    const list = lists[index] ?? [];
    const distinct = new Set(list).size;
    if (distinct < wanted) return `${keys[index]} is replicated on [${list.join(', ')}]: ${distinct} distinct machine${distinct === 1 ? '' : 's'}, ${wanted} wanted`;
  }
  return true;
}
