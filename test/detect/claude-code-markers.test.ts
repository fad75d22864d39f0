import { describe, expect, it } from 'vitest';
import {
  CLAUDE_CODE_CLIENT_ID,
  CLIENT_ID_BASE64_FRAGMENTS,
  findTextMarkers,
  claudeCodeEndpoint,
  findValueMarkers,
  isFederationMarker,
  unknownHostEndpoint,
} from '../../src/detect/claude-code-markers.js';
import { runMarkers } from '../../src/detect/markers.js';
import { containsAny, RULE_TRIGGERS } from '../../src/detect/triggers.js';
import { createLocator } from '../../src/scan/finding.js';

const RULE = 'no-claude-code-impersonation';

/** The impersonation findings of the text markers, as `line:column messageId`. */
function impersonation(text: string, tokensOnly = false): string[] {
  const locate = createLocator(text);
  return runMarkers(text, { tokensOnly })
    .filter((finding) => finding.ruleName === RULE)
    .map((finding) => {
      const { line, column } = locate(finding.start);
      return `${line}:${column} ${finding.messageId}`;
    });
}

/** Where `needle` starts in `text` (its `nth` occurrence, 1-based), as `line:column`. */
function at(text: string, needle: string, nth = 1): string {
  let index = -1;
  for (let seen = 0; seen < nth; seen += 1) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`sample has no ${nth}. "${needle}"`);
  }
  const { line, column } = createLocator(text)(index);
  return `${line}:${column}`;
}

const PYTHON = `import base64
import requests

CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"
TOKEN_URL = "https://console.anthropic.com/v1/oauth/token"
VERSION = "1.0.83"


def refresh(refresh_token: str) -> dict:
    body = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": CLIENT_ID}
    return requests.post(TOKEN_URL, json=body, timeout=30).json()


HEADERS = {
    "anthropic-beta": "oauth-2025-04-20,claude-code-20250219",
    "x-app": "cli",
    "User-Agent": f"claude-cli/{VERSION} (external, cli)",
}
SYSTEM = [{"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude."}]
`;

const SHELL = `#!/usr/bin/env bash
set -euo pipefail
curl -sS https://platform.claude.com/v1/oauth/token \\
  -H 'Content-Type: application/json' \\
  -d "{\\"grant_type\\":\\"refresh_token\\",\\"refresh_token\\":\\"$REFRESH\\",\\"client_id\\":\\"9d1c250a-e61b-44d9-88ed-5944d1962f5e\\"}"
curl https://api.anthropic.com/v1/messages \\
  -H "Authorization: Bearer $TOKEN" \\
  -H "anthropic-beta: oauth-2025-04-20" \\
  -H "x-app: cli" \\
  -H "User-Agent: claude-cli/1.0.83 (external, cli)"
`;

const YAML = `oauth:
  client_id: 9d1c250a-e61b-44d9-88ed-5944d1962f5e
  authorize_url: https://claude.ai/oauth/authorize
  token_url: https://console.anthropic.com/v1/oauth/token
upstream:
  base_url: https://api.anthropic.com
  headers:
    anthropic-beta: claude-code-20250219,oauth-2025-04-20
    x-app: cli
    user-agent: claude-cli/1.0.98 (external, cli)
`;

