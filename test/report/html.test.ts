import { describe, expect, it } from 'vitest';
import { loadFormatter } from '../../src/report/index.js';
import { escapeHtml, formatHtml } from '../../src/report/html.js';
import { scan } from '../../src/scan/run.js';
import { ruleByName } from '../../src/rule-info.js';
import type { Finding, FileReport } from '../../src/scan/finding.js';
import { createSnippetMaker } from '../../src/scan/snippet.js';
import { makeRepo } from '../helpers/temp-repo.js';
import { fakeCredential } from '../support/fake-credentials.js';

const RULE_DOCS = 'https://github.com/claude-auth-lint/claude-auth-lint/blob/main/docs/rules';

function finding(ruleName: string, tier: 'red' | 'yellow', line: number, message = 'A message.'): Finding {
  return {
    ruleId: `claude-auth/${ruleName}`,
    messageId: 'm',
    message,
    tier,
    severity: tier === 'red' ? 2 : 1,
    line,
    column: 3,
    endLine: line,
    endColumn: 9,
    docsUrl: `${RULE_DOCS}/${ruleName}.md`,
    fingerprint: `${ruleName}-${line}`,
    snippet: [
      { line: line - 1, text: 'before();' },
      { line, text: 'hit();' },
    ],
  };
}

function report(relativePath: string, findings: Finding[], diagnostics: FileReport['diagnostics'] = []): FileReport {
  return { filePath: `/repo/${relativePath}`, relativePath, findings, diagnostics };
}

/** The text content of the element carrying `attribute`, e.g. a summary card's number. */
function bigNumberOf(html: string, attribute: string): number {
  const match = new RegExp(`${attribute}[^>]*><span class="big">(\\d+)</span>`).exec(html);
  if (!match) throw new Error(`no ${attribute} in the report`);
  return Number(match[1]);
}

/** Every start tag in the page, by name. */
function tagNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((match) => (match[1] ?? '').toLowerCase()));
}

describe('escapeHtml', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('makes bidirectional and control characters visible instead of letting them reorder text', () => {
    expect(escapeHtml('invoice\u202Efdp.js')).toBe('invoice[U+202E]fdp.js');
    expect(escapeHtml('a\u0000b\nc\u2066d')).toBe('a[U+0000]b[U+000A]c[U+2066]d');
    expect(escapeHtml('tab\tstays')).toBe('tab\tstays');
  });
});

