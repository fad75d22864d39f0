/**
 * Where a marker is decides whether it is a finding (src/detect/placement.ts): comments, docstrings
 * and strings that are only shown never produce a finding, in every file kind the scanner analyzes;
 * ignore files, Claude Code's own configuration and recorded traffic hold no impersonation; a
 * credential value is a finding everywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZER_SETUP } from '../../src/files/index.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { classify, classifyContent } from '../../src/scan/classify.js';
import { registerCommentRanges } from '../../src/detect/text-regions.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';

// Every analyzer ready, as a scan makes it before a file of its kind (an analyzer not loaded fails, and says so in a finding).
beforeAll(() => Promise.all(Object.values(ANALYZER_SETUP).map((setup) => setup())));

/** `line rule/messageId tier` of each finding of a file scanned at `path`. */
function findings(path: string, text: string): string[] {
  return analyzeText(text, path, classifyContent(classify(path), text)).findings.map(
    (finding) => `${finding.line} ${finding.ruleId.replace('claude-auth/', '')}/${finding.messageId} ${finding.tier}`,
  );
}

const STORE = 'no-credential-store-read';

describe('comments and documentation never produce a finding', () => {
  it.each([
    ['shell', 'scripts/backup.sh', '#!/bin/bash\n# Claude Code keeps its login in ~/.claude/.credentials.json\ncp "$HOME/.claude/.credentials.json" /backup/\n', [`3 ${STORE}/credentialsFile red`]],
    ['YAML', 'deploy/values.yaml', '# mount ~/.claude/.credentials.json? no: use an API key\nimage: app:1\nsecretPath: /root/.claude/.credentials.json\n', [`3 ${STORE}/credentialsFile red`]],
    ['.env.example', '.env.example', '# Do not paste the claudeAiOauth accessToken from ~/.claude/.credentials.json here\nANTHROPIC_API_KEY=\n', []],
    ['Dockerfile', 'Dockerfile', 'FROM node:22\n# never COPY ~/.claude/.credentials.json into the image\nRUN npm ci\n', []],
    ['Python', 'tools/login.py', '"""Reads nothing from ~/.claude/.credentials.json; see the docs."""\nimport os\n# the keychain item is "Claude Code-credentials"\nkey = os.environ["ANTHROPIC_API_KEY"]\n', []],
    ['TypeScript', 'src/auth.ts', '// We used to read ~/.claude/.credentials.json (claudeAiOauth) here.\n/* anthropic-beta: oauth-2025-04-20 */\nexport const key = process.env.ANTHROPIC_API_KEY;\n', []],
    ['Go', 'internal/auth/store.go', 'package auth\n// Claude Code uses "Claude Code-credentials" as service name\nconst service = "Claude Code-credentials"\n', [`3 ${STORE}/keychain red`]],
    ['Ruby', 'lib/auth.rb', '# reads "Claude Code-credentials"\nKEYCHAIN = "Claude Code-credentials"\nputs "#{KEYCHAIN}"\n', [`2 ${STORE}/keychain red`]],
  ])('%s', (_kind, path, text, expected) => {
    expect(findings(path, text)).toEqual(expected);
  });

  it('keeps a marker that only looks like a comment inside a string (a URL, Ruby interpolation)', () => {
    expect(findings('lib/oauth.rb', 'AUTHORIZE = "https://claude.ai/oauth/authorize" # Claude Code\n')).toEqual(['1 no-claude-code-impersonation/oauthEndpoint red']);
  });

  it('keeps a credential value in a comment red', () => {
    for (const [path, opener] of [['run.sh', '#'], ['src/app.ts', '//'], ['app.py', '#'], ['config.yaml', '#']] as const) {
      expect(findings(path, `${opener} token: ${FAKE_OAUTH_TOKEN}\n`), path).toEqual(['1 no-embedded-token/subscriptionToken red']);
    }
  });
});

