/**
 * The languages of src/lang, one table entry each: how a file is parsed (a tree-sitter grammar, or
 * a lexer that only finds comments) and, for the languages with behaviour rules, the extractor whose
 * facts the model's judge decides on. Every one of them gets the text markers told apart from its
 * comments.
 *
 * | language | parsed with | gets |
 * | --- | --- | --- |
 * | Go, Ruby, shell | tree-sitter (grammars from `@vscode/tree-sitter-wasm`, carried in the build) | the judge's rules, keychain reads, markers outside comments |
 * | Rust | tree-sitter | markers outside comments, keyring reads of the keychain item |
 * | Swift | a comment lexer | markers outside comments |
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import type { FileAnalyzer, OffsetRange } from '../files/analyzer.js';
import { judgedFindings, type Extraction } from './facts.js';
import type { LanguageKind } from './files.js';
import { extractGo } from './go/extract.js';
import { withCodeMarkers } from './markers.js';
import { extractRuby } from './ruby/extract.js';
import { extractRust } from './rust/extract.js';
import { extractShell } from './shell/extract.js';
import { swiftComments } from './swift/comments.js';
import { parseWith, prepareGrammar, type GrammarName, type SyntaxNode } from './tree.js';

export type { LanguageKind };

/** An extractor: the model's facts of one file, and findings that are not the judge's to make. */
export type Extractor = (root: SyntaxNode, text: string) => { extraction: Extraction; own: TextFinding[] };

/** How one language is read. */
interface Language {
  /** The tree-sitter grammar, or undefined for a language read by {@link Language.comments}. */
  grammar?: GrammarName;
  /** Its comments, for a language without a grammar. */
  comments?: (text: string) => OffsetRange[];
  /** The extractor of a language with behaviour rules. */
  extract?: Extractor;
}

/** Every language of src/lang. */
export const LANGUAGES: Readonly<Record<LanguageKind, Language>> = {
  go: { grammar: 'go', extract: extractGo },
  ruby: { grammar: 'ruby', extract: extractRuby },
  shell: { grammar: 'bash', extract: extractShell },
  rust: { grammar: 'rust', extract: extractRust },
  swift: { comments: swiftComments },
};

/**
 * The analyzer of one language: parse, extract, judge, plus the markers outside comments.
 *
 * @param kind - the language
 * @returns an analyzer that throws TimeBudgetExceeded when the parse runs out of time, and an Error
 *   when the grammar failed to load (the scanner reports both and runs the markers instead)
 */
export function languageAnalyzer(kind: LanguageKind): FileAnalyzer {
  const language = LANGUAGES[kind];
  return (text) => {
    if (!language.grammar) return withCodeMarkers(text, [], language.comments?.(text) ?? []);
    const { root, comments } = parseWith(language.grammar, text);
    if (!language.extract) return withCodeMarkers(text, [], comments);
    const { extraction, own } = language.extract(root, text);
    return withCodeMarkers(text, [...judgedFindings(text, extraction), ...own], comments);
  };
}

/**
 * The set-up of one language: loads its grammar, once. Never rejects (a failure is thrown by the
 * analyzer, per file).
 *
 * @param kind - the language
 */
export function prepareLanguage(kind: LanguageKind): Promise<void> {
  const { grammar } = LANGUAGES[kind];
  return grammar ? prepareGrammar(grammar) : Promise.resolve();
}