describe('formatHtml', () => {
  const reports = [
    report('src/a.ts', [finding('no-embedded-token', 'red', 4), finding('no-embedded-token', 'yellow', 9)]),
    report('src/b.py', [
      finding('no-credential-store-read', 'red', 2),
      finding('no-credential-store-read', 'red', 7),
      finding('no-multi-user-surface', 'yellow', 12),
    ]),
    report('dist/bundle.js', [], [{ kind: 'minified', message: 'Not parsed: a line is over 5000 characters.' }]),
  ];
  const html = formatHtml({ reports, filesWalked: 40, filesSkippedByName: 3, color: false });

  it('is registered as --format html', async () => {
    expect(await loadFormatter('html')).toBe(formatHtml);
  });

  it('summarises by tier and by file', () => {
    expect(bigNumberOf(html, 'data-tier-count="red"')).toBe(3);
    expect(bigNumberOf(html, 'data-tier-count="yellow"')).toBe(2);
    expect(bigNumberOf(html, 'data-files-with-findings')).toBe(2);
    expect(bigNumberOf(html, 'data-not-analyzed')).toBe(1);
    expect(html).toContain('<title>claude-auth-lint: 5 problems in 2 files</title>');
    expect(html).toContain('40 files scanned');
  });

  it('summarises by rule, with red and yellow counts and the number of files', () => {
    const row = (ruleName: string): string => {
      const match = new RegExp(`<tr data-rule="claude-auth/${ruleName}">(.*?)</tr>`).exec(html);
      if (!match) throw new Error(`no summary row for ${ruleName}`);
      return [...(match[1] ?? '').matchAll(/<td class="num[^"]*">(?:<span[^>]*>)?(\d+)/g)].map((cell) => cell[1]).join(' ');
    };
    expect(row('no-embedded-token')).toBe('1 1 1');
    expect(row('no-credential-store-read')).toBe('2 0 1');
    expect(row('no-multi-user-surface')).toBe('0 1 1');
  });

  it('shows every finding with its place, excerpt, why it matters, how to fix and the docs link', () => {
    const articles = html.match(/<article class="finding /g) ?? [];
    expect(articles).toHaveLength(5);
    expect(html).toContain('<span class="dir">src/b.py</span>:7:3');
    expect(html).toContain('<span class="line hit red"><span class="ln">7</span>hit();</span>');
    const docs = ruleByName('no-credential-store-read').meta.docs;
    expect(html).toContain(`Rule: ${escapeHtml(docs?.description ?? 'no description')}.`);
    expect(html).toContain(`<dt>How to fix</dt><dd>${escapeHtml(docs?.fixHint ?? 'no fix hint')} `);
    expect(html).toContain(`href="${RULE_DOCS}/no-multi-user-surface.md"`);
  });

  it('groups findings by rule (red rules first), then by file: production code first, red first, each in path order', () => {
    const order = (page: string): string[] =>
      [...page.matchAll(/<section class="rule-group \w+" data-rule="claude-auth\/([a-z-]+)">|<details class="file"[^>]*><summary><span class="path">([^<]*)</g)].map((match) => match[1] ?? match[2] ?? '');
    const mixed = formatHtml({
      reports: [
        report('a/yellow-only.ts', [finding('no-multi-user-surface', 'yellow', 3)]),
        { ...report('b/red.test.ts', [finding('no-embedded-token', 'red', 3)]), role: 'test' },
        report('c/both.py', [finding('no-multi-user-surface', 'yellow', 1), finding('no-embedded-token', 'red', 5)]),
        report('d/yellow-only.py', [finding('no-multi-user-surface', 'yellow', 2)]),
      ],
      filesWalked: 4,
      filesSkippedByName: 0,
      color: false,
    });
    expect(order(mixed)).toEqual(['no-embedded-token', 'c/both.py', 'b/red.test.ts', 'no-multi-user-surface', 'c/both.py', 'a/yellow-only.ts', 'd/yellow-only.py']);
    // Why it matters and how to fix: once per rule.
    expect(mixed.match(/<dt>Why it matters<\/dt>/g)).toHaveLength(2);
    expect(mixed).toContain('<span class="role">test</span>');
  });

  it('derives the headline from what was found and where', () => {
    const headline = (reports: FileReport[]): string =>
      /<p class="verdict \w+" data-verdict="\w+"><strong>([^<]*)<\/strong>/.exec(formatHtml({ reports, filesWalked: 9, filesSkippedByName: 0, color: false }))?.[1] ?? '';
    const testData = { ...report('test/fixtures/replay.ts', [finding('no-claude-code-impersonation', 'red', 4)]), role: 'fixture' as const };
    expect(headline([testData])).toBe('Red findings only in fixture files: Claude Code markers in test data. Production code has none.');
    expect(headline([testData, report('src/server.ts', [finding('no-credential-store-read', 'red', 9)])])).toBe(
      'This code uses Claude subscription credentials where an API key is required.',
    );
    expect(headline([report('src/proxy.ts', [finding('no-claude-code-impersonation', 'red', 2)])])).toMatch(/^This code poses as Claude Code/);
    expect(headline([report('src/config.ts', [finding('no-embedded-token', 'red', 2)])])).toMatch(/^A Claude subscription credential is written into this repository/);
  });

  it('renders inline code in messages, and collapses a finding\'s repeats', () => {
    const repeated: Finding = {
      ...finding('no-credential-store-read', 'red', 4, 'Handles `claudeAiOauth`, <b>not</b> HTML.'),
      occurrences: [
        { line: 9, column: 5, endLine: 9, endColumn: 18, fingerprint: 'x' },
        { line: 14, column: 5, endLine: 14, endColumn: 18, fingerprint: 'y' },
      ],
    };
    const page = formatHtml({ reports: [report('src/a.ts', [repeated])], filesWalked: 1, filesSkippedByName: 0, color: false });
    expect(page).toContain('<p class="message">Handles <code>claudeAiOauth</code>, &lt;b&gt;not&lt;/b&gt; HTML.</p>');
    expect(page).toContain('<span class="times">×3</span>');
    expect(page).toContain('<details class="repeats"><summary>The same finding at 2 more places in this file</summary><ul class="places"><li>9:5</li><li>14:5</li></ul></details>');
  });

  it('masks credential values in excerpts, never other text', () => {
    const make = createSnippetMaker(
      [
        "headers['anthropic-beta'] = 'oauth-2025-04-20';",
        'const service = "Claude Code-credentials"; // 9d1c250a-e61b-44d9-88ed-5944d1962f5e',
        `const t = 'sk-ant-oat01-' + '${fakeCredential('oat01').slice(13, 60)}' + '${fakeCredential('oat01').slice(60)}';`,
      ].join('\n'),
    );
    const [first, second, third] = make(2, 1).map((line) => line.text);
    expect(first).toBe("headers['anthropic-beta'] = 'oauth-2025-04-20';");
    expect(second).toBe('const service = "Claude Code-credentials"; // 9d1c250a-e61b-44d9-88ed-5944d1962f5e');
    expect(third).not.toContain(fakeCredential('oat01').slice(13, 60));
    expect(third).not.toContain(fakeCredential('oat01').slice(60, -4));
  });

  it('lists the files that were not fully analyzed at the end', () => {
    const section = html.slice(html.indexOf('<section class="skipped">'));
    expect(section).toContain('<tr data-diagnostic="minified"><td class="path">dist/bundle.js</td>');
    expect(html.indexOf('<section class="skipped">')).toBeGreaterThan(html.lastIndexOf('<article class="finding'));
  });

  it('is self-contained: no script, no external resource, a policy that forbids fetching', () => {
    const tags = tagNames(html);
    for (const tag of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'base', 'form']) expect(tags.has(tag)).toBe(false);
    expect(html).not.toMatch(/\b(src|srcset)=/);
    expect(html).not.toMatch(/url\(|@import/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('says so when there is nothing to report', () => {
    const clean = formatHtml({ reports: [], filesWalked: 7, filesSkippedByName: 0, color: false });
    expect(clean).toContain('data-verdict="clean"');
    expect(clean).not.toContain('<article');
  });

  it('escapes hostile file names, messages, code and diagnostics', () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const evil = report(`src/${hostile}.ts`, [finding('no-embedded-token', 'red', 3, `Token ${hostile}`)], [
      { kind: 'parse-error', message: `Could not parse: ${hostile}`, line: 1, column: 1 },
    ]);
    const snippetFinding = evil.findings[0];
    if (snippetFinding) snippetFinding.snippet = [{ line: 3, text: `</code></pre>${hostile}` }];
    const page = formatHtml({ reports: [evil], filesWalked: 1, filesSkippedByName: 0, color: false });
    const tags = tagNames(page);
    expect(tags.has('script')).toBe(false);
    expect(tags.has('img')).toBe(false);
    expect(page).not.toContain(hostile);
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(page.match(/<\/pre>/g)).toHaveLength(1);
  });

  it('only links to http(s) documentation', () => {
    const sneaky = finding('no-embedded-token', 'red', 3);
    sneaky.docsUrl = 'javascript:alert(1)';
    const page = formatHtml({ reports: [report('a.ts', [sneaky])], filesWalked: 1, filesSkippedByName: 0, color: false });
    expect(page).not.toContain('javascript:');
  });
});

describe('formatHtml over a real scan', () => {
  it('never contains a whole secret, and shows each hostile name escaped', async () => {
    const token = fakeCredential('oat01');
    const root = await makeRepo({
      'src/<b onmouseover=alert(1)>.env': `PORT=1\nCLAUDE_CODE_OAUTH_TOKEN=${token}\n`,
      [`src/quote"and'amp&.ts`]: `export const token = '${token}';\n`,
      'src/invoice\u202Esj.js': `const fallback = "${token}";\nexport default fallback;\n`,
    });
    const result = await scan(['.'], { cwd: root });
    const findings = result.reports.flatMap((fileReport) => fileReport.findings);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    const html = formatHtml({ ...result, color: false });
    expect(html).not.toContain(token);
    expect(html).not.toContain(token.slice(13, 40));
    expect(html).toContain(`sk-ant-oat01-…${token.slice(-4)}`);
    expect(html).toContain('src/&lt;b onmouseover=alert(1)&gt;.env');
    expect(html).toContain('src/quote&quot;and&#39;amp&amp;.ts');
    expect(html).toContain('src/invoice[U+202E]sj.js');
    expect(tagNames(html).has('b')).toBe(false);
  });
});
