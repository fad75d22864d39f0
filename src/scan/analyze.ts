/**
 * One file, from text to findings: the analyzer for its kind, with the
 * language-independent markers standing in wherever an analyzer is missing or fails.
 *
 * @packageDocumentation
 */
import { markerMatches, type TextFinding } from '../detect/markers.js';
import { redactSecrets } from '../detect/tokens.js';
import { AnalyzerParseError, FILE_ANALYZERS, type AnalyzerContext } from '../files/index.js';
import { markPublished } from '../files/published-findings.js';
import { analyzeJs, prepareJsAnalysis, TypeScriptParserNeeded, type JsAnalysis } from './analyze-js.js';
import { isDeclarationFile, type FileKind } from './classify.js';
import { compareFindings, createLocator, findingFromText, type Diagnostic, type Finding, type LocatedFinding, type Position } from './finding.js';
import { unanalyzedFindings } from './unanalyzed.js';
import { definitionScopes } from './fact-scope.js';
import { fingerprintsOf } from './fingerprint.js';
import { withoutWordsAbout } from './placement-filter.js';
import { nestingOver } from './nesting.js';
import { codeOnly } from './code-only.js';
import { analyzablePart, type AnalyzablePart } from './analyzable-part.js';
import { boundMatches, MAX_FINDINGS_PER_RULE } from './bounded-matches.js';
import { embeddedView } from './embedded-code.js';
import { applyDirectives, type CommentToken } from './suppress.js';
import { formatBytes } from './read.js';
import type { FileFacts } from '../js/file-facts.js';
import { createSnippetMaker } from './snippet.js';
import { FILE_TIME_BUDGET_MS, TimeBudgetExceeded, withinTimeBudget } from './time-budget.js';

/** Files larger than this many bytes (UTF-16 code units) get the text markers only, never a parse. */
export const MAX_PARSE_LENGTH = 1024 * 1024;
/**
 * Files longer than this (UTF-16 code units) are not parsed whatever their comments: comment padding
 * may lift a file over {@link MAX_PARSE_LENGTH}, but a parse still reads every character.
 */
export const MAX_PARSE_WHOLE_LENGTH = 8 * MAX_PARSE_LENGTH;
/** A line longer than this many characters marks minified or generated code: text markers only. */
export const MAX_PARSE_LINE_LENGTH = 20_000;
/** Brackets nested deeper than this mark hostile or generated code: text markers only (see nesting.ts). */
export const MAX_PARSE_NESTING = 500;

/** Findings and diagnostics of one file. */
export interface Analysis {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** JS/TS only: what the rules recorded for the cross-file pass. */
  facts?: FileFacts;
  /** Whether the file's analyzer parsed it (false: the text markers only), for the scan's statistics. */
  parsed?: boolean;
  /** How long {@link analyzeText} took, in ms (wall clock, in the thread that ran it), for the scan's statistics. */
  ms?: number;
}

/**
 * Characters that are not white space (code points above U+0020): what the parse limits count. White
 * space costs a lexer next to nothing, and blocks blanked to spaces (analyzable-part.ts) must not count.
 */
function printedLength(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let at = from; at < to; at += 1) if (text.charCodeAt(at) > 32) count += 1;
  return count;
}

/** Whether a line has more than `limit` printed characters ({@link printedLength}), stopping at the first. */
function longestLineOver(text: string, limit: number): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const lineEnd = end === -1 ? text.length : end;
    if (lineEnd - start > limit && printedLength(text, start, lineEnd) > limit) return true;
    if (end === -1) return false;
    start = end + 1;
  }
}

/**
 * Why a file should not be parsed, or undefined when it should: the budget of every parse is
 * bounded by the size and the nesting of its input, and JS/TS lines by their length.
 */
