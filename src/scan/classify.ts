/**
 * Which analyzer a file gets, decided from its path alone (oxlint's habit: skip before reading
 * where the name says enough).
 *
 * @packageDocumentation
 */
import { JS_EXTENSIONS } from '../js/extensions.js';
import { languageOfName, languageOfShebang, type LanguageKind } from '../lang/files.js';

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
 * Classifies a file by its path relative to the scan root.
 *
 * @param relativePath - `/`-separated path relative to the scan root
 */
export function classify(relativePath: string): FileKind {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  const extension = extensionOf(name);
  if (JS.has(extension)) return 'js';
  if (extension === '.py' || extension === '.pyi') return 'python';
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

/** A first line that runs Python: `#!/usr/bin/env python3`, `#!/usr/bin/python2.7`, `#!/usr/bin/env -S uv run --script`. */
const PYTHON_SHEBANG = /^#![^\n]*(\b(python|pypy)[\d.]*\b|\buv run\b)/;

/**
 * Refines a path-based kind with the file's first line: an extension-less `text` file whose
 * shebang runs Python is `python`, one that runs a shell or Ruby is `shell` or `ruby`. Only the
 * first line is looked at.
 *
 * @param kind - from {@link classify}
 * @param relativePath - `/`-separated path relative to the scan root
 * @param text - the decoded text
 */
export function classifyContent(kind: FileKind, relativePath: string, text: string): FileKind {
  if (kind !== 'text' || !text.startsWith('#!')) return kind;
  if (extensionOf(relativePath.slice(relativePath.lastIndexOf('/') + 1)) !== '') return kind;
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  return PYTHON_SHEBANG.test(first) ? 'python' : (languageOfShebang(first) ?? kind);
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
