import type { Property } from '../../src/core/model.ts';

/** The output files of a job, by index: each a list of lines, or null while it does not exist. */
export type OutputFiles = readonly (readonly string[] | null)[];

/** Options of {@link matchesSequentialRun}. */
export interface SequentialOutputOptions<St> {
  readonly name?: string;
  readonly description?: string;
  /** The output files committed in a state (null: not written yet). */
  committed(state: St): OutputFiles;
  /**
   * Every output a single sequential execution of the job can produce: one entry for a
   * deterministic job, one per choice of a nondeterministic function.
   */
  readonly runs: readonly (readonly (readonly string[])[])[];
  /** A file's name in messages. Default: `out-<index>`. */
  fileName?(index: number): string;
}

const show = (lines: readonly string[]) => (lines.length === 0 ? '(empty)' : lines.join(', '));

/**
 * The committed output agrees with one sequential execution: every file written so far equals
 * that file of a single run (MapReduce's guarantee for deterministic functions; for
 * nondeterministic ones, the guarantee the paper does not give). Judged in every state, so a
 * wrong file is caught as soon as it is committed; that every file is written at the end is
 * a liveness question (see the job's own `eventually` property).
 */
export function matchesSequentialRun<St>(options: SequentialOutputOptions<St>): Property<St> {
  const fileName = options.fileName ?? ((index: number) => `out-${index}`);
  const agrees = (files: OutputFiles, run: readonly (readonly string[])[]) =>
    files.every((file, index) => file === null || (file.length === run[index]!.length && file.every((line, at) => line === run[index]![at])));
  return {
    name: options.name ?? 'sequential-output',
    kind: 'always',
    description: options.description ?? 'every committed output file equals that file of one sequential run',
    check(state) {
      const files = options.committed(state);
      if (options.runs.some((run) => agrees(files, run))) return true;
      const written = files.flatMap((file, index) => (file === null ? [] : [`${fileName(index)} holds ${show(file)}`]));
      const runs = options.runs.map((run) => run.map((lines, index) => `${fileName(index)}: ${show(lines)}`).join('; '));
      return `${written.join('; ')}, but ${runs.length === 1 ? `the sequential run writes ${runs[0]}` : `no single sequential run writes that (they write ${runs.join(' or ')})`}`;
    },
  };
}
