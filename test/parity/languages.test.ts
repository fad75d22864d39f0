/**
 * The parity table: the same scenario, written as real code is written in JS/TS and in Python (and
 * in Go, Ruby and shell where it can be), gets the same rules and tiers from every front end (one
 * judge, src/model/judge.ts). Each row lists the (rule id, tier) pairs expected; an empty list means green.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { preparePythonParser } from '../../src/files/python/tree.js';
import { prepareLanguage, type LanguageKind } from '../../src/lang/index.js';
import { analyzeText } from '../../src/scan/analyze.js';

interface Scenario {
  name: string;
  js: string;
  py: string;
  /** Go, Ruby and shell, where the scenario can be written in them (issue 16). */
  go?: string;
  ruby?: string;
  shell?: string;
  expected: string[];
}

const RED_PROXY = 'no-oauth-token-proxy red';
const RED_SDK = 'no-agent-sdk-subscription-auth red';
const RED_STORE = 'no-credential-store-read red';
const YELLOW_SURFACE = 'no-multi-user-surface yellow';
const API_KEY = `sk-ant-api03-${'Vb4nM8qR2tY6uI0oP3aS7dF1gH5jK9lZ2xC6vB0nM4qW8eR3tY7uI1oP5aS9dF3gH7jK1lZ5x'}AA`;
const TOKEN = `sk-ant-oat01-${'Qm7vT2pL9sR4wN8cJ1bH6fD3gY0zA5eU2iO7kM4nB9vC1xZ8qW3tR6yP0lK5jH2gF7dS4aE1'}`;

/** The columns beyond JS and Python: the scanner's file kind, the column, and a file name of that kind. */
const LANGUAGE_COLUMNS: readonly [LanguageKind, 'go' | 'ruby' | 'shell', string][] = [
  ['go', 'go', 'main.go'],
  ['ruby', 'ruby', 'app.rb'],
  ['shell', 'shell', 'run.sh'],
];