function parseSkipReason(text: string, kind: FileKind): Diagnostic | undefined {
  // Measured on the code without its comments nor the contents of its strings: one comment or string
  // is one token, which costs a parser next to nothing, and must not turn the parse off.
  const { bare } = text.length > MAX_PARSE_WHOLE_LENGTH ? { bare: text } : codeOnly(text, kind);
  const skip = (skipKind: Diagnostic['kind'], reason: string): Diagnostic => ({ kind: skipKind, reason, message: `Not parsed: ${reason}; text markers only.` });
  const size = printedLength(bare);
  if (size > MAX_PARSE_LENGTH) return skip('too-large', `${formatBytes(size)} of code is over the ${formatBytes(MAX_PARSE_LENGTH)} parse limit`);
  if (nestingOver(bare, MAX_PARSE_NESTING)) return skip('too-deep', `brackets nest over ${MAX_PARSE_NESTING} levels deep`);
  if (kind === 'js' && longestLineOver(bare, MAX_PARSE_LINE_LENGTH)) {
    return skip('minified', `a line is over ${MAX_PARSE_LINE_LENGTH} characters (minified or generated code)`);
  }
  return undefined;
}

/**
 * Runs an analyzer within the file's time budget; when the budget runs out, adds a `timeout`
 * diagnostic and returns undefined (the text markers stand in). Other errors are thrown.
 */
function withinTimeBudgetOrDiagnostic<T>(task: () => T, budgetMs: number, diagnostics: Diagnostic[]): T | undefined {
  try {
    return withinTimeBudget(task, budgetMs);
  } catch (error) {
    if (!(error instanceof TimeBudgetExceeded)) throw error;
    const reason = `it used up the ${error.budgetMs / 1000} s per-file time budget`;
    diagnostics.push({ kind: 'timeout', reason, message: `Not analyzed: ${error.message}; text markers only.` });
    return undefined;
  }
}

/**
 * {@link analyzeJs} within the time budget, with the modules it needs loaded outside it; a file that
 * turns out to need the TypeScript parser (espree could not parse it) is analyzed again once that is loaded.
 */
function analyzeJsWithinBudget(text: string, relativePath: string, budgetMs: number, diagnostics: Diagnostic[]): JsAnalysis | undefined {
  prepareJsAnalysis(relativePath);
  try {
    return withinTimeBudgetOrDiagnostic(() => analyzeJs(text, relativePath), budgetMs, diagnostics);
  } catch (error) {
    if (!(error instanceof TypeScriptParserNeeded)) throw error;
    prepareJsAnalysis(relativePath, true);
    return withinTimeBudgetOrDiagnostic(() => analyzeJs(text, relativePath), budgetMs, diagnostics);
  }
}

/** Adds a redacted excerpt of `text` and the enclosing function's line to each finding. */
function withSnippets(text: string, findings: Finding[]): Finding[] {
  if (findings.length === 0) return findings;
  const snippetAt = createSnippetMaker(text);
  const scopes = definitionScopes(text);
  return findings.map((finding) => ({ ...finding, snippet: snippetAt(finding.line, finding.column), factScope: scopes[finding.line] ?? 0 }));
}

/**
 * Tells whether {@link analyzeText} would parse this file with ESLint (the costly step), rather
 * than give it the text markers only.
 *
 * @param text - the decoded text
 * @param relativePath - `/`-separated path relative to the scan root
 * @param kind - from {@link classify}
 * @param markersOnly - as for {@link analyzeText}
 */
export function parsesAsJs(text: string, relativePath: string, kind: FileKind, markersOnly = false): boolean {
  return !markersOnly && kind === 'js' && !isDeclarationFile(relativePath) && parseSkipReason(text, kind) === undefined;
}

/**
 * Analyzes one file's text. The scanner gives it only files that passed the prefilter
 * (src/scan/prefilter.ts), which looks for every rule's trigger words once, on the bytes; on a text
 * without one it finds nothing, only slower.
 *
 * @param text - the decoded text
 * @param relativePath - `/`-separated path relative to the scan root
 * @param kind - from {@link classify}
 * @param markersOnly - skip parsers (the text could not be decoded as UTF-8)
 * @param context - what the scan knows about the whole tree (git status), for the analyzers, and
 *   the package that would publish this file (its findings are marked before fingerprints and
 *   suppressions)
 * @param timeBudgetMs - how long the parse and the rules may take (ms); past it, the file gets a
 *   `timeout` diagnostic and the text markers only
 * @returns findings sorted by position, and diagnostics; never throws
 */
