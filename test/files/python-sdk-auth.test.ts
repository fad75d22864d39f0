import { describe, expect, it } from 'vitest';
import { messagesOf, scanPython, usePythonParser } from './python-helpers.js';

usePythonParser();

const RULE = 'no-agent-sdk-subscription-auth';
const red = (rule: string, messageId: string, line: number, column: number) => ({ rule, messageId, severity: 2, line, column });

describe('no-agent-sdk-subscription-auth in Python', () => {
  it('reports os.environ.pop("ANTHROPIC_API_KEY") before claude -p', () => {
    expect(
      scanPython(`import os
import subprocess

os.environ.pop("ANTHROPIC_API_KEY", None)
result = subprocess.run(["claude", "-p", "hello"], capture_output=True, text=True)
`),
    ).toEqual([red(RULE, 'apiKeyRemoved', 4, 1)]);
  });

  it('reports del env["ANTHROPIC_API_KEY"] on a copy handed to a shell command', () => {
    expect(
      scanPython(`import os
import subprocess

env = os.environ.copy()
del env["ANTHROPIC_API_KEY"]
subprocess.run("claude -p 'summarise the diff'", shell=True, env=env)
`),
    ).toEqual([red(RULE, 'apiKeyRemoved', 5, 1)]);
  });

  it('reports del os.environ["ANTHROPIC_API_KEY"] before an Agent SDK query', () => {
    expect(
      scanPython(`import os

import claude_agent_sdk

if "ANTHROPIC_API_KEY" in os.environ:
    del os.environ["ANTHROPIC_API_KEY"]


async def review(diff):
    return [m async for m in claude_agent_sdk.query(prompt=f"Review this diff: {diff}")]
`),
    ).toEqual([red(RULE, 'apiKeyRemoved', 6, 5)]);
  });

  it('reports env={**os.environ, "ANTHROPIC_API_KEY": ""} at the blanking entry', () => {
    expect(
      scanPython(`import os
import subprocess

proc = subprocess.Popen(["claude", "--print", prompt], env={**os.environ, "ANTHROPIC_API_KEY": ""})
`),
    ).toEqual([red(RULE, 'apiKeyRemoved', 4, 75)]);
  });

  it('reports a comprehension that filters the API key out of the Agent SDK’s environment', () => {
    expect(
      scanPython(`import os

from claude_agent_sdk import ClaudeAgentOptions, query

clean = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}


async def run(prompt):
    async for message in query(prompt=prompt, options=ClaudeAgentOptions(env=clean)):
        print(message)
`),
    ).toEqual([red(RULE, 'apiKeyRemoved', 5, 49)]);
  });

  it('reads keyword arguments spread from a dict (**kwargs) into ClaudeAgentOptions and subprocess.run', () => {
    expect(
      scanPython(`import os
import subprocess

from claude_agent_sdk import ClaudeAgentOptions, query

agent_settings = {"env": {"CLAUDE_CODE_OAUTH_TOKEN": os.environ["SHARED_TOKEN"]}, "allowed_tools": ["Read"]}
run_settings = dict(capture_output=True, env={**os.environ, "CLAUDE_CODE_OAUTH_TOKEN": os.environ["SHARED_TOKEN"]})


async def ask(prompt):
    async for message in query(prompt=prompt, options=ClaudeAgentOptions(**agent_settings)):
        print(message)


def ask_cli(prompt):
    return subprocess.run(["claude", "-p", prompt], **run_settings)
`),
    ).toEqual([red(RULE, 'subscriptionEnv', 6, 27), red(RULE, 'subscriptionEnv', 7, 61)]);
  });

  it('follows the Agent SDK imported by __import__ and importlib.import_module', () => {
    expect(
      scanPython(`import importlib
import os

sdk = __import__("claude_agent_sdk")
options_module = importlib.import_module("claude_agent_sdk")


async def ask(prompt):
    options = options_module.ClaudeAgentOptions(env={"CLAUDE_CODE_OAUTH_TOKEN": os.environ["SHARED_TOKEN"]})
    async for message in sdk.query(prompt=prompt, options=options):
        print(message)
`),
    ).toEqual([red(RULE, 'subscriptionEnv', 9, 54)]);
  });

  it('reports CLAUDE_CODE_OAUTH_TOKEN given to the Agent SDK through ClaudeAgentOptions(env=...)', () => {
    const code = `import os

from claude_agent_sdk import ClaudeAgentOptions, query

options = ClaudeAgentOptions(env={"CLAUDE_CODE_OAUTH_TOKEN": os.environ["SHARED_TOKEN"]}, allowed_tools=["Read"])


async def run(prompt):
    async for message in query(prompt=prompt, options=options):
        print(message)
`;
    expect(scanPython(code)).toEqual([red(RULE, 'subscriptionEnv', 5, 35)]);
    expect(messagesOf(code)[0]).toContain('A Claude subscription credential (CLAUDE_CODE_OAUTH_TOKEN) is given to `query()` (Agent SDK)');
  });

  it('reports a stored-login token handed to claude_code_sdk as ANTHROPIC_AUTH_TOKEN', () => {
    expect(
      scanPython(`import json
from pathlib import Path

from claude_code_sdk import ClaudeCodeOptions, query

creds = json.loads((Path.home() / ".claude" / ".credentials.json").read_text())
token = creds["claudeAiOauth"]["accessToken"]


async def run(prompt):
    return [m async for m in query(prompt=prompt, options=ClaudeCodeOptions(env={"ANTHROPIC_AUTH_TOKEN": token}))]
`),
    ).toEqual([
      red('no-credential-store-read', 'credentialsFile', 6, 21),
      red('no-credential-store-read', 'storedLoginKey', 7, 15),
      red(RULE, 'subscriptionEnv', 11, 82),
    ]);
  });

  it('reports CLAUDE_CODE_OAUTH_TOKEN put into env[...] and into os.environ before claude runs', () => {
    expect(
      scanPython(`import os
import subprocess

os.environ["CLAUDE_CODE_OAUTH_TOKEN"] = load_token()


def ask(prompt, token):
    env = dict(os.environ)
    env["CLAUDE_CODE_OAUTH_TOKEN"] = token
    return subprocess.check_output(["claude", "-p", prompt], env=env, text=True)
`),
    ).toEqual([red(RULE, 'subscriptionEnv', 4, 1), red(RULE, 'subscriptionEnv', 9, 5)]);
  });

  it('reports anthropic.Anthropic(auth_token=...) from CLAUDE_CODE_OAUTH_TOKEN', () => {
    expect(
      scanPython(`import os

import anthropic

client = anthropic.Anthropic(auth_token=os.environ["CLAUDE_CODE_OAUTH_TOKEN"])
`),
    ).toEqual([red(RULE, 'authTokenFromOAuth', 5, 30)]);
  });

  it('reports AsyncAnthropic(auth_token=...) from a helper that reads the keychain', () => {
    const code = `import json
import subprocess

from anthropic import AsyncAnthropic


def oauth_token():
    raw = subprocess.check_output(["security", "find-generic-password", "-s", "Claude Code-credentials", "-w"])
    return json.loads(raw)["claudeAiOauth"]["accessToken"]


client = AsyncAnthropic(auth_token=oauth_token())
`;
    expect(scanPython(code)).toEqual([
      red('no-credential-store-read', 'keychain', 8, 11),
      red('no-credential-store-read', 'storedLoginKey', 9, 28),
      red(RULE, 'authTokenFromOAuth', 12, 25),
    ]);
    expect(messagesOf(code).join('\n')).not.toMatch(/\{\{/);
  });

  it('stays silent on API keys, a personal claude -p, a gateway token, and management subcommands', () => {
    expect(
      scanPython(`import os
import shutil
import subprocess

import anthropic

client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
default_client = anthropic.Anthropic()
gateway = anthropic.Anthropic(auth_token=os.environ["ANTHROPIC_AUTH_TOKEN"], base_url="https://llm-gateway.internal")
notes = subprocess.run(["claude", "-p", "summarise my notes"], capture_output=True, text=True).stdout
subprocess.run([shutil.which("claude"), "mcp", "add", "github"], check=True)
blank = {**os.environ, "CLAUDE_CODE_OAUTH_TOKEN": ""}
`),
    ).toEqual([]);
  });

  it('stays silent when the API key is removed in a module that never runs claude or the Agent SDK', () => {
    expect(
      scanPython(`import os

import openai

os.environ.pop("ANTHROPIC_API_KEY", None)
client = openai.OpenAI()
`),
    ).toEqual([]);
  });
});
