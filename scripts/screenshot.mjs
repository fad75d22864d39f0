// @ts-check
/**
 * `npm run screenshot`: renders the HTML report of the bundled demo repository in headless Chromium
 * (Debian's `chromium` package) and saves docs/report-screenshot.png for the README.
 * Needs a build (`npm run build`) and /usr/bin/chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../dist/src/cli.js';
import launchOptions from './chromium.json' with { type: 'json' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'docs', 'report-screenshot.png');
const work = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-screenshot-'));
const reportFile = path.join(work, 'report.html');

try {
  const exitCode = await main(['--format', 'html', '--output-file', reportFile, 'fixtures/repos/demo-app'], {
    cwd: root,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: false,
    env: {},
  });
  if (exitCode === 2) throw new Error('the scan of the demo repository failed');
  const browser = await chromium.launch(launchOptions);
  try {
    // The top of the page: the summary and the first findings, as a reader first sees them.
    const page = await browser.newPage({ viewport: { width: 1100, height: 1700 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(reportFile).href);
    await page.screenshot({ path: output });
  } finally {
    await browser.close();
  }
  console.log(`Wrote ${path.relative(root, output)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
