/**
 * The job: word count over a small input whose splits share words, partitioned over the
 * reduce tasks by the first letter (hash(word) mod R), and its sequential runs.
 */

/** The input splits, by number of map tasks: `b` is in both splits of two, so its counts add up. */
export const SPLITS: readonly (readonly string[])[] = [['a', 'b'], ['b']];

/** The reduce task a word goes to. */
export const partitionOf = (word: string, reduces: number) => (word.charCodeAt(0) - 'a'.charCodeAt(0)) % reduces;

/**
 * A map function: the words of a split it emits (each as the pair (word, 1)). Word count emits
 * every word; the sampling one keeps one word, drawn afresh on every execution (here the
 * attempt number stands for the random draw).
 */
export type MapFunction = (split: readonly string[], attempt: number) => readonly string[];

export const wordCountMap: MapFunction = (split) => split;
export const samplingMap: MapFunction = (split, attempt) => [split[(attempt - 1) % split.length]!];

/** Intermediate files of one map execution: the words for each reduce task. */
export const partitionWords = (words: readonly string[], reduces: number): string[][] =>
  Array.from({ length: reduces }, (_, reduce) => words.filter((word) => partitionOf(word, reduces) === reduce));

/** The reduce function of word count: one sorted line `word count` per distinct word. */
export function reduceWords(words: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.keys()].sort().map((word) => `${word} ${counts.get(word)}`);
}

/**
 * Every output one sequential run of the job can write, file by file: one run for word count;
 * for the sampling map, one per combination of draws (each split's draw is one of its words).
 */
export function sequentialRuns(maps: number, reduces: number, sampling: boolean): string[][][] {
  const splits = SPLITS.slice(0, maps);
  let draws: string[][] = [[]];
  for (const split of splits) draws = draws.flatMap((emitted) => (sampling ? split.map((word) => [...emitted, word]) : [[...emitted, ...split]]));
  return draws.map((words) => partitionWords(words, reduces).map(reduceWords));
}