describe('Claude Code text markers', () => {
  it('finds every marker in a Python token refresher', () => {
    expect(impersonation(PYTHON)).toEqual([
      `${at(PYTHON, '9d1c250a')} clientId`,
      `${at(PYTHON, 'https://console')} oauthEndpoint`,
      `${at(PYTHON, 'oauth-2025-04-20')} betaHeader`,
      `${at(PYTHON, 'claude-code-20250219')} betaHeader`,
      `${at(PYTHON, 'cli"', 1)} cliHeader`,
      `${at(PYTHON, 'claude-cli/')} cliHeader`,
      `${at(PYTHON, 'You are Claude Code')} systemPrompt`,
    ]);
  });

  it('finds every marker in a shell script of curl calls', () => {
    expect(impersonation(SHELL)).toEqual([
      `${at(SHELL, 'https://platform')} oauthEndpoint`,
      `${at(SHELL, '9d1c250a')} clientId`,
      `${at(SHELL, 'oauth-2025-04-20')} betaHeader`,
      `${at(SHELL, 'cli"')} cliHeader`,
      `${at(SHELL, 'claude-cli/')} cliHeader`,
    ]);
  });

  it('finds every marker in a YAML config', () => {
    expect(impersonation(YAML)).toEqual([
      `${at(YAML, '9d1c250a')} clientId`,
      `${at(YAML, 'https://claude.ai')} oauthEndpoint`,
      `${at(YAML, 'https://console')} oauthEndpoint`,
      `${at(YAML, 'claude-code-20250219')} betaHeader`,
      `${at(YAML, 'oauth-2025-04-20')} betaHeader`,
      `${at(YAML, 'cli\n')} cliHeader`,
      `${at(YAML, 'claude-cli/')} cliHeader`,
    ]);
  });

  it('still finds beta values that are sent, next to code that compares', () => {
    const sample = `if beta == "x":\n    headers["anthropic-beta"] = "oauth-2025-04-20"\nfor b in ["claude-code-20250219", "oauth-2025-04-20"]:\n    add(b)\nsend(headers={"anthropic-beta": "oauth-2025-04-20"}) if is_oauth else send()\n`;
    expect(impersonation(sample)).toEqual([
      `${at(sample, 'oauth-2025-04-20')} betaHeader`,
      `${at(sample, 'claude-code-20250219')} betaHeader`,
      `${at(sample, 'oauth-2025-04-20', 2)} betaHeader`,
      `${at(sample, 'oauth-2025-04-20', 3)} betaHeader`,
    ]);
  });

  it('finds the client id inside base64 at every alignment', () => {
    for (const prefix of ['', 'x', 'xy', '{"client_id":"']) {
      const json = `${prefix}${CLAUDE_CODE_CLIENT_ID}","scope":"user:inference"}`;
      for (const encoding of ['base64', 'base64url'] as const) {
        const text = `{ "bootstrap": "${Buffer.from(json).toString(encoding)}" }`;
        expect(impersonation(text), `${encoding} of ${json}`).toEqual([`${at(text, CLIENT_ID_BASE64_FRAGMENTS.find((f) => text.includes(f)) ?? '?')} clientId`]);
      }
    }
  });

  it('reports nothing in prose, which explains these markers', () => {
    const readme = `# How it works\n\nClaude Code logs in at https://claude.ai/oauth/authorize with client id ${CLAUDE_CODE_CLIENT_ID}\nand sends \`anthropic-beta: oauth-2025-04-20\` and \`x-app: cli\`.\n`;
    expect(impersonation(readme, true)).toEqual([]);
    expect(impersonation(readme)).not.toEqual([]);
  });

  it('stays silent on look-alikes: other providers, own routes, other header values, prose', () => {
    const samples = [
      // Another provider's OAuth and x-app: cli in a file that never names Anthropic.
      `GITHUB_TOKEN_URL = "https://github.com/login/oauth/access_token"\nheaders = {"x-app": "cli", "User-Agent": "acme-cli/2.0"}\n`,
      // Our own server's route, the Anthropic SDK with an API key, another x-app value.
      `import anthropic, os\nclient = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])\n@app.post("/v1/oauth/token")\ndef token():\n    return issue()\nheaders = {"x-app": "dashboard", "x-app-mode": "cli"}\nlog.info("Claude Code session started; x-app: cli-helper")\n`,
      // Other CLIs' user agents and a user agent merely containing the word.
      `user_agent: gh-cli/2.40.1\nUSER_AGENT = "claude-code-router/1.0.2"\nagent = "claude-cli/1.0"  # not a header\n`,
      // Workload identity federation against the API host: the OAuth beta with API-billed tokens.
      `token_url = "https://api.anthropic.com/v1/oauth/token"\nbody = {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": jwt}\nheaders = {"anthropic-beta": "oauth-2025-04-20,oidc-federation-2026-04-01"}\n`,
      // A proxy that receives Claude Code's requests only tests the incoming beta values.
      `v = headers.pop("anthropic-beta", None)\nif v not in [None, "claude-code-20250219"]:\n    raise ValueError(v)\nif "oauth-2025-04-20" in betas and beta == "oauth-2025-04-20":\n    pass\n`,
      'if [[ "$beta" == "claude-code-20250219" ]]; then exit 1; fi\n',
      // The MCP connector callback of claude.ai, and a system prompt of one's own.
      `redirect_uris:\n  - https://claude.ai/api/mcp/auth_callback\nsystem_prompt: You are a reviewer. Claude Code wrote this patch.\n`,
    ];
    for (const sample of samples) expect(impersonation(sample), sample).toEqual([]);
  });

  it('never reports in a file without one of the rule’s trigger words', () => {
    const triggers = RULE_TRIGGERS[RULE] ?? [];
    for (const sample of [PYTHON, SHELL, YAML]) expect(containsAny(sample, triggers)).toBe(true);
    for (const fragment of CLIENT_ID_BASE64_FRAGMENTS) expect(containsAny(`x${fragment}y`, triggers)).toBe(true);
  });
});

