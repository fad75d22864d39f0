/**
 * Where in a file a word is only talked about: comments, documentation strings, and strings that
 * are only printed or logged (help text, log lines, error messages). A marker there (a path, the
 * keychain name, a header value) names a credential; it does not use one. Only a credential value
 * itself (a real token) is a finding wherever it is.
 *
 * The built-in finders are a small lexer per comment syntax (`#`, `//` and `/* *\/`, `<!-- -->`,
 * `--`) that knows string literals, so that `"https://claude.ai/…"` or Ruby's `"#{x}"` are not taken
 * for comments. A language front end that has a real parse tree can do better: it registers its own
 * finder with {@link registerCommentRanges}, and the scanner uses it for those extensions.
 *
 * @packageDocumentation
 */

/** A stretch of text by 0-based offsets (UTF-16 code units), end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Finds the comment and prose ranges of one file's text (comments, docstrings). It must not throw
 * on any input and should be linear in the text's length.
 */
export type CommentRangeFinder = (text: string) => TextRange[];

/** The lexical shape of a family of languages, enough to tell comments from strings. */
interface CommentSyntax {
  /** Line comment openers. */
  line: readonly string[];
  /** Block comment delimiters. */
  block: readonly (readonly [string, string])[];
  /** Quote characters that open a string; a string never spans lines unless its quote is in `multiline`. */
  quotes: string;
  /** Quotes whose strings may span lines (template literals, Go raw strings). */
  multiline?: string;
  /** Triple-quoted strings (Python, Swift, Kotlin): may span lines. */
  triple?: boolean;
  /** A line comment opener counts only at the start of a line or after white space (`$#`, `${#x}` in shell). */
  lineNeedsSpace?: boolean;
  /** A triple-quoted string on a line of its own is documentation (Python docstrings). */
  docstrings?: boolean;
}

const HASH: CommentSyntax = { line: ['#'], block: [], quotes: `'"`, lineNeedsSpace: true };
const HASH_SHELL: CommentSyntax = { ...HASH, quotes: `'"\``, multiline: `'"` };
const PYTHON: CommentSyntax = { line: ['#'], block: [], quotes: `'"`, triple: true, docstrings: true };
const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: `'"\``, multiline: '`', triple: true };
/** Rust and Swift: `'` is a lifetime or a character, never a string opener that matters here. */
const C_LIKE_DOUBLE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: '"', triple: true };
const PHP: CommentSyntax = { line: ['//', '#'], block: [['/*', '*/']], quotes: `'"` };
const MARKUP: CommentSyntax = { line: [], block: [['<!--', '-->']], quotes: '' };
const DASHES: CommentSyntax = { line: ['--'], block: [], quotes: `'"` };

/** The syntax of each extension (lower case, with its dot) and of some extension-less names. */
const SYNTAX_BY_EXTENSION: Readonly<Record<string, CommentSyntax>> = Object.fromEntries([
  ...['.sh', '.bash', '.zsh', '.fish', '.ksh'].map((extension) => [extension, HASH_SHELL]),
  ...['.yml', '.yaml', '.toml', '.rb', '.rake', '.gemspec', '.pl', '.pm', '.r', '.conf', '.cfg', '.ini', '.properties', '.tf', '.hcl', '.nix', '.mk', '.cmake', '.ps1', '.env', '.dockerfile', '.cr', '.ex', '.exs', '.jl'].map(
    (extension) => [extension, HASH],
  ),
  ...['.py', '.pyi', '.pyw'].map((extension) => [extension, PYTHON]),
  ...['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx', '.go', '.java', '.kt', '.kts', '.scala', '.c', '.h', '.cc', '.cpp', '.hpp', '.cs', '.dart', '.groovy', '.gradle', '.json', '.jsonc', '.json5', '.zig', '.v', '.sol'].map(
    (extension) => [extension, C_LIKE],
  ),
  ...['.rs', '.swift'].map((extension) => [extension, C_LIKE_DOUBLE]),
  ['.php', PHP],
  ...['.html', '.htm', '.xml', '.svg', '.vue', '.md', '.mdx', '.markdown'].map((extension) => [extension, MARKUP]),
  ...['.sql', '.lua', '.hs', '.elm'].map((extension) => [extension, DASHES]),
]);

