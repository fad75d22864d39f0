/// <reference lib="dom" />
/**
 * The HTML report of the demo repository, opened in a real browser: headless Chromium from
 * Debian's `chromium` package, driven by playwright-core. Skipped, with a message, where
 * /usr/bin/chromium is missing; in CI (`CI` set) a missing browser fails the test instead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import launchOptions from '../../scripts/chromium.json' with { type: 'json' };
import { main } from '../../src/cli.js';
import { findTokens } from '../../src/detect/tokens.js';
import { formatHtml } from '../../src/report/html.js';
import { groupFindings } from '../../src/scan/group.js';
import { applyPathRoles } from '../../src/scan/path-roles.js';
import { scan, type ScanResult } from '../../src/scan/run.js';
import type { Finding, FileReport } from '../../src/scan/finding.js';

const root = path.resolve(import.meta.dirname, '../..');
const demo = 'fixtures/repos/demo-app';
const hasChromium = existsSync(launchOptions.executablePath);
const inCi = Boolean(process.env.CI);

if (!hasChromium && !inCi) {
  console.warn(
    `SKIPPED: the HTML report's browser test needs Chromium at ${launchOptions.executablePath} ` +
      '(Debian: apt-get install chromium); .ci/run installs it.',
  );
}

describe.skipIf(!hasChromium && !inCi)('HTML report in Chromium', () => {
  let work: string;
  let browser: Browser;
  let page: Page;
  let expected: ScanResult;
  const requests: string[] = [];
  let reportUrl: string;

  beforeAll(async () => {
    expect(hasChromium, `CI must provide ${launchOptions.executablePath}: .ci/run installs Debian's chromium`).toBe(true);
    work = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-browser-'));
    const reportFile = path.join(work, 'report.html');
    const stderr: string[] = [];
    const exitCode = await main(['--format', 'html', '-o', reportFile, demo], {
      cwd: root,
      stdout: () => undefined,
      stderr: (text) => stderr.push(text),
      isTTY: false,
      env: {},
    });
    expect(stderr.join('')).toBe('');
    expect(exitCode).toBe(1);
    // What the command line shows: findings grouped by fact, files labelled by role.
    expected = groupFindings(applyPathRoles(await scan([demo], { cwd: root })));
    reportUrl = pathToFileURL(reportFile).href;
    browser = await chromium.launch(launchOptions);
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(reportUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('loads nothing but the page itself', () => {
    expect(requests).toEqual([reportUrl]);
  });

  it('shows every finding of the scan with its rule, file, line and tier, red first', async () => {
    const shown = await page.$$eval('article.finding', (articles) =>
      articles.map((article) => {
        const data = (article as HTMLElement).dataset;
        return `${data.file}:${data.line} ${data.rule} ${data.tier}`;
      }),
    );
    const scanned = expected.reports.flatMap((report) =>
      report.findings.map((finding) => `${report.relativePath}:${finding.line} ${finding.ruleId} ${finding.tier}`),
    );
    expect(scanned.length).toBeGreaterThan(0);
    expect([...shown].sort()).toEqual([...scanned].sort());
    // The most serious first.
    expect(shown[0]?.endsWith(' red')).toBe(scanned.some((entry) => entry.endsWith(' red')));
  });

  it('shows the demo repository’s planted problems', async () => {
    const text = await page.locator('body').innerText();
    for (const file of ['src/lib/config.ts', 'src/lib/claude-login.ts', 'worker/summarize.py', 'scripts/refresh-staging-token.sh']) {
      expect(text).toContain(`${demo}/${file}`);
    }
    const configFindings = page.locator(`article.finding[data-file="${demo}/src/lib/config.ts"]`);
    await expect(configFindings.first().getAttribute('data-rule')).resolves.toBe('claude-auth/no-embedded-token');
    expect(await page.locator('article.finding[data-rule="claude-auth/no-credential-store-read"]').count()).toBeGreaterThanOrEqual(5);
  });

  it('counts findings by tier and by rule in the summary', async () => {
    const findings = expected.reports.flatMap((report) => report.findings);
    const red = findings.filter((finding) => finding.tier === 'red').length;
    expect(await page.locator('[data-tier-count="red"] .big').innerText()).toBe(String(red));
    expect(await page.locator('[data-tier-count="yellow"] .big').innerText()).toBe(String(findings.length - red));
    for (const ruleId of new Set(findings.map((finding) => finding.ruleId))) {
      const row = page.locator(`table.rules tr[data-rule="${ruleId}"]`);
      const cells = await row.locator('td.num').allInnerTexts();
      const ofRule = findings.filter((finding) => finding.ruleId === ruleId);
      expect(cells.map(Number)).toEqual([
        ofRule.filter((finding) => finding.tier === 'red').length,
        ofRule.filter((finding) => finding.tier === 'yellow').length,
        expected.reports.filter((report) => report.findings.some((finding) => finding.ruleId === ruleId)).length,
      ]);
    }
  });

  it('shows redacted code around each finding, never the token itself', async () => {
    const config = await readFile(path.join(root, demo, 'src/lib/config.ts'), 'utf8');
    const [planted] = findTokens(config);
    expect(planted).toBeDefined();
    const html = await page.content();
    expect(html).not.toContain(planted?.token);
    const excerpt = await page.locator(`article.finding[data-file="${demo}/src/lib/config.ts"] pre.code`).first().innerText();
    expect(excerpt).toContain(`sk-ant-oat01-…${planted?.token.slice(-4)}`);
    expect(excerpt).toContain('fallbackToken');
  });

  it('is laid out for reading: styles applied, tier colours, no sideways scrolling', async () => {
    const badge = page.locator('article.finding.red .badge').first();
    expect(await badge.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(180, 35, 24)');
    const codeFont = await page.locator('pre.code').first().evaluate((element) => getComputedStyle(element).fontFamily);
    expect(codeFont).toContain('monospace');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1200);
    const box = await page.locator('article.finding').first().boundingBox();
    expect(box?.height).toBeGreaterThan(100);
  });

  it('links each finding to its rule documentation', async () => {
    const hrefs = await page.locator('article.finding a.rule').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/github\.com\/claude-auth-lint\/claude-auth-lint\/blob\/main\/docs\/rules\/[a-z-]+\.md$/);
  });

  it('opens a generated report of 10,000 findings in under 2 s', async () => {
    const rules = ['no-credential-store-read', 'no-claude-code-impersonation', 'no-embedded-token', 'no-multi-user-surface'];
    const reports: FileReport[] = Array.from({ length: 500 }, (_, file) => ({
      filePath: `/repo/src/module-${file}.ts`,
      relativePath: `src/module-${file}.ts`,
      ...(file % 3 === 0 ? { role: 'test' as const } : {}),
      diagnostics: [],
      findings: Array.from({ length: 20 }, (_, index): Finding => {
        const rule = rules[index % rules.length] ?? 'no-embedded-token';
        const line = index * 7 + 3;
        return {
          ruleId: `claude-auth/${rule}`,
          messageId: 'generated',
          message: `Finding ${index} of \`module-${file}\`: reads \`claudeAiOauth\` here.`,
          tier: rule === 'no-multi-user-surface' ? 'yellow' : 'red',
          severity: rule === 'no-multi-user-surface' ? 1 : 2,
          line,
          column: 5,
          endLine: line,
          endColumn: 30,
          docsUrl: `https://github.com/claude-auth-lint/claude-auth-lint/blob/main/docs/rules/${rule}.md`,
          fingerprint: `${file}-${index}`,
          snippet: [line - 2, line - 1, line, line + 1, line + 2].map((number) => ({ line: number, text: `  const value${number} = credentials.claudeAiOauth.accessToken; // line ${number}` })),
        };
      }),
    }));
    expect(reports.reduce((sum, report) => sum + report.findings.length, 0)).toBe(10_000);
    const file = path.join(work, 'large.html');
    await writeFile(file, formatHtml({ reports, filesWalked: 500, filesSkippedByName: 0, color: false }));
    const large = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      // Chromium's own clock for the load, and the main thread's CPU time for it: on a machine busy
      // with other work the first grows, the second does not, and it is what an idle machine's load takes.
      const cdp = await large.context().newCDPSession(large);
      await cdp.send('Performance.enable');
      const threadTime = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? 0;
      const before = await threadTime();
      await large.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const cpuMs = ((await threadTime()) - before) * 1000;
      const loadedMs = await large.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
      expect(cpuMs).toBeGreaterThan(0);
      expect(Math.min(cpuMs, loadedMs)).toBeLessThan(2000);
      expect(await large.locator('article.finding').count()).toBe(10_000);
      expect(await large.locator('article.finding:not(.compact)').count()).toBeLessThanOrEqual(300);
    } finally {
      await large.close();
    }
  }, 60_000);
});
