/**
 * `--format html`: one self-contained page for a person reviewing a repository. A headline derived
 * from what was found and where, a summary by tier, by rule and by file, then the findings grouped
 * by rule (why it matters and how to fix it once per rule) and by file (production code first, then
 * tests, fixtures, examples, docs, generated files), each with its line, its message (inline code
 * shown as code), a redacted excerpt, and its repeats in the file collapsed; then the files that
 * could not be fully analyzed. File blocks past the first 60 start collapsed, so that a report of
 * 10,000 findings opens quickly.
 *
 * The page loads nothing: inline CSS, system fonts, no scripts or images, and a Content Security
 * Policy that forbids any fetch. Everything from the scanned repository (paths, messages, code) is
 * untrusted and HTML-escaped, with invisible and bidirectional control characters made visible.
 *
 * @packageDocumentation
 */
import type { Tier } from '../detect/tier.js';
import { docsOf } from '../js/create-rule.js';
import { PACKAGE_INFO } from '../package-info.js';
import { POLICY_VERSION } from '../policy.js';
import { fixHintOf, ruleByName } from '../rule-info.js';
import { ruleIdOf, ruleNameOf } from '../rule-names.js';
import type { Finding, FileReport } from '../scan/finding.js';
import { placesOf } from '../scan/group.js';
import type { SnippetLine } from '../scan/snippet.js';
import { HTML_REPORT_CSS } from './html-style.js';
import type { FormatInput } from './types.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/**
 * C0/C1 controls (tab kept), and the invisible characters that reorder or hide text ("Trojan
 * Source", CVE-2021-42574): shown as `[U+XXXX]` so a hostile name cannot disguise itself.
 */
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
    .replace(HIDDEN_CHARACTERS, (character) => `[U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** Only http(s) links are kept; anything else becomes an inert `#`. */
function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : '#';
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const TIER_LABELS: Readonly<Record<Tier, string>> = { red: 'Red', yellow: 'Yellow' };

/** What each tier means for the reader (policy.md, "Tiers"). */
const TIER_MEANINGS: Readonly<Record<Tier, string>> = {
  red: 'Red, bannable: subscription (OAuth) credentials are for one person’s own use of Anthropic’s apps, and Anthropic can suspend the account without notice.',
  yellow: 'Yellow, to review: anything that acts for other people must use an API key, and a leaked key must be rotated.',
};

/** Per-rule totals for the summary table. */
interface RuleSummary {
  ruleId: string;
  red: number;
  yellow: number;
  files: Set<string>;
  docsUrl: string;
}

function ruleDescription(ruleId: string): string {
  const name = ruleNameOf(ruleId);
  return name === undefined ? '' : docsOf(ruleByName(name)).description;
}

function ruleFixHint(ruleId: string): string {
  const name = ruleNameOf(ruleId);
  return name === undefined ? '' : fixHintOf(name);
}

function summarizeRules(reports: readonly FileReport[]): RuleSummary[] {
  const byRule = new Map<string, RuleSummary>();
  for (const report of reports) {
    for (const finding of report.findings) {
      let summary = byRule.get(finding.ruleId);
      if (!summary) {
        summary = { ruleId: finding.ruleId, red: 0, yellow: 0, files: new Set(), docsUrl: finding.docsUrl };
        byRule.set(finding.ruleId, summary);
      }
      summary[finding.tier] += 1;
      summary.files.add(report.relativePath);
    }
  }
  return [...byRule.values()].sort((a, b) => b.red - a.red || b.red + b.yellow - (a.red + a.yellow) || a.ruleId.localeCompare(b.ruleId));
}

function badge(tier: Tier): string {
  return `<span class="badge ${tier}">${TIER_LABELS[tier]}</span>`;
}

function countCell(count: number, tier: Tier): string {
  return count === 0 ? '<td class="num zero">0</td>' : `<td class="num"><span class="count ${tier}">${count}</span></td>`;
}

/** Rules whose red findings mean the code spends a subscription credential (reads, forwards or hands it on). */
const USES_CREDENTIALS = new Set(['no-credential-store-read', 'no-oauth-token-proxy', 'no-agent-sdk-subscription-auth', 'no-credential-mount'].map(ruleIdOf));
const EMBEDS_TOKEN = ruleIdOf('no-embedded-token');

/**
 * The headline, from what was found and where: production code that spends a subscription
 * credential, a credential written into the repository, a pose as Claude Code, or red findings only
 * in tests, fixtures, examples, docs or generated files.
 */
function headlineOf(reports: readonly FileReport[]): string {
  const redIn = (production: boolean): Set<string> =>
    new Set(reports.filter((report) => (report.role === undefined) === production).flatMap((report) => report.findings.filter((finding) => finding.tier === 'red').map((finding) => finding.ruleId)));
  const production = redIn(true);
  if ([...production].some((ruleId) => USES_CREDENTIALS.has(ruleId))) return 'This code uses Claude subscription credentials where an API key is required.';
  if (production.has(EMBEDS_TOKEN)) return 'A Claude subscription credential is written into this repository: revoke it, and use an API key.';
  if (production.size > 0) return 'This code poses as Claude Code (its OAuth client, endpoints or headers) instead of using an API key.';
  const elsewhere = redIn(false);
  if (elsewhere.size === 0) return 'Some findings need a review: a grey area, or a leaked API key.';
  const roles = [...new Set(reports.filter((report) => report.role !== undefined && report.findings.some((finding) => finding.tier === 'red')).map((report) => report.role ?? ''))];
  const what = elsewhere.has(EMBEDS_TOKEN) ? 'a subscription credential written out (revoke it)' : [...elsewhere].every((ruleId) => !USES_CREDENTIALS.has(ruleId)) ? 'Claude Code markers in test data' : 'code that uses subscription credentials';
  return `Red findings only in ${roles.join(', ')} files: ${what}. Production code has none.`;
}

function verdict(reports: readonly FileReport[], red: number, yellow: number, filesWalked: number): string {
  const scope = `${plural(filesWalked, 'file')} scanned`;
  if (red + yellow === 0) {
    return `<p class="verdict clean" data-verdict="clean"><strong>No problems found.</strong> ${scope}.</p>`;
  }
  const tier = red > 0 ? 'red' : 'yellow';
  const filesWithFindings = reports.filter((report) => report.findings.length > 0).length;
  return (
    `<p class="verdict ${tier}" data-verdict="${tier}"><strong>${escapeHtml(headlineOf(reports))}</strong> ` +
    `${plural(red + yellow, 'problem')} in ${plural(filesWithFindings, 'file')}; ${scope}.</p>`
  );
}

function tierCards(red: number, yellow: number, filesWithFindings: number, notAnalyzed: number): string {
  const card = (className: string, count: number, label: string, note: string, attribute: string): string =>
    `<div class="card ${className}${count === 0 ? ' none' : ''}"${attribute}><span class="big">${count}</span><span class="label">${escapeHtml(label)}</span><span class="note">${escapeHtml(note)}</span></div>`;
  return (
    '<div class="cards">' +
    card('red', red, 'Red', 'bannable: fix before shipping', ' data-tier-count="red"') +
    card('yellow', yellow, 'Yellow', 'grey area or leaked key: review', ' data-tier-count="yellow"') +
    card('affected', filesWithFindings, 'Files with findings', 'listed by file below', ' data-files-with-findings=""') +
    card('unanalyzed', notAnalyzed, 'Not fully analyzed', notAnalyzed === 0 ? 'every file was read' : 'listed at the end', ' data-not-analyzed=""') +
    '</div>'
  );
}

function rulesTable(rules: readonly RuleSummary[]): string {
  if (rules.length === 0) return '';
  const rows = rules.map(
    (rule) =>
      `<tr data-rule="${escapeHtml(rule.ruleId)}"><td><a class="rule" href="${safeHref(rule.docsUrl)}">${escapeHtml(rule.ruleId)}</a>` +
      `<span class="desc">${escapeHtml(ruleDescription(rule.ruleId))}</span></td>` +
      `${countCell(rule.red, 'red')}${countCell(rule.yellow, 'yellow')}<td class="num">${rule.files.size}</td></tr>`,
  );
  return (
    '<h2>By rule</h2><table class="rules"><thead><tr><th>Rule</th><th class="num">Red</th><th class="num">Yellow</th><th class="num">Files</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function fileIndex(files: readonly FileReport[], fileIds: ReadonlyMap<FileReport, string>): string {
  if (files.length === 0) return '';
  const items = files.map((report) => {
    const red = report.findings.filter((finding) => finding.tier === 'red').length;
    const yellow = report.findings.length - red;
    const counts = `${red > 0 ? `<span class="count red">${red}</span>` : ''}${yellow > 0 ? `<span class="count yellow">${yellow}</span>` : ''}`;
    const role = report.role === undefined ? '' : `<span class="role">${escapeHtml(report.role)}</span>`;
    return `<li><a href="#${fileIds.get(report) ?? ''}"><span class="path">${escapeHtml(report.relativePath)}</span></a>${role}${counts}</li>`;
  });
  return `<h2>By file</h2><ul class="files">${items.join('')}</ul>`;
}

function snippetBlock(snippet: readonly SnippetLine[] | undefined, finding: Finding): string {
  if (!snippet || snippet.length === 0) return '';
  const width = String(snippet.at(-1)?.line ?? 0).length;
  const lines = snippet.map((line) => {
    const hit = line.line >= finding.line && line.line <= finding.endLine;
    return `<span class="line${hit ? ` hit ${finding.tier}` : ''}"><span class="ln">${String(line.line).padStart(width)}</span>${escapeHtml(line.text) || ' '}</span>`;
  });
  return `<pre class="code"><code>${lines.join('')}</code></pre>`;
}

/** A message with its inline code (`` `claudeAiOauth` ``) shown as code; everything else escaped. */
export function renderMessage(message: string): string {
  return escapeHtml(message).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** How many file blocks of the findings section are open when the page loads; the rest are one click away. */
const OPEN_FILE_BLOCKS = 20;
/**
 * How many findings are shown as full cards (excerpt, repeats, links); the rest, in a long report,
 * as one line each (place and message), so that a page of 10,000 findings stays a few megabytes.
 */
const FULL_CARDS = 300;

/** The other places of a grouped finding, collapsed. */
function repeatsBlock(finding: Finding): string {
  const places = finding.occurrences ?? [];
  if (places.length === 0) return '';
  const list = places.map((place) => `<li>${place.line}:${place.column}</li>`).join('');
  return `<details class="repeats"><summary>The same finding at ${plural(places.length, 'more place')} in this file</summary><ul class="places">${list}</ul></details>`;
}

function findingArticle(report: FileReport, finding: Finding, full: boolean): string {
  const { tier } = finding;
  const count = placesOf(finding);
  const times = count > 1 ? `<span class="times">×${count}</span>` : '';
  if (!full) {
    // Past the first cards of a long report: place and message only (rule and file are on the enclosing blocks).
    return (
      `<article class="finding compact ${tier}" data-line="${finding.line}">` +
      `<span class="where">${finding.line}:${finding.column}</span>${times} ${renderMessage(finding.message)}</article>`
    );
  }
  const location = `<span class="dir">${escapeHtml(report.relativePath)}</span>:${finding.line}:${finding.column}`;
  return (
    `<article class="finding ${tier}" data-rule="${escapeHtml(finding.ruleId)}" data-tier="${tier}" data-file="${escapeHtml(report.relativePath)}" data-line="${finding.line}" data-count="${count}">` +
    `<header>${badge(tier)}<span class="where">${location}</span>${times}<a class="rule" href="${safeHref(finding.docsUrl)}">${escapeHtml(finding.ruleId)}</a></header>` +
    `<p class="message">${renderMessage(finding.message)}</p>` +
    snippetBlock(finding.snippet, finding) +
    repeatsBlock(finding) +
    '</article>'
  );
}

/** One file's findings of one rule. */
interface RuleFileBlock {
  report: FileReport;
  findings: Finding[];
}

/** The findings grouped by rule (in the order of the rules table), then by file (in the given order). */
function blocksByRule(reports: readonly FileReport[], rules: readonly RuleSummary[]): Map<string, RuleFileBlock[]> {
  const byRule = new Map<string, RuleFileBlock[]>(rules.map((rule) => [rule.ruleId, []]));
  for (const report of reports) {
    for (const rule of rules) {
      const findings = report.findings.filter((finding) => finding.ruleId === rule.ruleId);
      if (findings.length > 0) byRule.get(rule.ruleId)?.push({ report, findings });
    }
  }
  return byRule;
}

/** One file's block under a rule: collapsible, open for the first blocks of the page; `full` says which findings get a full card. */
function fileBlock({ report, findings }: RuleFileBlock, id: string | undefined, open: boolean, full: (finding: Finding) => boolean): string {
  const places = findings.reduce((sum, finding) => sum + placesOf(finding), 0);
  const role = report.role === undefined ? '' : `<span class="role">${escapeHtml(report.role)}</span>`;
  return (
    `<details class="file"${id === undefined ? '' : ` id="${id}"`}${open ? ' open' : ''} data-file="${escapeHtml(report.relativePath)}"><summary><span class="path">${escapeHtml(report.relativePath)}</span>${role}` +
    `<span class="n">${plural(findings.length, 'finding')}${places > findings.length ? `, ${plural(places, 'place')}` : ''}</span></summary>` +
    `${findings.map((finding) => findingArticle(report, finding, full(finding))).join('')}</details>`
  );
}

/** The findings section: per rule, why it matters and how to fix once, then each file's findings. */
function findingsSection(reports: readonly FileReport[], rules: readonly RuleSummary[], fileIds: ReadonlyMap<FileReport, string>): string {
  if (rules.length === 0) return '';
  const anchored = new Set<FileReport>();
  let blocks = 0;
  let cards = 0;
  const full = (): boolean => (cards += 1) <= FULL_CARDS;
  const sections = [...blocksByRule(reports, rules)].map(([ruleId, files]) => {
    const rule = rules.find((candidate) => candidate.ruleId === ruleId);
    const tier: Tier = rule && rule.red > 0 ? 'red' : 'yellow';
    const fileBlocks = files.map((block) => {
      // The file index links to a file's first block.
      const id = anchored.has(block.report) ? undefined : fileIds.get(block.report);
      anchored.add(block.report);
      blocks += 1;
      return fileBlock(block, id, blocks <= OPEN_FILE_BLOCKS, full);
    });
    const docsUrl = safeHref(rule?.docsUrl ?? '');
    return (
      `<section class="rule-group ${tier}" data-rule="${escapeHtml(ruleId)}"><h3>${badge(tier)}<a class="rule" href="${docsUrl}">${escapeHtml(ruleId)}</a>` +
      `<span class="n">${plural((rule?.red ?? 0) + (rule?.yellow ?? 0), 'finding')} in ${plural(files.length, 'file')}</span></h3>` +
      '<dl class="advice">' +
      `<dt>Why it matters</dt><dd>${escapeHtml(TIER_MEANINGS[tier])} <span class="desc">Rule: ${escapeHtml(ruleDescription(ruleId))}.</span></dd>` +
      `<dt>How to fix</dt><dd>${escapeHtml(ruleFixHint(ruleId))} <a href="${docsUrl}">Rule documentation →</a></dd>` +
      `</dl>${fileBlocks.join('')}</section>`
    );
  });
  return `<h2>Findings</h2>${sections.join('')}`;
}

function notAnalyzedSection(reports: readonly FileReport[]): string {
  const rows = reports.flatMap((report) =>
    report.diagnostics.map((diagnostic) => {
      const where = diagnostic.line === undefined ? '' : `:${diagnostic.line}:${diagnostic.column ?? 0}`;
      return (
        `<tr data-diagnostic="${escapeHtml(diagnostic.kind)}"><td class="path">${escapeHtml(report.relativePath + where)}</td>` +
        `<td><code>${escapeHtml(diagnostic.kind)}</code></td><td>${escapeHtml(diagnostic.message)}</td></tr>`
      );
    }),
  );
  if (rows.length === 0) return '';
  return (
    '<section class="skipped"><h2>Not fully analyzed</h2><p class="hint">These files were skipped or only searched for credential shapes; the scan went on without them.</p>' +
    `<table><thead><tr><th>File</th><th>Why</th><th>Details</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

/** The page, from scan results; deterministic (no clock, no environment). */
export const formatHtml = ({ reports, filesWalked }: FormatInput): string => {
  // Production code first, then each role; within each, files with red findings first, in path order.
  const rank = (report: FileReport): number => (report.role === undefined ? 0 : 2) + (report.findings.some((finding) => finding.tier === 'red') ? 0 : 1);
  const withFindings = reports.filter((report) => report.findings.length > 0).sort((a, b) => rank(a) - rank(b));
  const fileIds = new Map(withFindings.map((report, index) => [report, `file-${index + 1}`]));
  const findings = withFindings.flatMap((report) => report.findings);
  const red = findings.filter((finding) => finding.tier === 'red').length;
  const yellow = findings.length - red;
  const notAnalyzed = reports.filter((report) => report.diagnostics.length > 0).length;
  const rules = summarizeRules(withFindings);
  const title = findings.length === 0 ? 'claude-auth-lint: no problems' : `claude-auth-lint: ${plural(findings.length, 'problem')} in ${plural(withFindings.length, 'file')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${HTML_REPORT_CSS}</style>
</head>
<body>
<main>
<header class="top"><h1>claude-auth-lint report</h1><p class="meta">${plural(filesWalked, 'file')} scanned · policy of ${escapeHtml(POLICY_VERSION)} · claude-auth-lint ${escapeHtml(PACKAGE_INFO.version)}</p></header>
${verdict(withFindings, red, yellow, filesWalked)}
${tierCards(red, yellow, withFindings.length, notAnalyzed)}
${rulesTable(rules)}
${fileIndex(withFindings, fileIds)}
${findingsSection(withFindings, rules, fileIds)}
${notAnalyzedSection(reports)}
<footer>Subscription (OAuth) credentials are for one person’s own use of Anthropic’s apps; products, services, bots and shared tools need an API key. Secrets in this report are shown as their prefix and last 4 characters. This page loads nothing from the network.</footer>
</main>
</body>
</html>
`;
};
