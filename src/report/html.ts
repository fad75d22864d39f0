/**
 * `--format html`: one self-contained page for a person reviewing a repository. A summary by tier
 * and by rule, then every finding with its file, line, a redacted excerpt of the code, why it
 * matters and how to fix it, then the files that could not be fully analyzed.
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
import { ruleNameOf } from '../rule-names.js';
import type { Finding, FileReport } from '../scan/finding.js';
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

function verdict(red: number, yellow: number, filesWithFindings: number, filesWalked: number): string {
  const scope = `${plural(filesWalked, 'file')} scanned`;
  if (red + yellow === 0) {
    return `<p class="verdict clean" data-verdict="clean"><strong>No problems found.</strong> ${scope}.</p>`;
  }
  const tier = red > 0 ? 'red' : 'yellow';
  const headline = red > 0 ? 'This code uses Claude subscription credentials where an API key is required.' : 'Some findings need a review: a grey area, or a leaked API key.';
  return (
    `<p class="verdict ${tier}" data-verdict="${tier}"><strong>${escapeHtml(headline)}</strong> ` +
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

function fileIndex(files: readonly FileReport[]): string {
  if (files.length === 0) return '';
  const items = files.map((report, index) => {
    const red = report.findings.filter((finding) => finding.tier === 'red').length;
    const yellow = report.findings.length - red;
    const counts = `${red > 0 ? `<span class="count red">${red}</span>` : ''}${yellow > 0 ? `<span class="count yellow">${yellow}</span>` : ''}`;
    return `<li><a href="#file-${index + 1}"><span class="path">${escapeHtml(report.relativePath)}</span></a>${counts}</li>`;
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

function findingArticle(report: FileReport, finding: Finding): string {
  const { tier } = finding;
  const location = `<span class="dir">${escapeHtml(report.relativePath)}</span>:${finding.line}:${finding.column}`;
  return (
    `<article class="finding ${tier}" data-rule="${escapeHtml(finding.ruleId)}" data-tier="${tier}" data-file="${escapeHtml(report.relativePath)}" data-line="${finding.line}">` +
    `<header>${badge(tier)}<span class="where">${location}</span><a class="rule" href="${safeHref(finding.docsUrl)}">${escapeHtml(finding.ruleId)}</a></header>` +
    `<p class="message">${escapeHtml(finding.message)}</p>` +
    snippetBlock(finding.snippet, finding) +
    '<dl class="advice">' +
    `<dt>Why it matters</dt><dd>${escapeHtml(TIER_MEANINGS[tier])} <span class="desc">Rule: ${escapeHtml(ruleDescription(finding.ruleId))}.</span></dd>` +
    `<dt>How to fix</dt><dd>${escapeHtml(ruleFixHint(finding.ruleId))} <a href="${safeHref(finding.docsUrl)}">Rule documentation →</a></dd>` +
    '</dl></article>'
  );
}

function fileSection(report: FileReport, index: number): string {
  const articles = report.findings.map((finding) => findingArticle(report, finding));
  return (
    `<section class="file" id="file-${index + 1}"><h3><span class="path">${escapeHtml(report.relativePath)}</span>` +
    `<span class="n">${plural(report.findings.length, 'finding')}</span></h3>${articles.join('')}</section>`
  );
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
  // The most serious first: files with red findings, then the rest, each group in path order.
  const hasRed = (report: FileReport): number => (report.findings.some((finding) => finding.tier === 'red') ? 0 : 1);
  const withFindings = reports.filter((report) => report.findings.length > 0).sort((a, b) => hasRed(a) - hasRed(b));
  const findings = withFindings.flatMap((report) => report.findings);
  const red = findings.filter((finding) => finding.tier === 'red').length;
  const yellow = findings.length - red;
  const notAnalyzed = reports.filter((report) => report.diagnostics.length > 0).length;
  const title = findings.length === 0 ? 'claude-auth-lint: no problems' : `claude-auth-lint: ${plural(findings.length, 'problem')} in ${plural(withFindings.length, 'file')}`;
  const findingsSection = withFindings.length === 0 ? '' : `<h2>Findings</h2>${withFindings.map(fileSection).join('')}`;
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
${verdict(red, yellow, withFindings.length, filesWalked)}
${tierCards(red, yellow, withFindings.length, notAnalyzed)}
${rulesTable(summarizeRules(withFindings))}
${fileIndex(withFindings)}
${findingsSection}
${notAnalyzedSection(reports)}
<footer>Subscription (OAuth) credentials are for one person’s own use of Anthropic’s apps; products, services, bots and shared tools need an API key. Secrets in this report are shown as their prefix and last 4 characters. This page loads nothing from the network.</footer>
</main>
</body>
</html>
`;
};
