/**
 * Which analyzer a file gets, decided from its path alone (oxlint's habit: skip before reading
 * where the name says enough).
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { JS_EXTENSIONS } from '../js/extensions.js';
import { languageOfName, languageOfShebang, type LanguageKind } from '../lang/files.js';

/** Component formats whose `<script>` blocks hold JS/TS (read out by src/scan/embedded-code.ts). */
export const COMPONENT_EXTENSIONS = ['.vue', '.svelte', '.astro'] as const;
/** The Jupyter notebook extension (its code cells are read out by src/scan/embedded-code.ts). */
export const NOTEBOOK_EXTENSION = '.ipynb';

/**
 * The kinds of file the scanner tells apart. `text` is any other text file (markers only);
 * `prose` is documentation (token marker only: docs name paths and ids to explain them);
 * `binary` is skipped without being read.
 */
export type FileKind =
  | 'js'
  | 'python'
  | LanguageKind
  | 'package-json'
  | 'dotenv'
  | 'dockerfile'
  | 'compose'
  | 'workflow'
  | 'prose'
  | 'text'
  | 'binary';

const JS = new Set<string>(JS_EXTENSIONS);
const PROSE = new Set(['.md', '.mdx', '.markdown', '.rst', '.txt', '.adoc']);
/** Extensions of files that are never text. Content sniffing catches the rest. */
const BINARY = new Set(
  ('.png .jpg .jpeg .gif .webp .ico .icns .bmp .tiff .avif .psd .pdf .zip .gz .tgz .bz2 .xz .zst .7z .rar .jar ' +
    '.war .whl .egg .woff .woff2 .ttf .otf .eot .mp3 .mp4 .m4a .wav .ogg .webm .mov .avi .so .dylib .dll .exe ' +
    '.bin .o .a .class .pyc .pyo .wasm .node .sqlite .db .DS_Store .keystore .jks .p12 .pfx').split(' '),
);

/** The extension of a file name, lower-cased, with its dot (`.ts`), or '' when it has none. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * Classifies a file by its path relative to its repository ({@link repositoryPrefixOf}).
 *
 * @param relativePath - `/`-separated path relative to the repository's root
 */
export function classify(relativePath: string): FileKind {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  const extension = extensionOf(name);
  // Components and notebooks hold their code inside markup or JSON: src/scan/embedded-code.ts reads it out.
  if (JS.has(extension) || (COMPONENT_EXTENSIONS as readonly string[]).includes(extension)) return 'js';
  if (extension === '.py' || extension === '.pyi' || extension === '.pyw' || extension === NOTEBOOK_EXTENSION) return 'python';
  const language = languageOfName(name, extension);
  if (language) return language;
  if (name === 'package.json') return 'package-json';
  if (lower === '.env' || lower.startsWith('.env.') || extension === '.env') return 'dotenv';
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.startsWith('dockerfile.') || extension === '.dockerfile') {
    return 'dockerfile';
  }
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower)) return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(relativePath)) return 'workflow';
  if (PROSE.has(extension)) return 'prose';
  if (BINARY.has(extension) || BINARY.has(name)) return 'binary';
  return 'text';
}

/** What marks the root of a repository or package: kinds known by their folder are decided from there. */
const REPOSITORY_MARKERS = ['.git', 'package.json'];

/**
 * The path of a scanned directory relative to its repository, as a prefix for the paths of the files
 * under it: the repository is the nearest directory at or above it that holds `.git` or
 * `package.json`. So `.github/workflows/ci.yml` is a workflow whether the scan named the repository,
 * `.github/workflows`, or the file itself, or ran from inside the folder.
 *
 * @param directory - absolute path of the scanned directory (or of a scanned file's directory)
 * @returns `''` when the directory is the repository's root or none is found above it, else the
 *   `/`-separated relative path with a trailing `/` (`.github/workflows/`)
 */
export function repositoryPrefixOf(directory: string): string {
  for (let current = directory; ; current = path.dirname(current)) {
    if (REPOSITORY_MARKERS.some((marker) => existsSync(path.join(current, marker)))) {
      const relative = path.relative(current, directory).split(path.sep).join('/');
      return relative === '' ? '' : `${relative}/`;
    }
    if (path.dirname(current) === current) return '';
  }
}

/** A first line that runs Python: `#!/usr/bin/env python3`, `#!/usr/bin/python2.7`, `#!/usr/bin/env -S uv run --script`. */
const PYTHON_SHEBANG = /^#![^\n]*(\b(python|pypy)[\d.]*\b|\buv run\b)/;

/**
 * Refines a path-based kind with the file's first line: a `text` file whose shebang runs Python is
 * `python`, whatever its extension (a Python script named `deploy.sh` is still Python); one that runs a
 * shell or Ruby is `shell` or `ruby`. Only the
 * first line is looked at.
 *
 * @param kind - from {@link classify}
 * @param text - the decoded text
 */
export function classifyContent(kind: FileKind, text: string): FileKind {
  // A `.sh` name says shell, but the shebang decides what runs: a Python script named `deploy.sh` is Python.
  if ((kind !== 'text' && kind !== 'shell') || !text.startsWith('#!')) return kind;
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  if (PYTHON_SHEBANG.test(first)) return 'python';
  return kind === 'text' ? (languageOfShebang(first) ?? kind) : kind;
}

/**
 * Tells whether a JS/TS file is a TypeScript declaration file (`.d.ts`, `.d.mts`, `.d.cts`): types
 * only, no code that runs, so the scanner gives it the text markers and never a parse. Generated
 * declarations are often large (an SDK's `.d.ts` can be 1 MB).
 *
 * @param relativePath - `/`-separated path
 */
export function isDeclarationFile(relativePath: string): boolean {
  return /\.d\.[cm]?ts$/i.test(relativePath);
}