/** Names without a telling extension: `Dockerfile`, `Makefile`, `.env.local`, `Gemfile`. */
function syntaxOfName(name: string): CommentSyntax | undefined {
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower === 'containerfile') return HASH;
  if (lower === '.env' || lower.startsWith('.env.') || lower === 'makefile' || lower === 'gemfile' || lower === 'rakefile' || lower === 'procfile') return HASH;
  if (lower.startsWith('.') && !lower.slice(1).includes('.')) return HASH_SHELL;
  return undefined;
}

/** Finders registered by language front ends, by extension (lower case, with its dot). */
const registeredFinders = new Map<string, CommentRangeFinder>();

/**
 * Lets a language front end supply the comment and prose ranges of its files (from its parse
 * tree, e.g. tree-sitter `comment` nodes and docstrings), in place of the built-in lexer. The last
 * registration for an extension wins.
 *
 * @param extensions - lower-case extensions with their dot (`.go`, `.rb`)
 * @param finder - returns the ranges for a file's text; must not throw
 */
export function registerCommentRanges(extensions: readonly string[], finder: CommentRangeFinder): void {
  for (const extension of extensions) registeredFinders.set(extension.toLowerCase(), finder);
}

/** The lower-case extension of a path's last segment, with its dot, or ''. */
function extensionOf(relativePath: string): string {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** What the lexer found in a text: comment ranges, documentation strings, and string literals. */
export interface LexedText {
  /** Comments and docstrings. */
  comments: TextRange[];
  /** String literals, quotes included, in text order. */
  strings: TextRange[];
}

/** A first line that runs a shell (`#!/bin/bash`, `#!/usr/bin/env zsh`). */
const SHELL_SHEBANG = /^#![^\n]*\b(?:ba|z|k|da)?sh\b/;

/** The syntax for a file, from its name, then its first line. */
function syntaxOf(relativePath: string, text: string): CommentSyntax | undefined {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const byExtension = SYNTAX_BY_EXTENSION[extensionOf(relativePath)];
  if (byExtension) return byExtension;
  const byName = syntaxOfName(name);
  if (byName) return byName;
  if (text.startsWith('#!')) return SHELL_SHEBANG.test(text) ? HASH_SHELL : /^#![^\n]*python/.test(text) ? PYTHON : HASH;
  return undefined;
}

/** Letters that prefix a string literal (Python `f`, `rb`, `u`; C# `$`, `@`), right before its quote. */
const STRING_PREFIX = /(?<![\w$@])(?:[fFrRbBuU]{1,2}|\$|@)$/;

/** True when a triple-quoted string at `start` stands as a statement of its own (a docstring). */
function isStatementString(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return false;
  // The previous code line must not leave an expression open (`x = (`, `foo(a,`, `y = \`).
  const before = text.slice(0, lineStart).trimEnd();
  return before === '' || !/[=([{,+\\]$/.test(before);
}

/**
 * Lexes a text for comments and strings with one syntax. Unterminated strings end at the end of
 * their line (single-line quotes) or of the text.
 */
function lex(text: string, syntax: CommentSyntax): LexedText {
  const comments: TextRange[] = [];
  const strings: TextRange[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    const character = text[index] ?? '';
    const block = syntax.block.find(([open]) => text.startsWith(open, index));
    if (block) {
      const close = text.indexOf(block[1], index + block[0].length);
      const end = close === -1 ? length : close + block[1].length;
      comments.push({ start: index, end });
      index = end;
      continue;
    }
    const lineOpener = syntax.line.find((open) => text.startsWith(open, index));
    if (lineOpener && (!syntax.lineNeedsSpace || index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      const newline = text.indexOf('\n', index);
      const end = newline === -1 ? length : newline;
      comments.push({ start: index, end });
      index = end;
      continue;
    }
    if (syntax.quotes.includes(character)) {
      const tripled = syntax.triple === true && text.startsWith(character.repeat(3), index) && character !== '`';
      const delimiter = tripled ? character.repeat(3) : character;
      const spansLines = tripled || (syntax.multiline ?? '').includes(character);
      let cursor = index + delimiter.length;
      while (cursor < length) {
        const current = text[cursor];
        if (current === '\\' && character !== '`') {
          cursor += 2;
          continue;
        }
        if (current === '\n' && !spansLines) break;
        if (text.startsWith(delimiter, cursor)) {
          cursor += delimiter.length;
          break;
        }
        cursor += 1;
      }
      // A string's prefix belongs to it (`f"…"`, `rb'…'`, `$"…"`, `@"…"`): analyzers report the whole literal.
      const prefix = STRING_PREFIX.exec(text.slice(Math.max(0, index - 3), index))?.[0].length ?? 0;
      const range = { start: index - prefix, end: Math.min(cursor, length) };
      strings.push(range);
      if (tripled && syntax.docstrings && isStatementString(text, index)) comments.push(range);
      index = range.end;
      continue;
    }
    index += 1;
  }
  return { comments, strings };
}

/**
 * Lexes a file's text with the built-in lexer for its kind (by extension, name or shebang).
 *
 * @param text - the whole file
 * @param relativePath - `/`-separated path; only its name is used
 * @returns comments and strings; both empty for a kind the lexer does not know
 */
export function lexText(text: string, relativePath: string): LexedText {
  const syntax = syntaxOf(relativePath, text);
  return syntax ? lex(text, syntax) : { comments: [], strings: [] };
}

/**
 * The comment and documentation ranges of a file: a registered front end's, or the built-in lexer's.
 *
 * @param text - the whole file
 * @param relativePath - `/`-separated path relative to the scan root
 */
export function commentRanges(text: string, relativePath: string): TextRange[] {
  const registered = registeredFinders.get(extensionOf(relativePath));
  if (registered) {
    try {
      return [...registered(text)].sort((a, b) => a.start - b.start);
    } catch {
      // A front end that fails must not cost the file its other findings: the lexer stands in.
    }
  }
  return lexText(text, relativePath).comments;
}

/**
 * Calls whose direct string arguments are only shown to a person: printing, logging, errors and
 * help text, in the languages the scanner sees. Writing to a file or building a string (`format!`,
 * `fmt.Sprintf`, `String.format`) is not among them: such a string may become a path or a header.
 */
const DISPLAY_CALL = new RegExp(
  [
    String.raw`\bconsole\.(?:log|info|warn|error|debug|trace)`,
    String.raw`(?<![\w.])(?:print|println|printf|puts|warn|echo|say|NSLog|os_log|alert|die)\b`,
    String.raw`\b(?:eprint|eprintln|print|println|panic|bail|anyhow|unreachable|todo)!`,
    String.raw`\b(?:self\.|Self\.|this\.|app\.)?(?:logger|logging|log|LOG|LOGGER|_logger|_log)\.(?:\w+)`,
    String.raw`\b(?:fmt|log)\.(?:Print|Fatal|Panic|Errorf)\w*`,
    String.raw`\bfmt\.Fprint\w*\(\s*os\.Std(?:err|out)\s*,`,
    String.raw`\b(?:t|b|tb)\.(?:Log|Error|Fatal|Skip)\w*`,
    String.raw`\berrors\.(?:New|Wrap\w*)`,
    String.raw`\b(?:click|typer)\.(?:echo|secho)`,
    String.raw`\bhelp\s*=`,
    String.raw`\b(?:raise|throw)\s+(?:new\s+)?[\w.]*`,
    String.raw`\bnew\s+[\w.]*(?:Error|Exception)`,
    String.raw`(?<![\w.])[A-Z]\w*(?:Error|Exception)`,
    String.raw`\.(?:description|help|usage|epilog)`,
  ].join('|'),
  'g',
);

/** Past this many characters, what looked like a call's arguments was not one. */
const MAX_ARGUMENTS_LENGTH = 4000;

/** The end of a paren-less call's arguments: the end of its line. */
function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/** Index of the first string range that ends after `offset` (binary search over text-ordered ranges). */
function firstStringAfter(strings: readonly TextRange[], offset: number): number {
  let low = 0;
  let high = strings.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((strings[middle]?.end ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** True when `start`..`end` lies inside one of the text-ordered, non-overlapping ranges. */
export function insideAny(ranges: readonly TextRange[], start: number, end: number): boolean {
  const index = firstStringAfter(ranges, start);
  const range = ranges[index];
  return range !== undefined && range.start <= start && end <= range.end;
}

/** What is only shown to a person: the calls that show text, and their direct string arguments. */
export interface DisplayedText {
  /** String literals, quotes included, that are direct arguments of a display call; in text order. */
  strings: TextRange[];
  /** Each display call, from its name to the end of its arguments, and where its arguments start. */
  calls: (TextRange & { argumentsStart: number })[];
}

/**
 * The string literals that are direct arguments of a call that only shows them (print, log, an
 * error, help text): `print("…")`, `logger.info(f"…")`, `echo "…"`, `throw new Error(\`…\`)`,
 * `fmt.Fprintf(os.Stderr, "…")`, `help="…"`. A string nested in another call inside the arguments
 * (`console.log(readFileSync(join(home, '.claude/.credentials.json')))`) is not direct and is not
 * returned: that call does something with it.
 *
 * @param text - the whole file
 * @param lexed - the file's comments and strings ({@link lexText})
 */
export function displayedText(text: string, lexed: LexedText): DisplayedText {
  const { strings, comments } = lexed;
  const found: DisplayedText = { strings: [], calls: [] };
  if (strings.length === 0) return found;
  for (const match of text.matchAll(DISPLAY_CALL)) {
    const callStart = match.index;
    if (insideAny(strings, callStart, callStart + 1) || insideAny(comments, callStart, callStart + 1)) continue;
    let cursor = callStart + match[0].length;
    while (cursor < text.length && (text[cursor] === ' ' || text[cursor] === '\t')) cursor += 1;
    const parenthesised = text[cursor] === '(';
    const argumentsEnd = parenthesised ? text.length : lineEnd(text, cursor);
    if (parenthesised) cursor += 1;
    const argumentsStart = cursor;
    let depth = 0;
    let next = firstStringAfter(strings, cursor);
    let position = cursor;
    // Walk the arguments: strings are skipped whole; brackets count depth; the call's `)` ends them.
    for (; position < argumentsEnd && position - cursor <= MAX_ARGUMENTS_LENGTH; position += 1) {
      const string = strings[next];
      if (string?.start === position) {
        if (depth === 0) found.strings.push(string);
        position = string.end - 1;
        next += 1;
        continue;
      }
      const character = text[position];
      if (character === '(' || character === '[' || character === '{') depth += 1;
      else if (character === ')' || character === ']' || character === '}') {
        if (depth === 0) break;
        depth -= 1;
      } else if (!parenthesised && depth === 0 && (character === ';' || character === '|' || character === '&' || character === ',')) break;
    }
    found.calls.push({ start: callStart, end: Math.min(position + 1, text.length), argumentsStart });
  }
  found.strings.sort((a, b) => a.start - b.start);
  return found;
}

/** A string value that reads as a sentence: four or more words. */
const SENTENCE = /^\S+(?:\s+\S+){3,}$/;

/**
 * In a JSON file, string values that read as sentences (a changelog entry, a description): prose
 * that may name a path or a header to explain it.
 *
 * @param text - the whole JSON file
 * @param lexed - its lexed strings
 */
export function jsonProseRanges(text: string, lexed: LexedText): TextRange[] {
  return lexed.strings.filter((range) => {
    const value = text.slice(range.start + 1, range.end - 1).trim();
    // Claude Code's system prompt is a sentence itself: written into a config, it is what is sent.
    return SENTENCE.test(value) && !value.includes('You are Claude Code');
  });
}
