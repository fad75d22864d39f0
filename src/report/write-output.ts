/**
 * Writing the files the CLI creates (`-o` reports, `--write-baseline`) without letting the scanned
 * tree redirect them: a repository can ship a symbolic link where the report is to go (a file, or a
 * directory on the way to it), or a named pipe that would block the write for ever. A link is never
 * followed: the last component is opened with `O_NOFOLLOW`, the directories on the way from the
 * working directory are checked with `lstat` (and created as real directories), and anything but a
 * regular file is refused. The content is written as data; nothing in it is ever run.
 *
 * @packageDocumentation
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { displayText } from './display-safe.js';

/** A report or baseline that was not written, and why (one line): the CLI prints it and exits 2. */
export class OutputRefused extends Error {
  override name = 'OutputRefused';
}

/** `O_NOFOLLOW` and `O_NONBLOCK` where the platform has them (not on Windows, where links need privileges). */
const OPEN_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Makes the directories of `target` that are missing, refusing a symbolic link or a non-directory on
 * the way. Only the part below `cwd` is checked: the directories above it are the user's own.
 */
function makeParentDirectories(cwd: string, target: string, shown: string): void {
  const relative = path.relative(cwd, path.dirname(target));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  if (!inside) {
    mkdirSync(path.dirname(target), { recursive: true });
    return;
  }
  let directory = cwd;
  for (const part of relative.split(path.sep)) {
    directory = path.join(directory, part);
    const stats = lstatSync(directory, { throwIfNoEntry: false });
    if (stats === undefined) mkdirSync(directory);
    else if (stats.isSymbolicLink()) throw new OutputRefused(`Not writing ${shown}: ${displayText(path.relative(cwd, directory))} is a symbolic link.`);
    else if (!stats.isDirectory()) throw new OutputRefused(`Not writing ${shown}: ${displayText(path.relative(cwd, directory))} is not a directory.`);
  }
}

/**
 * Writes `text` to `file` (relative to `cwd`), creating or truncating it, unless a symbolic link, a
 * named pipe, a device or a directory stands there or on the way.
 *
 * @param cwd - the working directory (absolute)
 * @param file - the path given on the command line
 * @param text - what to write (UTF-8)
 * @throws OutputRefused when the target is refused or cannot be written (the error code says why)
 */
export function writeOutputFile(cwd: string, file: string, text: string): void {
  const target = path.resolve(cwd, file);
  const shown = displayText(file);
  try {
    makeParentDirectories(cwd, target, shown);
  } catch (error) {
    if (error instanceof OutputRefused) throw error;
    throw new OutputRefused(`Cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const existing = lstatSync(target, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) throw new OutputRefused(`Not writing ${shown}: it is a symbolic link.`);
  if (existing && !existing.isFile()) throw new OutputRefused(`Not writing ${shown}: it is not a regular file.`);
  let descriptor: number;
  try {
    // O_NOFOLLOW closes the gap between the lstat and the open; O_NONBLOCK keeps a pipe swapped in meanwhile from blocking.
    descriptor = openSync(target, OPEN_FLAGS, 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputRefused(`Cannot write ${shown} (${code === 'ELOOP' ? 'a symbolic link' : code}).`);
  }
  try {
    if (!fstatSync(descriptor).isFile()) throw new OutputRefused(`Not writing ${shown}: it is not a regular file.`);
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
  } finally {
    closeSync(descriptor);
  }
}
