import { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.ts';

/**
 * Saving files so that a reader never sees half of one: the text goes to a temporary file in the
 * same folder, is flushed to the disk, and is renamed over the target (a rename within one file
 * system is atomic). Two runs saving one file leave one of the two whole; a run killed while
 * saving leaves the previous file as it was. A target that is not a regular file (a device such
 * as `/dev/full`, a pipe) cannot be replaced by a rename and is written in place.
 */

/** A file that could not be written: one line naming the path and the reason (exit 2). */
export class WriteError extends UsageError {
  /** The file-system error underneath. */
  override readonly cause: unknown;

  constructor(path: string, error: unknown) {
    super(`cannot write ${path}: ${describeFsError(error)}`);
    this.name = 'WriteError';
    this.cause = error;
  }
}

/** A file-system error as a few words and its code (`no space left on device (ENOSPC)`). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOENT: 'no such file or folder',
    ENAMETOOLONG: 'name too long',
    EIO: 'input/output error',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}

let sequence = 0;

/**
 * Writes `text` to `path` atomically (see above), creating its folder. Throws {@link WriteError};
 * on failure the temporary file is removed and the target is untouched.
 */
export function writeFileAtomic(path: string, text: string): void {
  try {
    if (isSpecialFile(path)) return writeInPlace(path, text);
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new WriteError(path, error);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${++sequence}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', 0o644);
    writeAll(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(temporary);
    throw new WriteError(path, error);
  }
  syncFolder(dirname(path));
}

/**
 * Checks, before any work, that `path` can be written: not empty, not a folder, not below a file,
 * in a folder (existing, or to be created below an existing one) this process may write to.
 * Throws a {@link UsageError} naming the option and the path.
 */
export function checkWritable(path: string, option: string): void {
  const fail = (why: string) => new UsageError(`${option} ${JSON.stringify(path)}: ${why}`);
  if (path === '') throw fail('empty path');
  if (path.endsWith('/')) throw fail('names a folder; give a file name');
  const existing = statOrUndefined(path);
  if (existing?.isDirectory()) throw fail('is a directory');
  if (existing && !existing.isFile()) return; // a device or a pipe: written in place
  let folder = dirname(resolve(path));
  let stat = statOrUndefined(folder);
  while (stat === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    stat = statOrUndefined(folder);
  }
  if (stat && !stat.isDirectory()) throw fail(`${folder} is a file, not a folder`);
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    if (existing) accessSync(path, constants.W_OK);
  } catch (error) {
    throw fail(describeFsError(error));
  }
}

function isSpecialFile(path: string): boolean {
  const stat = statOrUndefined(path);
  return stat !== undefined && !stat.isFile() && !stat.isDirectory();
}

function writeInPlace(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, text);
  } finally {
    closeQuietly(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Makes the rename durable; some file systems refuse to sync a folder, which is not an error here. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/** The file's status, or undefined when it does not exist or cannot be read (a dangling link). */
export function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already failing
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created
  }
}