export function analyzeText(
  text: string,
  relativePath: string,
  kind: FileKind,
  markersOnly = false,
  context?: AnalyzerContext,
  timeBudgetMs = FILE_TIME_BUDGET_MS,
): Analysis {
  const started = performance.now();
  const locate = createLocator(text);
  const diagnostics: Diagnostic[] = [];
  // Counted, not kept, past the bound: memory must not grow with the number of matches.
  const unlisted = new Map<string, number>();
  const boundedMarkers = (keep: (match: TextFinding) => boolean = () => true): TextFinding[] => {
    const bounded = boundMatches(filtered(markerMatches(text, { tokensOnly: kind === 'prose' }), keep));
    for (const [ruleId, count] of bounded.unlisted) unlisted.set(ruleId, (unlisted.get(ruleId) ?? 0) + count);
    return bounded.kept;
  };
  const markerFindings = (): LocatedFinding[] => boundedMarkers().map((match) => findingFromText(match, locate));

  // Components and notebooks: the analyzer reads their code; the markers still read the rest.
  const view = markersOnly ? undefined : embeddedView(text, relativePath);
  const code = view?.text ?? text;
  const locateCode = view ? createLocator(code) : locate;

  let findings: LocatedFinding[] | undefined;
  let facts: FileFacts | undefined;
  let comments: CommentToken[] | undefined;
  let part: AnalyzablePart | undefined;
  if (!markersOnly && kind === 'js' && !isDeclarationFile(relativePath)) {
    const skip = parseSkipReason(code, kind);
    // Too much code for one parse: the rest of the file, with its largest blocks left to the markers.
    part = skip?.kind === 'too-large' && !view && code.length <= MAX_PARSE_WHOLE_LENGTH ? analyzablePart(code, MAX_PARSE_LENGTH) : undefined;
    if (part && parseSkipReason(part.text, kind)) part = undefined;
    const result = !skip || part ? analyzeJsWithinBudget(part?.text ?? code, view?.relativePath ?? relativePath, timeBudgetMs, diagnostics) : undefined;
    // A syntax error in the blanked text may be of the blanking's making: the file is only too large.
    const partFailed = part !== undefined && !result?.parsed;
    if (!result?.parsed) part = undefined;
    if (skip) diagnostics.push(part ? leftOut(skip, part, locate) : skip);
    if (!partFailed) diagnostics.push(...(result?.diagnostics ?? []));
    if (result?.parsed) ({ findings, facts, comments } = result);
  } else if (!markersOnly) {
    const analyzer = FILE_ANALYZERS[kind];
    const skip = analyzer && parseSkipReason(code, kind);
    if (skip) {
      diagnostics.push(skip);
    } else if (analyzer) {
      try {
        findings = withinTimeBudgetOrDiagnostic(() => analyzer(code, relativePath, context), timeBudgetMs, diagnostics)?.map((match) =>
          findingFromText(match, locateCode),
        );
      } catch (error) {
        const reason = redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
        diagnostics.push(
          error instanceof AnalyzerParseError
            ? { kind: 'parse-error', reason: `a syntax error (${reason})`, message: `Could not parse: ${reason}; text markers only.`, line: error.line, column: error.column }
            : { kind: 'analyzer-error', reason: `the ${kind} analyzer failed (${reason})`, message: `The ${kind} analyzer failed (${reason}); text markers only.` },
        );
      }
    }
  }
  const parsed = findings !== undefined;
  if (findings && view) {
    const outside = boundedMarkers((match) => view.outsideCode(match.start));
    findings = [...findings, ...outside.map((match) => findingFromText(match, locate))];
  }
  if (findings && part) {
    const blanked = part;
    findings = [...findings, ...boundedMarkers((match) => blanked.blankedAt(match.start)).map((match) => findingFromText(match, locate))];
  }
  const located = [...withoutWordsAbout(text, relativePath, findings ?? markerFindings()), ...unanalyzedLocated(text, diagnostics, locate)].sort(compareFindings);
  const publishedIn = context?.publishedIn;
  const marked = publishedIn === undefined ? located : markPublished(located, text, relativePath, publishedIn).sort(compareFindings);
  return { ...finish(text, kind, marked, diagnostics, { comments, untrusted: context?.untrusted, unlisted }), facts, parsed, ms: performance.now() - started };
}

