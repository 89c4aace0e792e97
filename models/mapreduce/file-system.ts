import { defineRole } from '../../src/system/index.ts';
import type { JobMessage } from './messages.ts';

/** The shared file system (GFS in the paper): the final output files, one per reduce task (null: absent). It does not fail. */
export interface FileSystemState {
  readonly files: readonly (readonly string[] | null)[];
}

/** The file system for `reduces` output files. */
export function fileSystem(reduces: number) {
  const write = (state: FileSystemState, reduce: number, lines: readonly string[]): FileSystemState => ({ files: state.files.map((file, index) => (index === reduce ? lines : file)) });
  return defineRole<FileSystemState, JobMessage, never, never, never>({
    init: () => ({ files: Array.from({ length: reduces }, () => null) }),
    durable: ['files'],
    on: {
      // A rename is atomic: the final file is the whole temporary file, whichever execution renamed last.
      Rename(state, msg, from, ctx) {
        ctx.send(from, { type: 'Written', reduce: msg.reduce });
        return write(state, msg.reduce, msg.lines);
      },
      Append(state, msg, from, ctx) {
        ctx.send(from, { type: 'Written', reduce: msg.reduce });
        return write(state, msg.reduce, [...(state.files[msg.reduce] ?? []), ...msg.lines]);
      },
    },
    describe: (state) => state.files.map((file, index) => `mr-out-${index}: ${file === null ? 'absent' : file.join(', ') || '(empty)'}`).join('; '),
  });
}