const SCENARIOS: Scenario[] = [
  {
    name: 'Agent SDK behind an HTTP route, no API key',
    js: `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';
const app = express();
app.post('/ask', async (req, res) => {
  for await (const m of query({ prompt: req.body.prompt })) if (m.type === 'result') res.json(m.result);
});`,
    py: `from claude_agent_sdk import query
from fastapi import FastAPI

app = FastAPI()


@app.post("/ask")
async def ask(body: dict):
    return [m async for m in query(prompt=body["prompt"])]
`,
    expected: [RED_PROXY],
  },
  {
    name: 'claude -p behind a Slack handler',
    js: `import { App } from '@slack/bolt';
import { execFileSync } from 'node:child_process';
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.message(async ({ message, say }) => {
  await say(execFileSync('claude', ['-p', message.text], { encoding: 'utf8' }));
});`,
    py: `import subprocess

from slack_bolt import App

app = App()


@app.message("")
def on_message(message, say):
    say(subprocess.run(["claude", "-p", message["text"]], capture_output=True, text=True).stdout)
`,
    expected: [YELLOW_SURFACE],
  },
  {
    name: 'claude -p behind a Telegram handler',
    js: `import { Telegraf } from 'telegraf';
import { execFile } from 'node:child_process';
const bot = new Telegraf(process.env.BOT_TOKEN);
bot.on('text', (ctx) => execFile('claude', ['-p', ctx.message.text], (error, out) => ctx.reply(out)));`,
    py: `import subprocess

from telegram.ext import Application, MessageHandler, filters


async def on_text(update, context):
    out = subprocess.run(["claude", "-p", update.message.text], capture_output=True, text=True)
    await update.message.reply_text(out.stdout)


app = Application.builder().token(TOKEN).build()
app.add_handler(MessageHandler(filters.TEXT, on_text))
`,
    expected: [YELLOW_SURFACE],
  },
  {
    name: 'Agent SDK behind a Discord handler',
    js: `import { Client, GatewayIntentBits } from 'discord.js';
import { query } from '@anthropic-ai/claude-agent-sdk';
const client = new Client({ intents: [GatewayIntentBits.GuildMessages] });
client.on('messageCreate', async (message) => {
  for await (const m of query({ prompt: message.content })) if (m.type === 'result') await message.reply(m.result);
});`,
    py: `import discord
from claude_agent_sdk import query
from discord.ext import commands

bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


@bot.command()
async def ask(ctx, *, question: str):
    async for message in query(prompt=question):
        await ctx.send(str(message))
`,
    expected: [YELLOW_SURFACE],
  },
  {
    name: 'env -u ANTHROPIC_API_KEY claude -p in a script',
    js: `import { execSync } from 'node:child_process';
console.log(execSync('env -u ANTHROPIC_API_KEY claude -p "summarize the changelog"', { encoding: 'utf8' }));`,
    py: `import subprocess

print(subprocess.run("env -u ANTHROPIC_API_KEY claude -p 'summarize the changelog'", shell=True, capture_output=True, text=True).stdout)
`,
    go: 'package run\n\nimport "os/exec"\n\nfunc Run(prompt string) ([]byte, error) {\n\treturn exec.Command("env", "-u", "ANTHROPIC_API_KEY", "claude", "-p", prompt).Output()\n}\n',
    ruby: 'def run(prompt)\n  system("env", "-u", "ANTHROPIC_API_KEY", "claude", "-p", prompt)\nend\n',
    shell: '#!/bin/sh\nenv -u ANTHROPIC_API_KEY claude -p "$1"\n',
    expected: [RED_SDK],
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN=$T claude -p in a shell line',
    js: `import { execSync } from 'node:child_process';
execSync(\`CLAUDE_CODE_OAUTH_TOKEN=\${process.env.SEAT_TOKEN} claude -p "triage the inbox"\`);`,
    py: `import os
import subprocess

subprocess.run(f"CLAUDE_CODE_OAUTH_TOKEN={os.environ['SEAT_TOKEN']} claude -p 'triage the inbox'", shell=True)
`,
    go: 'package run\n\nimport (\n\t"os"\n\t"os/exec"\n)\n\nfunc Run(token, prompt string) error {\n\tcmd := exec.Command("claude", "-p", prompt)\n\tcmd.Env = append(os.Environ(), "CLAUDE_CODE_OAUTH_TOKEN="+token)\n\treturn cmd.Run()\n}\n',
    ruby: 'def run(token, prompt)\n  system({ "CLAUDE_CODE_OAUTH_TOKEN" => token }, "claude", "-p", prompt)\nend\n',
    shell: '#!/bin/bash\nCLAUDE_CODE_OAUTH_TOKEN="$1" claude -p "$2"\n',
    expected: [RED_SDK],
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN in the Agent SDK env',
    js: `import { query } from '@anthropic-ai/claude-agent-sdk';
const run = query({ prompt: 'hello', options: { env: { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: process.env.SHARED_SEAT } } });`,
    py: `import os

from claude_agent_sdk import ClaudeAgentOptions, query

run = query(prompt="hello", options=ClaudeAgentOptions(env={"CLAUDE_CODE_OAUTH_TOKEN": os.environ["SHARED_SEAT"]}))
`,
    expected: [RED_SDK],
  },
  {
    name: 'API key deleted before the Agent SDK runs',
    js: `import { query } from '@anthropic-ai/claude-agent-sdk';
delete process.env.ANTHROPIC_API_KEY;
const run = query({ prompt: 'hello' });`,
    py: `import os

from claude_agent_sdk import query

os.environ.pop("ANTHROPIC_API_KEY", None)
run = query(prompt="hello")
`,
    expected: [RED_SDK],
  },
  {
    name: 'Agent SDK in a personal script',
    js: `import { query } from '@anthropic-ai/claude-agent-sdk';
for await (const m of query({ prompt: 'Review my staged changes' })) console.log(m);`,
    py: `import asyncio

from claude_agent_sdk import query


async def main():
    async for message in query(prompt="Review my staged changes"):
        print(message)

asyncio.run(main())
`,
    expected: [],
  },
  {
    name: 'claude --model x "…" in a personal script',
    js: `import { execFileSync } from 'node:child_process';
const notes = execFileSync('claude', ['--model', 'sonnet', 'Draft release notes'], { encoding: 'utf8' });`,
    py: `import subprocess

notes = subprocess.check_output(["claude", "--model", "sonnet", "Draft release notes"], text=True)
`,
    expected: [],
  },
  {
    name: 'claude -p in a personal script',
    js: `import { execFileSync } from 'node:child_process';
const notes = execFileSync('claude', ['-p', 'Draft release notes'], { encoding: 'utf8' });`,
    py: `import subprocess

notes = subprocess.check_output(["claude", "-p", "Draft release notes"], text=True)
`,
    go: 'package main\n\nimport "os/exec"\n\nfunc main() {\n\tout, _ := exec.Command("claude", "-p", "what changed today?").Output()\n\tprintln(string(out))\n}\n',
    ruby: 'puts `claude -p "what changed today?"`\n',
    shell: '#!/bin/bash\nclaude -p "what changed today?"\n',
    expected: [],
  },
  {
    name: 'an HTTP route whose Agent SDK call has the API key',
    js: `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';
const app = express();
app.post('/ask', async (req, res) => {
  const run = query({ prompt: req.body.prompt, options: { env: { ...process.env, ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY } } });
  for await (const m of run) if (m.type === 'result') res.json(m.result);
});`,
    py: `import os

from claude_agent_sdk import ClaudeAgentOptions, query
from fastapi import FastAPI

app = FastAPI()
OPTIONS = ClaudeAgentOptions(env={"ANTHROPIC_API_KEY": os.environ["ANTHROPIC_API_KEY"]})


@app.post("/ask")
async def ask(body: dict):
    return [m async for m in query(prompt=body["prompt"], options=OPTIONS)]
`,
    expected: [],
  },
  {
    name: 'a Slack bot on the Messages API with an API key',
    js: `import { App } from '@slack/bolt';
import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.message(async ({ message, say }) => {
  const reply = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: message.text }] });
  await say(reply.content[0].type === 'text' ? reply.content[0].text : '');
});`,
    py: `import os

import anthropic
from slack_bolt import App

app = App()
client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])


@app.message("")
def on_message(message, say):
    reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": message["text"]}])
    say(reply.content[0].text)
`,
    expected: [],
  },
  {
    name: 'a Bedrock switch before the Agent SDK in a route',
    js: `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';
process.env.CLAUDE_CODE_USE_BEDROCK = '1';
const app = express();
app.post('/ask', async (req, res) => {
  for await (const m of query({ prompt: req.body.prompt })) if (m.type === 'result') res.json(m.result);
});`,
    py: `import os

from claude_agent_sdk import query
from fastapi import FastAPI

os.environ["CLAUDE_CODE_USE_BEDROCK"] = "1"
app = FastAPI()


@app.post("/ask")
async def ask(body: dict):
    return [m async for m in query(prompt=body["prompt"])]
`,
    go: 'package web\n\nimport (\n\t"net/http"\n\t"os"\n\t"os/exec"\n)\n\nfunc ask(w http.ResponseWriter, r *http.Request) {\n\tcmd := exec.Command("claude", "-p", r.URL.Query().Get("q"))\n\tcmd.Env = append(os.Environ(), "CLAUDE_CODE_USE_BEDROCK=1")\n\tout, _ := cmd.Output()\n\tw.Write(out)\n}\n',
    ruby: 'require "sinatra"\n\nget "/ask" do\n  out, _ = Open3.capture2({ "CLAUDE_CODE_USE_BEDROCK" => "1" }, "claude", "-p", params[:q])\n  out\nend\n',
    expected: [],
  },
  {
    name: 'the Anthropic SDK given CLAUDE_CODE_OAUTH_TOKEN as its auth token',
    js: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ authToken: process.env.CLAUDE_CODE_OAUTH_TOKEN });`,
    py: `import os

