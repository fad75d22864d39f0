/**
 * Which files are written in a language of src/lang: by extension or well-known name, and, for
 * scripts without an extension, by the interpreter their first line runs.
 *
 * @packageDocumentation
 */

/** The file kinds of src/lang. */
export type LanguageKind = 'go' | 'ruby' | 'shell' | 'rust' | 'swift';

/** Extensions (lower case, with the dot) of each language. zsh and ksh are read with the bash grammar. */
const EXTENSIONS: Readonly<Record<string, LanguageKind>> = {
  '.go': 'go',
  '.rb': 'ruby',
  '.rake': 'ruby',
  '.gemspec': 'ruby',
  '.ru': 'ruby',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.ksh': 'shell',
  '.command': 'shell',
  '.rs': 'rust',
  '.swift': 'swift',
};
/** Extension-less files with a fixed name. */
const NAMES: Readonly<Record<string, LanguageKind>> = { Gemfile: 'ruby', Rakefile: 'ruby', Guardfile: 'ruby', '.bashrc': 'shell', '.zshrc': 'shell', '.profile': 'shell', '.bash_profile': 'shell' };
/** A first line that runs a shell (`#!/bin/bash`, `#!/usr/bin/env zsh`) or Ruby. */
const SHEBANG = /^#!\S*?(?:\/env(?:\s+-\S+)*\s+)?\S*?\b(bash|sh|zsh|ksh|dash|ruby)\b/;

/**
 * The language of a file by its name.
 *
 * @param name - the file name (no directory)
 * @param extension - its extension, lower case with the dot, or ''
 */
export function languageOfName(name: string, extension: string): LanguageKind | undefined {
  return EXTENSIONS[extension] ?? NAMES[name];
}

/**
 * The language a shebang line runs, if it is one of src/lang's.
 *
 * @param firstLine - the file's first line
 */
export function languageOfShebang(firstLine: string): LanguageKind | undefined {
  // A shebang is short (the kernel reads 256 bytes of it); the pattern is polynomial on longer lines.
  const interpreter = SHEBANG.exec(firstLine.slice(0, 256))?.[1];
  if (interpreter === undefined) return undefined;
  return interpreter === 'ruby' ? 'ruby' : 'shell';
}
