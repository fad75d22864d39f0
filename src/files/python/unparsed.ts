/**
 * What a Python file's text tells without a parse, for the project pass (./project.ts): whether it
 * may hold an entry point, and the names that may tie one of its classes to a class of another
 * module. Each over-approximates (comments and strings count as code), so that a module the pass
 * leaves unparsed is one whose facts could not change a finding.
 *
 * @packageDocumentation
 */
import { PYTHON_FRAMEWORKS } from './handlers.js';

/** The framework packages whose import makes a module's functions entry points (./handlers.ts), as one pattern. */
const FRAMEWORK_PACKAGES = new RegExp([...new Set(PYTHON_FRAMEWORKS.flatMap((framework) => framework.packages))].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/**
 * False when the text names no framework package: an entry point is found only in a module that
 * imports one (./handlers.ts), and an import writes its name out.
 *
 * @param text - the file's text
 */
export function mayHaveEntryPoints(text: string): boolean {
  return FRAMEWORK_PACKAGES.test(text);
}

/** A Python identifier (PEP 3131's letters, digits and connectors). */
const IDENTIFIER = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu;

/**
 * The end of a string literal starting at `start` (single, double or triple quotes; backslash
 * escapes), or the text's end when it does not close.
 */
function stringEnd(text: string, start: number): number {
  const quote = text[start] ?? '';
  const triple = text.startsWith(quote.repeat(3), start);
  const close = triple ? quote.repeat(3) : quote;
  for (let at = start + close.length; at < text.length; at += 1) {
    if (text[at] === '\\') at += 1;
    else if (text.startsWith(close, at)) return at + close.length;
    else if (!triple && text[at] === '\n') return at;
  }
  return text.length;
}

/**
 * Every identifier in the headers of the text's class statements (`class Name[T](Base, metaclass=M):`,
 * from the keyword to the colon outside brackets): a class's bases are written there, under
 * whatever name the module imported them by.
 *
 * @param text - the file's text
 */
export function classHeaderNames(text: string): Set<string> {
  const names = new Set<string>();
  const keyword = /\bclass\b/g;
  for (let match = keyword.exec(text); match; match = keyword.exec(text)) {
    let depth = 0;
    let at = match.index + match[0].length;
    for (; at < text.length; at += 1) {
      const char = text[at];
      if (char === '"' || char === "'") at = stringEnd(text, at) - 1;
      else if (char === '#') at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
      else if (char === '(' || char === '[' || char === '{') depth += 1;
      else if (char === ')' || char === ']' || char === '}') depth -= 1;
      else if (char === ':' && depth <= 0) break;
    }
    for (const name of text.slice(match.index + match[0].length, at).match(IDENTIFIER) ?? []) names.add(name);
    // The next header starts after this one: a `class` inside it is already counted.
    keyword.lastIndex = Math.max(keyword.lastIndex, at);
  }
  return names;
}

/** The `name as alias` pairs of a text read as identifiers only: the identifiers around each `as`. */
function pairsAround(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  const words = text.match(IDENTIFIER) ?? [];
  words.forEach((word, index) => {
    const [before, after] = [words[index - 1], words[index + 1]];
    if (word === 'as' && before !== undefined && after !== undefined) pairs.push([before, after]);
  });
  return pairs;
}

/**
 * Every `name as alias` pair of the text, with or without its comments (a comment may sit between
 * the words of a parenthesised import): the names under which it may import, and re-export, a
 * class (`from .impl import Base as Alias`).
 *
 * @param text - the file's text
 */
export function aliasPairs(text: string): [string, string][] {
  return [...pairsAround(text), ...pairsAround(text.replace(/#[^\n]*/g, ''))];
}