import anthropic

client = anthropic.Anthropic(auth_token=os.environ["CLAUDE_CODE_OAUTH_TOKEN"])
`,
    expected: [RED_SDK],
  },
  {
    name: 'a read of the stored login',
    js: `import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
const login = JSON.parse(readFileSync(path.join(homedir(), '.claude', '.credentials.json'), 'utf8'));`,
    py: `import json
from pathlib import Path

login = json.loads((Path.home() / ".claude" / ".credentials.json").read_text())
`,
    expected: [RED_STORE],
  },
  {
    name: 'a keychain read of the stored login',
    js: `import { execFileSync } from 'node:child_process';
const raw = execFileSync('security', ['find-generic-password', '-s', 'Claude Code-credentials', '-w'], { encoding: 'utf8' });`,
    py: `import subprocess

raw = subprocess.check_output(["security", "find-generic-password", "-s", "Claude Code-credentials", "-w"], text=True)
`,
    go: 'package auth\n\nimport "os/exec"\n\nfunc Token() ([]byte, error) {\n\treturn exec.Command("security", "find-generic-password", "-s", "Claude Code-credentials", "-w").Output()\n}\n',
    ruby: 'def token\n  `security find-generic-password -s "Claude Code-credentials" -w`\nend\n',
    shell: '#!/bin/bash\nsecurity find-generic-password -s "Claude Code-credentials" -w\n',
    expected: [RED_STORE],
  },
  {
    name: 'a route that forwards the caller’s Authorization header to the Anthropic SDK',
    js: `import express from 'express';
