/**
 * The jobs: word count and an inverted index over a small input whose splits share a word,
 * partitioned over the reduce tasks by the first letter (hash(key) mod R), and the output of
 * their sequential runs.
 */

/** The input splits, documents d0 and d1 by number of map tasks: `b` is in both, so its counts add up. */
export const SPLITS: readonly (readonly string[])[] = [['a', 'b'], ['b']];

/** An intermediate pair, written `key value` (`b 1` in word count, `b d0` in the index). */
export type Pair = string;

/** A map function and a reduce function. */
export interface Application {
  /** The pairs one execution of map task `index` emits for its split; `attempt` numbers the execution. */
  map(split: readonly string[], index: number, attempt: number): readonly Pair[];
  /** The output line of one key, from all its values. */
  reduce(key: string, values: readonly string[]): string;
  /** How many different outputs the executions of a map task over `split` can have: 1 for a deterministic function. */
  executions(split: readonly string[]): number;
}

/** The applications, by name. */
export const APPLICATIONS = {
  /** Word count: (word, 1) per word; the count of each word. */
  'word-count': {
    map: (split) => split.map((word) => `${word} 1`),
    reduce: (key, values) => `${key} ${values.length}`,
    executions: () => 1,
  },
  /**
   * Word count over a sample: the map keeps one word, drawn afresh on every execution (the attempt
   * number stands for the random draw), so two executions of one map task differ.
   */
  'sampling-word-count': {
    map: (split, _index, attempt) => [`${split[(attempt - 1) % split.length]!} 1`],
    reduce: (key, values) => `${key} ${values.length}`,
    executions: (split) => split.length,
  },
  /** Inverted index (the lab's indexer): (word, document) per word; the sorted documents of each word. */
  indexer: {
    map: (split, index) => split.map((word) => `${word} d${index}`),
    reduce: (key, values) => `${key} ${[...new Set(values)].sort().join(',')}`,
    executions: () => 1,
  },
} as const satisfies Record<string, Application>;

/** The name of an application. */
export type ApplicationName = keyof typeof APPLICATIONS;

const keyOf = (pair: Pair) => pair.slice(0, pair.indexOf(' '));

/** The reduce task a key goes to. */
export const partitionOf = (key: string, reduces: number) => (key.charCodeAt(0) - 'a'.charCodeAt(0)) % reduces;

/** Intermediate files of one map execution: the pairs for each reduce task. */
export const partitionPairs = (pairs: readonly Pair[], reduces: number): Pair[][] =>
  Array.from({ length: reduces }, (_, reduce) => pairs.filter((pair) => partitionOf(keyOf(pair), reduces) === reduce));

/** A reduce task's output: one line per key, in key order. */
export function reduceAll(application: Application, pairs: readonly Pair[]): string[] {
  const values = new Map<string, string[]>();
  for (const pair of pairs) values.set(keyOf(pair), [...(values.get(keyOf(pair)) ?? []), pair.slice(pair.indexOf(' ') + 1)]);
  return [...values.keys()].sort().map((key) => application.reduce(key, values.get(key)!));
}

/** Every output one sequential run of the job can write, file by file: one per combination of the map tasks' executions. */
export function sequentialRuns(application: Application, maps: number, reduces: number): string[][][] {
  let runs: Pair[][] = [[]];
  SPLITS.slice(0, maps).forEach((split, index) => {
    const attempts = Array.from({ length: application.executions(split) }, (_, at) => at + 1);
    runs = runs.flatMap((emitted) => attempts.map((attempt) => [...emitted, ...application.map(split, index, attempt)]));
  });
  return runs.map((pairs) => partitionPairs(pairs, reduces).map((file) => reduceAll(application, file)));
}