/** A `too-large` diagnostic, for a file whose analyzable part was parsed: which blocks were left to the text markers. */
function leftOut(skip: Diagnostic, part: AnalyzablePart, locate: (offset: number) => Position): Diagnostic {
  const from = locate(part.blanked[0]?.start ?? 0).line;
  const to = locate(part.blanked.at(-1)?.end ?? 0).line;
  const reason = `${skip.reason ?? ''}; the rest was parsed, but ${part.blanked.length} of its largest blocks (lines ${from} to ${to}) got the text markers only`;
  return { ...skip, reason, message: `Parsed in part: ${reason}.` };
}

/** The items of `items` that `keep` keeps, as they are asked for. */
function* filtered<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

/**
 * The `no-unanalyzed-code` findings of a file kept from its analyzer (src/scan/unanalyzed.ts),
 * located; a syntax error's finding sits where the parser stopped.
 */
function unanalyzedLocated(text: string | undefined, diagnostics: readonly Diagnostic[], locate: (offset: number) => Position): LocatedFinding[] {
  return unanalyzedFindings(text, diagnostics).map(({ at, ...match }) => {
    const finding = findingFromText(match, locate);
    return at ? { ...finding, line: at.line, column: at.column, endLine: at.line, endColumn: at.column } : finding;
  });
}

/**
 * The analysis of a file that was not decoded (binary content, over the read limit) but whose
 * bytes hold a trigger word that can lead to a finding: its `no-unanalyzed-code` finding, at the
 * start of the file, fingerprinted and suppressible like any other.
 *
 * @param kind - from {@link classify}
 * @param readDiagnostics - why it was not decoded (src/scan/read.ts)
 */
export function unreadAnalysis(kind: FileKind, readDiagnostics: readonly Diagnostic[]): Analysis {
  return finish('', kind, unanalyzedLocated(undefined, readDiagnostics, createLocator('')), []);
}

/**
 * Keeps the first {@link MAX_FINDINGS_PER_RULE} findings of each rule (in position order), and counts
 * the rest, with those the bound on marker matches left out (`unlisted`, by rule id). A file of half
 * a million client ids must not make half a million report lines; the first ones make the point.
 */
function capFindings(findings: Finding[], unlisted: ReadonlyMap<string, number> = new Map()): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const counts = new Map<string, number>(unlisted);
  const listed = new Map<string, number>();
  const kept = findings.filter((finding) => {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    const count = (listed.get(finding.ruleId) ?? 0) + 1;
    listed.set(finding.ruleId, count);
    return count <= MAX_FINDINGS_PER_RULE;
  });
  const diagnostics = [...counts]
    .map(([ruleId, count]) => [ruleId, count - Math.min(listed.get(ruleId) ?? 0, MAX_FINDINGS_PER_RULE)] as const)
    .filter(([, rest]) => rest > 0)
    .map(([ruleId, rest]): Diagnostic => ({
      kind: 'too-many-findings',
      message: `${rest} more ${ruleId} findings in this file are not listed (the first ${MAX_FINDINGS_PER_RULE} are).`,
    }));
  return { findings: kept, diagnostics };
}

/** What {@link finish} needs besides the findings. */
export interface FinishOptions {
  /** The file's comments, when it was parsed as JS/TS (for the disable directives). */
  comments?: CommentToken[];
  /** Gate mode: directives need a reason (src/untrusted.ts). */
  untrusted?: boolean;
  /** Marker matches left out before they became findings (src/scan/bounded-matches.ts), by rule id: counted as not listed. */
  unlisted?: ReadonlyMap<string, number>;
}

/**
 * What every file goes through after its analyzer, once (secretlint's habit): fingerprints
 * (before suppression, so that suppressing one finding keeps the others' occurrence indexes),
 * then the disable directives (from the comment tokens when the file was parsed as JS/TS).
 */
export function finish(text: string, kind: FileKind, located: LocatedFinding[], diagnostics: Diagnostic[], options: FinishOptions = {}): Analysis {
  const fingerprints = fingerprintsOf(text, located);
  const fingerprinted = located.map((finding, index): Finding => ({ ...finding, fingerprint: fingerprints[index] ?? '' }));
  const suppression = applyDirectives(text, kind, fingerprinted, options.comments, { untrusted: options.untrusted });
  const capped = capFindings(suppression.findings, options.unlisted);
  return { findings: withSnippets(text, capped.findings), diagnostics: [...diagnostics, ...suppression.diagnostics, ...capped.diagnostics] };
}
