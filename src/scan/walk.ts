/**
 * The walk: every file under a directory that a scan should read, streamed so that memory stays
 * flat on large trees.
 *
 * @packageDocumentation
 */
import type { Stats } from 'node:fs';

/**
 * Directories never walked: dependencies, VCS data, build output and caches. `.gitignore` usually
 * says the same; these hold even without one.
 */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.hg/**',
  '**/.svn/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.svelte-kit/**',
  '**/.output/**',
  '**/.turbo/**',
  '**/.cache/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/.tox/**',
];

/** The scanner's own ignore file, in gitignore syntax; honoured in every walked directory. */
export const IGNORE_FILE_NAME = '.claude-auth-lintignore';

/** One file found by the walk. */
export interface WalkEntry {
  /** `/`-separated path relative to the walked directory. */
  path: string;
  /** Size in bytes. */
  size: number;
}

/** How to walk. */
export interface WalkOptions {
  /** Honour `.gitignore` files (default true). */
  gitignore?: boolean;
  /** More glob patterns to leave out, relative to the walked directory. */
  ignore?: readonly string[];
}

/**
 * Streams the files under `directory`: dot files included (`.env`, `.github/`), `.gitignore` and
 * {@link IGNORE_FILE_NAME} files honoured, {@link DEFAULT_IGNORES} left out. Symbolic links are never followed, to files or
 * directories, so the walk cannot leave the tree or loop.
 *
 * @param directory - absolute path of the directory to walk
 */
export async function* walk(directory: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  // Loaded here, not at start-up: `--version` and `--help` never walk (~40 ms).
  const { globbyStream } = await import('globby');
  const stream = globbyStream('**/*', {
    cwd: directory,
    dot: true,
    gitignore: options.gitignore ?? true,
    ignoreFiles: `**/${IGNORE_FILE_NAME}`,
    ignore: [...DEFAULT_IGNORES, ...(options.ignore ?? [])],
    followSymbolicLinks: false,
    onlyFiles: true,
    objectMode: true,
    stats: true,
    suppressErrors: true,
  });
  for await (const entry of stream as AsyncIterable<{ path: string; stats?: Stats }>) {
    yield { path: entry.path, size: entry.stats?.size ?? 0 };
  }
}