describe('strings that are only shown never produce a finding', () => {
  it.each([
    ['Python print, logger and help text', 'cli.py', 'import argparse, logging\nlog = logging.getLogger()\nprint("Looks in ~/.claude/.credentials.json")\nlog.info("keychain item: Claude Code-credentials")\nargparse.ArgumentParser().add_argument("--x", help="reads claudeAiOauth")\n'],
    ['Python f-string in a log call', 'store.py', 'import logging\nfrom pathlib import Path\nlogger = logging.getLogger()\nclaude_dir = Path("/tmp/u") / ".claude"\nlogger.debug(f"created: {claude_dir / \'.credentials.json\'}")\n'],
    ['JS console.log and errors', 'src/cli.js', 'console.log("Reading ~/.claude/.credentials.json");\nthrow new Error(`No claudeAiOauth in Claude Code-credentials`);\n'],
    ['shell echo', 'doctor.sh', '#!/bin/sh\necho "Checking the Claude Code-credentials keychain item"\n'],
    ['Go fmt and log', 'main.go', 'package main\nfunc main() {\n\tfmt.Fprintf(os.Stderr, "[DEBUG] Service name: Claude Code-credentials\\n")\n\tlog.Printf("using anthropic-beta oauth-2025-04-20")\n}\n'],
    ['Swift logger', 'Sources/Keychain.swift', 'Self.logger.error("Keychain JSON missing \'claudeAiOauth\' key")\n'],
  ])('%s', (_kind, path, text) => {
    expect(findings(path, text)).toEqual([]);
  });

  it('keeps a string that a shown call does something with', () => {
    expect(findings('main.go', 'package main\nfunc main() {\n\tfmt.Println(exec.Command("security", "find-generic-password", "-s", "Claude Code-credentials"))\n}\n')).toEqual([
      `3 ${STORE}/keychain red`,
    ]);
  });
});

describe('places that hold no findings but credential values', () => {
  it('ignore files never produce findings', () => {
    for (const name of ['.gitignore', '.dockerignore', '.npmignore', '.claude-auth-lintignore']) {
      expect(findings(`sub/${name}`, '.claude/.credentials.json\n**/.claude/\n'), name).toEqual([]);
    }
  });

  it("Claude Code's own configuration is not a client of it", () => {
    const settings = '{ "permissions": { "deny": ["Read(~/.claude/.credentials.json)", "Bash(security find-generic-password -s \\"Claude Code-credentials\\")"] } }\n';
    expect(findings('.claude/settings.json', settings)).toEqual([]);
    expect(findings('.claude/settings.local.json', settings)).toEqual([]);
    expect(findings('CLAUDE.md', 'Never read ~/.claude/.credentials.json or send anthropic-beta: oauth-2025-04-20.\n')).toEqual([]);
    expect(findings('.claude/settings.json', `{ "env": { "CLAUDE_CODE_OAUTH_TOKEN": "${FAKE_OAUTH_TOKEN}" } }\n`)).toEqual(['1 no-embedded-token/subscriptionToken red']);
  });

  it('recorded traffic: the token is red, the recorded headers are data', () => {
    const capture = `{\n  "method": "POST",\n  "headers": {\n    "anthropic-beta": "oauth-2025-04-20,claude-code-20250219",\n    "authorization": "Bearer ${FAKE_OAUTH_TOKEN}",\n    "user-agent": "claude-cli/2.0.33 (external, cli)",\n    "x-app": "cli"\n  }\n}\n`;
    for (const path of ['captures/requests/001.json', 'docs/fixtures/replay.json', 'logs/proxy.jsonl', 'session.har']) {
      expect(findings(path, capture), path).toEqual(['5 no-embedded-token/subscriptionToken red']);
    }
  });

  it('a JSON changelog entry that names the stored login is prose; a config value is not', () => {
    expect(findings('changelog.json', '{ "1.2.0": ["Stopped reading ~/.claude/.credentials.json on Linux"] }\n')).toEqual([]);
    expect(findings('config.json', '{ "credentials": "~/.claude/.credentials.json" }\n')).toEqual([`1 ${STORE}/credentialsFile red`]);
  });

  it('Markdown only reports credential values', () => {
    expect(findings('README.md', `Claude Code reads ~/.claude/.credentials.json.\n\n\`\`\`sh\nexport T=${FAKE_OAUTH_TOKEN}\n\`\`\`\n`)).toEqual(['4 no-embedded-token/subscriptionToken red']);
  });
});

describe('registerCommentRanges', () => {
  it('lets a language front end supply the comment ranges of its extension', () => {
    const text = 'SERVICE = "Claude Code-credentials"\n';
    expect(findings('lib/keys.zzz', text)).toEqual([`1 ${STORE}/keychain red`]);
    registerCommentRanges(['.zzz'], (source) => [{ start: 0, end: source.indexOf('\n') }]);
    expect(findings('lib/keys.zzz', text)).toEqual([]);
  });
});
