import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/run.js';

const REPO = path.resolve(import.meta.dirname, '../../fixtures/repos/go-gateway');

describe('Go packages in a scan (fixtures/repos/go-gateway)', () => {
  it('follows names and helpers across the files of a package, and reports nothing from a comment', async () => {
    const result = await scan(['.'], { cwd: REPO });
    const findings = result.reports.flatMap((report) =>
      report.findings.map((finding) => `${report.relativePath} ${finding.line}:${finding.column} ${finding.ruleId.replace('claude-auth/', '')} ${finding.messageId}`),
    );
    expect(findings).toEqual([
      'internal/auth/oauth.go 13:14 no-claude-code-impersonation oauthEndpoint',
      // The refresh grant posts (through `post`) to the TokenURL that oauth.go sets.
      'internal/auth/refresh.go 12:3 no-claude-code-impersonation oauthEndpoint',
      'internal/proxy/handler.go 26:31 no-oauth-token-proxy callsWithSubscription',
      'internal/proxy/headers.go 11:2 no-agent-sdk-subscription-auth subscriptionBearer',
      'internal/proxy/headers.go 12:27 no-claude-code-impersonation betaHeader',
    ]);
  });
});
