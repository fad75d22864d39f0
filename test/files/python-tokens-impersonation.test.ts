import { describe, expect, it } from 'vitest';
import { messagesOf, scanPython, usePythonParser } from './python-helpers.js';

usePythonParser();

const finding = (rule: string, messageId: string, severity: number, line: number, column: number) => ({ rule, messageId, severity, line, column });

// Credentials of the right shape, made up for these tests.
const OAUTH_BODY = 'Xk2v9QmT7pL4sR8wN1cJ6bH3fD0gY5zA2eU7iO4kM9nB1vC8xZ3qW6tR0yP5lK2jH7gF4dS1aE9';
const OTHER_BODY = [...OAUTH_BODY].reverse().join('');
const API_KEY = 'sk-ant-api03-Y-kv5ZJr3J1TWDtkwtDDb_xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po_799NksnRH9ucAUsdMlHUvTCQCyEAA';

describe('no-embedded-token in Python', () => {
  it('reports written-out tokens (red) and API keys (yellow), and skips placeholders', () => {
    expect(
      scanPython(`OAUTH = "sk-ant-oat01-${OAUTH_BODY}"
KEY = "${API_KEY}"
EXAMPLE = "sk-ant-oat01-xxxx"  # what the docs show
`),
    ).toEqual([finding('no-embedded-token', 'subscriptionToken', 2, 1, 10), finding('no-embedded-token', 'apiKey', 1, 2, 8)]);
  });

  it('reports tokens assembled with +, implicit concatenation and base64, and never prints them whole', () => {
    const encoded = Buffer.from(`sk-ant-ort01-${OAUTH_BODY}`).toString('base64');
    const code = `import base64

PREFIX = "sk-ant-oat01-"
TOKEN = PREFIX + "${OAUTH_BODY}"
SPLIT = ("sk-ant-" "oat01-${OTHER_BODY.slice(0, 20)}"
         "${OTHER_BODY.slice(20)}")
REFRESH = base64.b64decode("${encoded}").decode()
`;
    expect(scanPython(code)).toEqual([
      finding('no-embedded-token', 'subscriptionToken', 2, 4, 9),
      finding('no-embedded-token', 'subscriptionToken', 2, 5, 10),
      finding('no-embedded-token', 'subscriptionToken', 2, 7, 11),
    ]);
    const messages = messagesOf(code).join('\n');
    expect(messages).toContain('sk-ant-oat01-…1aE9');
    expect(messages).not.toContain(OAUTH_BODY.slice(0, 12));
  });
});

describe('no-claude-code-impersonation in Python', () => {
  it('reports the client id, OAuth endpoints, beta values, CLI headers and system prompt', () => {
    const code = `CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"
TOKEN_URL = "https://console.anthropic.com/v1/oauth/token"
AUTHORIZE_URL = "https://claude.ai/oauth/authorize"
HEADERS = {
    "x-app": "cli",
    "User-Agent": "claude-cli/1.0.83 (external, cli)",
    "anthropic-beta": "claude-code-20250219,oauth-2025-04-20",
}
SYSTEM = "You are Claude Code, Anthropic's official CLI for Claude."
`;
    const rule = 'no-claude-code-impersonation';
    expect(scanPython(code)).toEqual([
      finding(rule, 'clientId', 2, 1, 13),
      finding(rule, 'oauthEndpoint', 2, 2, 13),
      finding(rule, 'oauthEndpoint', 2, 3, 17),
      finding(rule, 'cliHeader', 2, 5, 5),
      finding(rule, 'cliHeader', 2, 6, 19),
      finding(rule, 'betaHeader', 2, 7, 23),
      finding(rule, 'betaHeader', 2, 7, 23),
      finding(rule, 'systemPrompt', 2, 9, 10),
    ]);
    const messages = messagesOf(code).join('\n');
    expect(messages).toContain('`oauth-2025-04-20` beta value marks requests as authenticated with a Claude subscription’s OAuth token');
    expect(messages).toContain('`claude-code-20250219` beta value marks requests as sent by Claude Code itself');
    expect(messages).toContain('`User-Agent: claude-cli/1.0.83` makes requests look');
    expect(messages).not.toMatch(/\{\{/);
  });

  it('reports a beta value once where it is written, not again where a constant is used', () => {
    expect(
      scanPython(`BETA = "oauth-2025-04-20"
headers = {"anthropic-beta": f"{BETA},prompt-caching-2024-07-31"}
`),
    ).toEqual([finding('no-claude-code-impersonation', 'betaHeader', 2, 1, 8)]);
  });

  it('reports an OAuth path after a host held in a constant or a name that says Anthropic', () => {
    expect(
      scanPython(`import os

CONSOLE = "https://console.anthropic.com"
TOKEN_URL = f"{CONSOLE}/v1/oauth/token"
AUTHORIZE_URL = f"{os.environ['ANTHROPIC_CONSOLE_URL']}/oauth/authorize"
LOCAL_ROUTE = f"{PREFIX}/v1/oauth/token"
`),
    ).toEqual([finding('no-claude-code-impersonation', 'oauthEndpoint', 2, 4, 13), finding('no-claude-code-impersonation', 'oauthEndpoint', 2, 5, 17)]);
  });

  it('stays silent where a proxy only compares incoming values, and on workload identity federation', () => {
    expect(
      scanPython(`def is_claude_code(request):
    betas = request.headers.get("anthropic-beta", "").split(",")
    if "claude-code-20250219" in betas or request.headers.get("x-app") == "cli":
        return True
    return request.headers.get("user-agent", "").startswith("claude-cli/")
`),
    ).toEqual([]);
    expect(
      scanPython(`import httpx

response = httpx.post(
    "https://api.anthropic.com/v1/oauth/token",
    headers={"anthropic-beta": "oauth-2025-04-20,oidc-federation-2025-10-01"},
    data={"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": jwt},
)
`),
    ).toEqual([]);
  });

  it('stays silent on ordinary API headers and other user agents', () => {
    expect(
      scanPython(`import os

headers = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "anthropic-beta": "prompt-caching-2024-07-31",
    "User-Agent": "my-claude-client/2.1",
    "x-app": "dashboard",
}
`),
    ).toEqual([]);
  });
});
