import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPublishSet, type PublishSet } from '../../src/files/publish-set.js';
import { walk } from '../../src/scan/walk.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';

/** Writes a tree of files (path → content) under a new temporary directory. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'claude-auth-publish-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

/** The publish set of a tree, filled as the scanner fills it: by a walk. */
async function publishSetOf(root: string): Promise<PublishSet> {
  const set = createPublishSet(root);
  for await (const entry of walk(root, { onDirectory: set.onDirectory })) void entry;
  return set;
}

/** The published files of a tree, relative to it, with their package. */
async function published(root: string): Promise<Record<string, string>> {
  const set = await publishSetOf(root);
  return Object.fromEntries([...(await set.files())].map(([file, label]) => [path.relative(root, file), label]).sort());
}

describe('createPublishSet', () => {
  it('follows files, .npmignore and the always-included files, package by package', async () => {
    const root = tree({
      'package.json': JSON.stringify({ name: 'cli', version: '1.0.0', files: ['lib/', '.env'] }),
      '.env': 'X=1',
      '.gitignore': '.env\n',
      'lib/index.js': '',
      'src/index.ts': '',
      'README.md': '',
      'packages/helpers/package.json': JSON.stringify({ name: '@acme/helpers', version: '0.2.0' }),
      'packages/helpers/.npmignore': '.env\ntest/\n',
      'packages/helpers/.env': 'X=1',
      'packages/helpers/index.js': '',
      'packages/helpers/test/index.test.js': '',
      'packages/private/package.json': JSON.stringify({ name: 'private', private: true }),
      'packages/private/.env': 'X=1',
    });
    expect(await published(root)).toEqual({
      '.env': 'cli@1.0.0',
      'README.md': 'cli@1.0.0',
      'lib/index.js': 'cli@1.0.0',
      'package.json': 'cli@1.0.0',
      'packages/helpers/index.js': '@acme/helpers@0.2.0',
      'packages/helpers/package.json': '@acme/helpers@0.2.0',
    });
  });

  it('publishes what .gitignore leaves when there is neither files nor .npmignore', async () => {
    const root = tree({
      'package.json': JSON.stringify({ name: 'tool' }),
      '.gitignore': '.env.local\n',
      '.env': 'X=1',
      '.env.local': 'X=1',
    });
    expect(Object.keys(await published(root))).toEqual(['.env', 'package.json']);
  });

  it('skips a package.json that does not parse', async () => {
    const root = tree({ 'package.json': '{ "name": ', 'index.js': '' });
    expect(await published(root)).toEqual({});
  });
});

describe('published files in a scan', () => {
  it('reads published files that the repository .gitignore keeps from the walk, in nested packages, and marks their findings', async () => {
    const { scan } = await import('../../src/scan/run.js');
    const cwd = tree({
      'package.json': JSON.stringify({ name: 'monorepo', private: true }),
      '.gitignore': '.env\n*.log\n',
      'packages/cli/package.json': JSON.stringify({ name: '@acme/cli', version: '2.0.0', files: ['bin/', '.env'] }),
      'packages/cli/.env': `CLAUDE_CODE_OAUTH_TOKEN=${FAKE_OAUTH_TOKEN}\n`,
      'packages/cli/bin/cli.js': '#!/usr/bin/env node\n',
      'packages/web/package.json': JSON.stringify({ name: '@acme/web', version: '1.0.0' }),
      'packages/web/.env': `CLAUDE_CODE_OAUTH_TOKEN=${FAKE_OAUTH_TOKEN}\n`,
    });
    const { reports } = await scan(['.'], { cwd });
    expect(reports.map((report) => [report.relativePath, report.findings.map((finding) => [finding.messageId, finding.publishedIn])])).toEqual([
      ['packages/cli/.env', [['publishedToken', '@acme/cli@2.0.0']]],
      // npm reads the package's own ignore files only: the monorepo's .gitignore does not keep this one out.
      ['packages/web/.env', [['publishedToken', '@acme/web@1.0.0']]],
    ]);
  });
});

describe('published build folders', () => {
  /** A CLI package that publishes only its build, with a token left in the bundle, and a private app that builds one too. */
  const files = (gitignore: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: '@acme/ticket-cli', version: '3.1.0', bin: { ticket: 'dist/cli.js' }, files: ['dist'] }),
    '.gitignore': gitignore,
    'src/cli.ts': "import { run } from './run.js';\nrun(process.argv.slice(2));\n",
    'dist/cli.js': `#!/usr/bin/env node\n"use strict";\nconst TOKEN = "${FAKE_OAUTH_TOKEN}";\nrequire("./run.js").run(process.argv.slice(2), TOKEN);\n`,
    'dist/run.js': 'exports.run = () => undefined;\n',
    'apps/site/package.json': JSON.stringify({ name: 'site', private: true }),
    'apps/site/build/main.js': `const TOKEN = "${FAKE_OAUTH_TOKEN}";\n`,
  });
  const summary = (reports: { relativePath: string; findings: { severity: number; messageId: string; publishedIn?: string }[] }[]) =>
    reports.map((report) => [report.relativePath, report.findings.map((finding) => `${finding.severity} ${finding.messageId} ${finding.publishedIn}`)]);

  it('reads published files in folders the walk never enters: a token in a published dist/ file is red', async () => {
    const { scan } = await import('../../src/scan/run.js');
    for (const gitignore of ['', 'dist/\n']) {
      const cwd = tree(files(gitignore));
      const expected = [['dist/cli.js', ['2 publishedToken @acme/ticket-cli@3.1.0']]];
      expect(summary((await scan(['.'], { cwd })).reports), `.gitignore: ${JSON.stringify(gitignore)}`).toEqual(expected);
      expect(summary((await scan(['.'], { cwd, gitignore: false })).reports), `--no-gitignore, .gitignore: ${JSON.stringify(gitignore)}`).toEqual(expected);
    }
  });
});