import Anthropic from '@anthropic-ai/sdk';
const app = express();
app.post('/v1/chat', async (req, res) => {
  const client = new Anthropic({ authToken: req.headers.authorization.replace('Bearer ', '') });
  res.json(await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, messages: req.body.messages }));
});`,
    py: `import anthropic
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/v1/chat", methods=["POST"])
def chat():
    client = anthropic.Anthropic(auth_token=request.headers["Authorization"].removeprefix("Bearer "))
    return jsonify(client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=request.json["messages"]).to_dict())
`,
    expected: [RED_PROXY],
  },
  {
    name: 'a subscription token written in the code',
    js: `export const SEAT = '${TOKEN}';`,
    py: `SEAT = "${TOKEN}"
`,
    expected: ['no-embedded-token red'],
  },
  {
    name: 'Claude Code’s OAuth client id',
    js: `export const CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';`,
    py: `CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"
`,
    expected: ['no-claude-code-impersonation red'],
  },
  {
    name: 'a plain API key written in the code',
    js: `export const KEY = '${API_KEY}';`,
    py: `KEY = "${API_KEY}"
`,
    expected: ['no-embedded-token yellow'],
  },
  {
    name: 'the OAuth beta header on a raw request',
    js: `const res = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', headers: { 'anthropic-beta': 'oauth-2025-04-20', 'content-type': 'application/json' }, body: '{}' });`,
    py: `import requests

res = requests.post("https://api.anthropic.com/v1/messages", headers={"anthropic-beta": "oauth-2025-04-20", "content-type": "application/json"}, json={})
`,
    expected: ['no-claude-code-impersonation red'],
  },
  {
    name: 'an HTTP route that reaches claude -p through a helper',
    js: `import express from 'express';
import { execFileSync } from 'node:child_process';
function ask(prompt) {
  return execFileSync('claude', ['-p', prompt], { encoding: 'utf8' });
}
const app = express();
app.post('/ask', (req, res) => res.json({ answer: ask(req.body.prompt) }));`,
    py: `import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


def ask(prompt):
    return subprocess.check_output(["claude", "-p", prompt], text=True)


@app.post("/ask")
def answer():
    return jsonify({"answer": ask(request.json["prompt"])})
`,
    go: 'package web\n\nimport (\n\t"net/http"\n\t"os/exec"\n)\n\nfunc runClaude(prompt string) []byte {\n\tout, _ := exec.Command("claude", "-p", prompt).Output()\n\treturn out\n}\n\nfunc ask(w http.ResponseWriter, r *http.Request) {\n\tw.Write(runClaude(r.URL.Query().Get("q")))\n}\n',
    ruby: 'require "sinatra"\n\ndef run_claude(prompt)\n  `claude -p #{prompt.shellescape}`\nend\n\nget "/ask" do\n  run_claude(params[:q])\nend\n',
    expected: [RED_PROXY],
  },
  {
    name: 'a Slack handler registered in a constructor, handing off to a method',
    js: `import { App } from '@slack/bolt';
import { query } from '@anthropic-ai/claude-agent-sdk';
class Bot {
  constructor() {
    this.app = new App({ token: process.env.SLACK_BOT_TOKEN });
    this.app.event('app_mention', (args) => this.onMention(args));
  }
  async onMention({ event, say }) {
    for await (const m of query({ prompt: event.text })) if (m.type === 'result') await say(m.result);
  }
}`,
    py: `from claude_code_sdk import query
from slack_bolt import App


class Bot:
    def __init__(self):
        self.app = App()
        self.app.event("app_mention")(self.on_mention)

    async def on_mention(self, event, say):
        async for message in query(prompt=event["text"]):
            say(str(message))
`,
    expected: [YELLOW_SURFACE],
  },
  {
    name: 'bash -lc "claude -p …" behind a Slack handler',
    js: `import { App } from '@slack/bolt';
import { execFile } from 'node:child_process';
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.command('/ask', async ({ command, ack, respond }) => {
  await ack();
  execFile('bash', ['-lc', \`claude -p "\${command.text}"\`], (error, out) => respond(out));
});`,
    py: `import subprocess

from slack_bolt import App

app = App()


@app.command("/ask")
def ask(ack, command, respond):
    ack()
    respond(subprocess.run(["bash", "-lc", f'claude -p "{command["text"]}"'], capture_output=True, text=True).stdout)
`,
    expected: [YELLOW_SURFACE],
  },
  {
    name: 'an argument vector built over several lines behind an HTTP route',
    js: `import express from 'express';
import { spawn } from 'node:child_process';
const app = express();
app.post('/v1/chat/completions', (req, res) => {
  const args = ['--print', '--output-format', 'json'];
  args.push('--model', req.body.model);
  const child = spawn('claude', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(req.body.prompt);
  child.stdout.pipe(res);
});`,
    py: `import asyncio

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/v1/chat/completions")
async def completions(request: Request):
    body = await request.json()
    args = [
        "--print",
        "--output-format", "json",
    ]
    args.extend(["--model", body["model"]])
    proc = await asyncio.create_subprocess_exec("claude", *args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate(body["prompt"].encode())
    return {"text": out.decode()}
`,
    expected: [RED_PROXY],
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN put into the process environment before claude -p',
    js: `import { execFileSync } from 'node:child_process';
process.env.CLAUDE_CODE_OAUTH_TOKEN = process.env.TEAM_SEAT;
execFileSync('claude', ['-p', 'nightly report']);`,
    py: `import os
import subprocess

os.environ["CLAUDE_CODE_OAUTH_TOKEN"] = os.environ["TEAM_SEAT"]
subprocess.run(["claude", "-p", "nightly report"])
`,
    expected: [RED_SDK],
  },
  {
    name: 'claude mcp add in a setup script',
    js: `import { execFileSync } from 'node:child_process';
execFileSync('claude', ['mcp', 'add', 'github', '--', 'npx', '-y', '@modelcontextprotocol/server-github']);`,
    py: `import subprocess

subprocess.run(["claude", "mcp", "add", "github", "--", "npx", "-y", "@modelcontextprotocol/server-github"], check=True)
`,
    expected: [],
  },
  {
    name: 'the Agent SDK behind a chat handler with the API key set for the process',
    js: `import { App } from '@slack/bolt';
import { query } from '@anthropic-ai/claude-agent-sdk';
if (!process.env.ANTHROPIC_API_KEY) throw new Error('set ANTHROPIC_API_KEY');
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.message(async ({ message, say }) => {
  for await (const m of query({ prompt: message.text })) if (m.type === 'result') await say(m.result);
});`,
    py: `import os

from claude_agent_sdk import query
from slack_bolt import App

if not os.environ.get("ANTHROPIC_API_KEY"):
    raise SystemExit("set ANTHROPIC_API_KEY")
app = App()


@app.message("")
async def on_message(message, say):
    async for m in query(prompt=message["text"]):
        say(str(m))
`,
    expected: [],
  },
  {
    name: 'a route that returns the stored login’s access token',
    js: `import express from 'express';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
const app = express();
app.get('/token', (req, res) => {
  const login = JSON.parse(readFileSync(\`\${homedir()}/.claude/.credentials.json\`, 'utf8'));
  res.json({ token: login.claudeAiOauth.accessToken });
});`,
    py: `import json
from pathlib import Path

from fastapi import FastAPI

app = FastAPI()


@app.get("/token")
def token():
    login = json.loads((Path.home() / ".claude" / ".credentials.json").read_text())
    return {"token": login["claudeAiOauth"]["accessToken"]}
`,
    expected: [RED_PROXY, RED_STORE],
  },
  {
    name: 'claude -p behind a Discord handler',
    js: `import { Client, GatewayIntentBits } from 'discord.js';
import { execFileSync } from 'node:child_process';
const client = new Client({ intents: [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] });
client.on('messageCreate', async (message) => {
  await message.reply(execFileSync('claude', ['-p', message.content], { encoding: 'utf8' }));
});
client.login(process.env.DISCORD_TOKEN);`,
    py: `import subprocess

import discord

client = discord.Client(intents=discord.Intents.default())


@client.event
async def on_message(message):
    out = subprocess.run(["claude", "-p", message.content], capture_output=True, text=True).stdout
    await message.channel.send(out)
`,
    go: 'package bot\n\nimport (\n\t"os/exec"\n\n\t"github.com/bwmarrin/discordgo"\n)\n\nfunc onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {\n\tout, _ := exec.Command("claude", "-p", m.Content).Output()\n\ts.ChannelMessageSend(m.ChannelID, string(out))\n}\n',
    ruby: 'require "discordrb"\n\nbot = Discordrb::Bot.new(token: ENV.fetch("DISCORD_TOKEN"))\nbot.message do |event|\n  event.respond(`claude -p #{event.content.shellescape}`)\nend\nbot.run\n',
    expected: [YELLOW_SURFACE],
  },
  {
    name: 'the stored login and the client id named only in comments',
    js: `// We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.
export const apiKey = (): string | undefined => process.env.ANTHROPIC_API_KEY;`,
    py: `import os

# We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.
def api_key():
    return os.environ["ANTHROPIC_API_KEY"]
`,
    go: 'package auth\n\n// We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.\nfunc Token() string { return "" }\n',
    ruby: '# We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.\ndef token = ""\n',
    shell: '#!/bin/bash\n# We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.\necho ok\n',
    expected: [],
  },
];

