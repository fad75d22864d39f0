import { describe, expect, it } from 'vitest';
import { scan, useGrammars } from './helpers.js';

useGrammars('shell');

describe('shell front end', () => {
  it('reports the keychain login exported as CLAUDE_CODE_OAUTH_TOKEN before claude -p runs', () => {
    const code = `#!/usr/bin/env bash
set -euo pipefail
creds=$(security find-generic-password -s "Claude Code-credentials" -w)
export CLAUDE_CODE_OAUTH_TOKEN="$(jq -r .claudeAiOauth.accessToken <<<"$creds")"
claude -p "$(cat prompt.md)" --output-format json > out.json
`;
    const findings = scan('shell', code);
    expect(findings).toContainEqual({ rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 3, column: 9 });
    expect(findings).toContainEqual({ rule: 'no-agent-sdk-subscription-auth', messageId: 'subscriptionEnv', severity: 2, line: 4, column: 1 });
  });

  it('reports unset ANTHROPIC_API_KEY and env -u before claude, and a token prefix on the command', () => {
    const code = `#!/bin/sh
unset ANTHROPIC_API_KEY
run() {
  env -u ANTHROPIC_API_KEY claude --print "$1"
}
CLAUDE_CODE_OAUTH_TOKEN="$TOKEN" claude -p "hello" | tee log.txt
`;
    expect(scan('shell', code)).toEqual([
      { rule: 'no-agent-sdk-subscription-auth', messageId: 'apiKeyRemoved', severity: 2, line: 2, column: 1 },
      { rule: 'no-agent-sdk-subscription-auth', messageId: 'apiKeyRemoved', severity: 2, line: 4, column: 3 },
      { rule: 'no-agent-sdk-subscription-auth', messageId: 'subscriptionEnv', severity: 2, line: 6, column: 1 },
    ]);
  });

  it('reports a keychain read whose service comes in a variable, in a script that names the service', () => {
    const code = `#!/bin/bash
service_for() { echo "Claude Code-credentials-$1"; }
check_one() {
  local service="$1"
  blob=$(security find-generic-password -s "$service" -w 2>/dev/null || echo "")
}
`;
    expect(scan('shell', code)).toContainEqual({ rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 5, column: 10 });
  });

  it('reports the token passed to docker run as yellow', () => {
    const code = `#!/bin/bash
docker run --rm -e CLAUDE_CODE_OAUTH_TOKEN -v "$PWD:/work" agent-image claude -p "$TASK"
`;
    expect(scan('shell', code)).toContainEqual({ rule: 'no-credential-mount', messageId: 'containerMountsLogin', severity: 1, line: 2, column: 1 });
  });

  it('leaves a personal script alone, and the stored login named in a comment', () => {
    const code = `#!/bin/bash
# Never cat ~/.claude/.credentials.json here: claude reads it itself.
claude -p "summarise $(git log -1 --format=%s)"
`;
    expect(scan('shell', code)).toEqual([]);
  });
});
