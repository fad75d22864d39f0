import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, classifyContent } from '../../src/scan/classify.js';
import { scan } from '../../src/scan/run.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/repos');

/** `file line:column rule messageId severity` for each finding of a scan. */
async function findingsUnder(directory: string): Promise<string[]> {
  const result = await scan(['.'], { cwd: directory });
  return result.reports.flatMap((report) =>
    report.findings.map(
      (finding) => `${report.relativePath} ${finding.line}:${finding.column} ${finding.ruleId.replace('claude-auth/', '')} ${finding.messageId} ${finding.severity}`,
    ),
  );
}

/**
 * Writes a believable mini project into a new temporary folder before the tests of a `describe`
 * block, and removes it after them.
 *
 * @param prefix - the temporary folder's name prefix
 * @param files - text by `/`-separated path
 * @returns the folder's path, once written
 */
function useProject(prefix: string, files: Record<string, string>): () => string {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), prefix));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(directory, name)), { recursive: true });
      await writeFile(path.join(directory, name), text);
    }
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  return () => directory;
}

describe('Python in a scan', () => {
  it('classifies text files by their python shebang, whatever their extension', () => {
    expect(classifyContent(classify('scripts/print-token'), '#!/usr/bin/env python3\nprint(1)\n')).toBe('python');
    expect(classifyContent('text', '#!/usr/bin/python2.7 -u\n')).toBe('python');
    expect(classifyContent('text', '#!/usr/bin/env -S uv run --script\n')).toBe('python');
    expect(classifyContent('text', '#!/bin/sh\nexec python3 tool.py\n')).toBe('shell');
    // A Python script named `.sh` is still Python (issue 17).
    expect(classifyContent('text', '#!/usr/bin/env python3\n')).toBe('python');
    expect(classifyContent('text', 'python is great\n')).toBe('text');
  });

  it('gives a finding of the project pass the path from the handler to the Claude call', async () => {
    const { reports } = await scan(['.'], { cwd: path.join(FIXTURES, 'slack-bot-py') });
    const call = reports.find((report) => report.relativePath === 'bot/app.py')?.findings.find((finding) => finding.line === 19);
    expect(call?.flow?.map((step) => `${step.relativePath}:${step.line} ${step.message}`)).toEqual([
      'bot/app.py:27 Slack bot handler (slack_bolt)',
      'bot/app.py:30 calls `ask_claude`',
      'bot/app.py:19 `claude` (the Claude Code CLI)',
    ]);
  });

  it('finds the FastAPI proxy’s violations and none in its green look-alikes', async () => {
    expect(await findingsUnder(path.join(FIXTURES, 'fastapi-proxy'))).toEqual([
      'gateway/main.py 13:14 no-claude-code-impersonation betaHeader 2',
      'gateway/main.py 14:15 no-credential-store-read credentialsFile 2',
      'gateway/main.py 19:48 no-credential-store-read storedLoginKey 2',
      'gateway/main.py 24:26 no-oauth-token-proxy callsWithSubscription 2',
      'gateway/main.py 36:1 no-oauth-token-proxy callsWithSubscription 2',
      'gateway/main.py 40:26 no-oauth-token-proxy callsWithSubscription 2',
      'gateway/main.py 44:1 no-oauth-token-proxy callsWithSubscription 2',
      'gateway/main.py 49:42 no-oauth-token-proxy forwardsCredential 2',
      'gateway/main.py 55:12 no-oauth-token-proxy returnsCredential 2',
      'gateway/refresh.py 9:13 no-claude-code-impersonation clientId 2',
      'gateway/refresh.py 10:13 no-claude-code-impersonation oauthEndpoint 2',
      'gateway/refresh.py 11:15 no-credential-store-read credentialsFile 2',
      'gateway/refresh.py 16:20 no-credential-store-read storedLoginKey 2',
      'scripts/print-token 8:7 no-credential-store-read keychain 2',
      'scripts/print-token 9:23 no-credential-store-read storedLoginKey 2',
    ]);
  });

  it('finds the Slack bot’s surfaces and nothing in its API-key, usage-log and personal-script look-alikes', async () => {
    expect(await findingsUnder(path.join(FIXTURES, 'slack-bot-py'))).toEqual([
      // The argument vector's literal, the claude run, each listener, the Agent SDK client.
      'bot/app.py 14:10 no-multi-user-surface surfaceReachesSubscription 1',
      'bot/app.py 19:14 no-multi-user-surface surfaceReachesSubscription 1',
      'bot/app.py 27:1 no-multi-user-surface surfaceReachesSubscription 1',
      'bot/app.py 33:1 no-multi-user-surface surfaceReachesSubscription 1',
      'bot/app.py 39:1 no-multi-user-surface surfaceReachesSubscription 1',
      'bot/app.py 43:16 no-multi-user-surface surfaceReachesSubscription 1',
    ]);
  });

  describe('a bot whose handler, registration and Claude client live in three modules', () => {
    const directory = useProject('claude-auth-lint-python-project-', {
      'src/bot/application.py': `from telegram.ext import Application, MessageHandler, filters

from .handlers import handle_message
from .middleware import allowed


def build(token):
    app = Application.builder().token(token).build()
    app.add_handler(MessageHandler(filters.TEXT, allowed(handle_message)))
    return app
`,
      'src/bot/middleware.py': `def allowed(handler):
    async def wrapper(update, context):
        return await handler(update, context)
    return wrapper
`,
      'src/bot/handlers.py': `from src.claude import ChatClient


async def handle_message(update, context):
    async with ChatClient(update.effective_chat.id) as client:
        await update.message.reply_text(await client.ask(update.message.text))
`,
      'src/claude/__init__.py': `from .client import ChatClient
`,
      'src/claude/client.py': `from claude_agent_sdk import ClaudeAgentOptions, ClaudeSDKClient


class ChatClient:
    def __init__(self, chat_id):
        self.chat_id = chat_id

    async def __aenter__(self):
        self._client = ClaudeSDKClient(options=ClaudeAgentOptions(max_turns=3))
        await self._client.connect()
        return self

    async def ask(self, text):
        await self._client.query(text)
        return "".join([str(message) async for message in self._client.receive_response()])
`,
      'src/web/status.py': `from pathlib import Path

from fastapi import FastAPI

app = FastAPI()


@app.get("/auth/status")
async def status():
    creds = Path("/root/.claude/.credentials.json")
    return {"authenticated": creds.exists() and creds.stat().st_size > 0}
`,
    });

    it('reports the registration, the handler, the call that leaves its module and the client, and not a status check of the login file', async () => {
      expect(await findingsUnder(directory())).toEqual([
        'src/bot/application.py 9:5 no-multi-user-surface surfaceReachesSubscription 1',
        'src/bot/handlers.py 4:11 no-multi-user-surface surfaceReachesSubscription 1',
        'src/bot/handlers.py 5:16 no-multi-user-surface surfaceReachesSubscription 1',
        'src/claude/client.py 9:24 no-multi-user-surface surfaceReachesSubscription 1',
      ]);
    });
  });

  describe('a folder of two repositories, one calling Claude', () => {
    const directory = useProject('claude-auth-lint-python-repositories-', {
      'shop-api/.gitignore': '__pycache__/\n',
      // `summarizer` is an installed package here, not the other repository's module.
      'shop-api/server.py': `from fastapi import FastAPI

from summarizer import summarize

app = FastAPI()


@app.post("/summary")
async def summary(text: str):
    return {"summary": summarize(text)}
`,
      'notes-cli/.gitignore': '.venv/\n',
      'notes-cli/summarizer.py': `import subprocess


def summarize(text):
    return subprocess.run(["claude", "-p", f"Summarize: {text}"], capture_output=True, text=True).stdout
`,
    });

    it('does not link a module of one repository to an import of the other', async () => {
      expect(await findingsUnder(directory())).toEqual([]);
    });

    it('links them when the folder is one repository (a README at its top)', async () => {
      await writeFile(path.join(directory(), 'README.md'), '# Two tools\n');
      try {
        expect(await findingsUnder(directory())).toEqual([
          'notes-cli/summarizer.py 5:12 no-oauth-token-proxy servesFromSubscription 2',
          'shop-api/server.py 8:1 no-oauth-token-proxy servesFromSubscription 2',
        ]);
      } finally {
        await rm(path.join(directory(), 'README.md'));
      }
    });
  });

  describe('a handler that reaches Claude through a subclass of a re-exported base class', () => {
    // Only main.py (a framework) and cli_call.py (`claude`) carry a trigger word: the pass reads
    // the other modules when it needs them, the subclass through the aliases of its base.
    const directory = useProject('claude-auth-lint-python-subclass-', {
      'app/main.py': `from fastapi import FastAPI

from app.runners import Runner

app = FastAPI()


@app.post("/ask")
async def ask(prompt: str):
    return Runner().run(prompt)
`,
      'app/runners.py': 'from app.base import Base as Runner  # the public name\n',
      'app/base.py': `class Base:
    def run(self, prompt):
        raise NotImplementedError
`,
      'app/worker.py': `from app.runners import (
    Runner  # re-exported
    as R,
)
from app.cli_call import complete


class Worker(R):
    def run(self, prompt):
        return complete(prompt)
`,
      'app/cli_call.py': `import subprocess


def complete(prompt):
    return subprocess.run(["claude", "-p", prompt], capture_output=True, text=True).stdout
`,
    });

    it('reports the handler, the subclass’s call and the Claude call', async () => {
      expect(await findingsUnder(directory())).toEqual([
        'app/cli_call.py 5:12 no-oauth-token-proxy servesFromSubscription 2',
        'app/main.py 8:1 no-oauth-token-proxy servesFromSubscription 2',
        'app/worker.py 10:16 no-oauth-token-proxy servesFromSubscription 2',
      ]);
    });
  });

  describe('a malformed Python file', () => {
    let directory = '';
    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-python-'));
      const token = `sk-ant-oat01-${'Xk2v9QmT7pL4sR8wN1cJ6bH3fD0gY5zA2eU7iO4kM9nB1vC8xZ3qW6tR0yP5lK2jH7gF4dS1aE9'}`;
      await writeFile(path.join(directory, 'broken.py'), `import os\n\ndef load(:\n    return "${token}"\n`);
      await writeFile(path.join(directory, 'fine.py'), 'import anthropic\n\nclient = anthropic.Anthropic(auth_token=os.environ["CLAUDE_CODE_OAUTH_TOKEN"])\n');
    });
    afterAll(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it('gets a parse-error diagnostic with its position, the markers still run, and the scan goes on', async () => {
      const result = await scan(['.'], { cwd: directory });
      const broken = result.reports.find((report) => report.relativePath === 'broken.py');
      expect(broken?.diagnostics).toEqual([
        { kind: 'parse-error', reason: 'a syntax error (expected ")" at 3:10)', message: 'Could not parse: expected ")" at 3:10; text markers only.', line: 3, column: 10 },
      ]);
      // The file holds a token: left unparsed, it gets a yellow finding where the parser stopped.
      expect(broken?.findings.map((finding) => [finding.ruleId, finding.line, finding.column])).toEqual([
        ['claude-auth/no-unanalyzed-code', 3, 10],
        ['claude-auth/no-embedded-token', 4, 13],
      ]);
      const fine = result.reports.find((report) => report.relativePath === 'fine.py');
      expect(fine?.findings.map((finding) => finding.messageId)).toEqual(['authTokenFromOAuth']);
    });
  });
});
