import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/run.js';

const REPOS = path.resolve(import.meta.dirname, '../../fixtures/repos');

async function findingsIn(repo: string): Promise<string[]> {
  const result = await scan(['.'], { cwd: path.join(REPOS, repo) });
  return result.reports.flatMap((report) =>
    report.findings.map((finding) => `${report.relativePath} ${finding.line}:${finding.column} ${finding.ruleId.replace('claude-auth/', '')} ${finding.messageId}`),
  );
}

describe('fixtures/repos in Ruby, Swift and Rust', () => {
  it('sinatra-review: the route reaches claude -p through the reviewer class; the comment is not a finding', async () => {
    expect(await findingsIn('sinatra-review')).toEqual(['app.rb 11:19 no-oauth-token-proxy servesFromSubscription']);
  });

  it('usage-menubar: the keychain item in Swift and Rust, not the doc comments that name it', async () => {
    expect(await findingsIn('usage-menubar')).toEqual([
      'Sources/UsageBar/KeychainReader.swift 8:27 no-credential-store-read keychain',
      'Sources/UsageBar/KeychainReader.swift 19:28 no-credential-store-read storedLoginKey',
      'vault/src/main.rs 4:36 no-credential-store-read keychain',
      'vault/src/main.rs 9:17 no-credential-store-read keychain',
    ]);
  });
});