const pairsOf = (code: string, path: string, kind: 'js' | 'python' | LanguageKind): string[] => [
  ...new Set(analyzeText(code, path, kind).findings.map((finding) => `${finding.ruleId.replace('claude-auth/', '')} ${finding.tier}`)),
].sort();

describe('the same scenario gets the same rules and tiers in JS/TS, Python, Go, Ruby and shell', () => {
  beforeAll(async () => {
    await Promise.all([preparePythonParser(), ...LANGUAGE_COLUMNS.map(([kind]) => prepareLanguage(kind))]);
  });
  it.each(SCENARIOS)('$name', (scenario) => {
    const actual: Record<string, string[]> = { js: pairsOf(scenario.js, 'app.ts', 'js'), py: pairsOf(scenario.py, 'app.py', 'python') };
    for (const [kind, column, file] of LANGUAGE_COLUMNS) {
      const code = scenario[column];
      if (code !== undefined) actual[column] = pairsOf(code, file, kind);
    }
    const expected = Object.fromEntries(Object.keys(actual).map((column) => [column, [...scenario.expected].sort()]));
    expect(actual).toEqual(expected);
  });

  it('has rows in every language', () => {
    for (const [, column] of LANGUAGE_COLUMNS) expect(SCENARIOS.filter((scenario) => scenario[column] !== undefined).length, column).toBeGreaterThanOrEqual(5);
  });
});