describe('Claude Code value markers', () => {
  it('reads a claude-cli user agent and an x-app header line out of values', () => {
    expect(findValueMarkers('claude-cli/1.0.83 (external, cli)').map((m) => m.data?.header)).toEqual(['User-Agent: claude-cli/1.0.83']);
    expect(findValueMarkers('acme/2.0 claude-cli/*').map((m) => m.kind)).toEqual(['cliHeader']);
    expect(findValueMarkers("-H 'x-app: cli'").map((m) => m.data?.header)).toEqual(['x-app: cli']);
    expect(findValueMarkers('my-claude-cli/1.0')).toEqual([]);
    expect(findValueMarkers('x-app: client')).toEqual([]);
  });

  it('matches endpoints on Anthropic hosts only, with their exact paths', () => {
    const urls = (value: string): string[] => findValueMarkers(value).map((m) => m.data?.url ?? '');
    expect(urls('https://console.anthropic.com/v1/oauth/token?x=1')).toEqual(['https://console.anthropic.com/v1/oauth/token']);
    expect(urls('https://claude.com/cai/oauth/authorize?code=true')).toEqual(['https://claude.com/cai/oauth/authorize']);
    expect(urls('https://api.anthropic.com/api/oauth/claude_cli/create_api_key')).toEqual(['https://api.anthropic.com/api/oauth/claude_cli/create_api_key']);
    expect(urls('https://console.anthropic.com.evil.dev/v1/oauth/token')).toEqual([]);
    expect(urls('https://auth.example.com/v1/oauth/token')).toEqual([]);
    expect(urls('https://console.anthropic.com/v1/oauth/token_info')).toEqual([]);
  });

  it('builds endpoints from a host and a path', () => {
    expect(claudeCodeEndpoint('platform.claude.com', '/v1/oauth/token')).toBe('https://platform.claude.com/v1/oauth/token');
    expect(claudeCodeEndpoint('console.anthropic.com:443', '/v1/oauth/token?grant_type=refresh_token')).toBe('https://console.anthropic.com:443/v1/oauth/token');
    expect(claudeCodeEndpoint('claude.ai', '/oauth/authorize')).toBe('https://claude.ai/oauth/authorize');
    expect(claudeCodeEndpoint('platform.claude.com', '/oauth/code/callback')).toBe('https://platform.claude.com/oauth/code/callback');
    expect(claudeCodeEndpoint('notclaude.ai', '/oauth/authorize')).toBeUndefined();
    expect(claudeCodeEndpoint('console.anthropic.com', '/v1/oauth/tokens')).toBeUndefined();
    expect(claudeCodeEndpoint('auth.acme.dev', '/v1/oauth/token')).toBeUndefined();
  });

  it('knows what workload identity federation legitimately carries', () => {
    expect(isFederationMarker({ kind: 'betaHeader', data: { value: 'oauth-2025-04-20' } })).toBe(true);
    expect(isFederationMarker({ kind: 'betaHeader', data: { value: 'claude-code-20250219' } })).toBe(false);
    expect(isFederationMarker({ kind: 'oauthEndpoint', data: { url: 'https://api.anthropic.com/v1/oauth/token' } })).toBe(true);
    expect(isFederationMarker({ kind: 'oauthEndpoint', data: { url: '$ANTHROPIC_BASE_URL/v1/oauth/token' } })).toBe(true);
    expect(isFederationMarker({ kind: 'oauthEndpoint', data: { url: 'https://platform.claude.com/v1/oauth/token' } })).toBe(false);
    expect(isFederationMarker({ kind: 'oauthEndpoint', data: { url: 'https://claude.ai/oauth/authorize' } })).toBe(false);
    expect(isFederationMarker({ kind: 'clientId' })).toBe(false);
  });

  it('finds endpoint paths after an unknown host, but not a bare route', () => {
    expect(unknownHostEndpoint('*/v1/oauth/token')).toEqual({ path: '/v1/oauth/token' });
    expect(unknownHostEndpoint('$ANTHROPIC_BASE_URL/v1/oauth/token')).toEqual({ path: '/v1/oauth/token', envName: 'ANTHROPIC_BASE_URL' });
    expect(unknownHostEndpoint('https://*/oauth/authorize')).toEqual({ path: '/oauth/authorize' });
    expect(unknownHostEndpoint('/v1/oauth/token')).toBeUndefined();
    expect(unknownHostEndpoint('*://*/v1/oauth/token')).toBeUndefined();
  });
});
