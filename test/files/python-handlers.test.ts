import { describe, expect, it } from 'vitest';
import { messagesOf, scanPython, usePythonParser } from './python-helpers.js';

usePythonParser();

const PROXY = 'no-oauth-token-proxy';
const SURFACE = 'no-multi-user-surface';
const red = (rule: string, messageId: string, line: number, column: number) => ({ rule, messageId, severity: 2, line, column });
const yellow = (line: number, column: number) => ({ rule: SURFACE, messageId: 'surfaceReachesSubscription', severity: 1, line, column });
/** An HTTP entry point that reaches Claude on the machine's login, reported at the entry point and at the call. */
const served = (line: number, column: number) => red(PROXY, 'servesFromSubscription', line, column);
/** The same with a subscription credential handed to the call. */
const callsWith = (line: number, column: number) => red(PROXY, 'callsWithSubscription', line, column);

describe('no-multi-user-surface in Python', () => {
  it('reports a FastAPI handler that runs the Agent SDK with no API key configured, red: other people’s requests run on the seat', () => {
    const code = `from claude_agent_sdk import query
from fastapi import FastAPI

app = FastAPI()


@app.post("/ask")
async def ask(body: dict):
    answer = []
    async for message in query(prompt=body["prompt"]):
        answer.append(message)
    return {"answer": answer}
`;
    expect(scanPython(code)).toEqual([served(7, 1), served(10, 26)]);
    expect(messagesOf(code)[0]).toContain('This FastAPI request handler reaches Claude through `query()` (Agent SDK) in app.py:10, which runs on the machine’s Claude subscription login');
  });

  it('reports a slack_bolt listener that reaches claude -p through a helper, at the listener and at the call', () => {
    const code = `import subprocess

from slack_bolt import App

app = App()


def ask_claude(question):
    return subprocess.check_output(["claude", "-p", question], text=True)


@app.event("app_mention")
def on_mention(event, say):
    say(ask_claude(event["text"]))
`;
    expect(scanPython(code)).toEqual([yellow(9, 12), yellow(12, 1)]);
    expect(messagesOf(code)[0]).toContain('The Slack bot handler (slack_bolt) in app.py:12 → `ask_claude` (app.py:14) reaches Claude through `claude` (the Claude Code CLI)');
    expect(messagesOf(code)[1]).toContain('The Slack bot handler (slack_bolt) (line 12) → `ask_claude` (app.py:14) reaches Claude through `claude` (the Claude Code CLI) in app.py:9');
  });

  it('reports a discord.py command that runs the Agent SDK', () => {
    expect(
      scanPython(`import discord
from claude_agent_sdk import query
from discord.ext import commands

bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


@bot.command()
async def ask(ctx, *, question: str):
    async for message in query(prompt=question):
        await ctx.send(str(message))
`),
    ).toEqual([yellow(8, 1), yellow(10, 26)]);
  });

  it('reports a python-telegram-bot callback registered with CommandHandler', () => {
    expect(
      scanPython(`import subprocess

from telegram.ext import Application, CommandHandler


async def ask(update, context):
    out = subprocess.run(["claude", "-p", " ".join(context.args)], capture_output=True, text=True)
    await update.message.reply_text(out.stdout)


app = Application.builder().token(TOKEN).build()
app.add_handler(CommandHandler("ask", ask))
`),
    ).toEqual([yellow(6, 11), yellow(7, 11), yellow(12, 1)]);
  });

  it('reports Starlette endpoints (by position and by endpoint=), also through work handed to a thread', () => {
    expect(
      scanPython(`import asyncio

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def complete(request):
    data = await request.json()
    proc = await asyncio.create_subprocess_exec("claude", "-p", data["prompt"], stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return JSONResponse({"text": out.decode()})


def run_claude(prompt):
    import subprocess
    return subprocess.run(["claude", "-p", prompt], capture_output=True, text=True).stdout


async def summarize(request):
    data = await request.json()
    return JSONResponse({"text": await asyncio.to_thread(run_claude, data["text"])})


app = Starlette(routes=[Route("/complete", complete, methods=["POST"]), Route("/summarize", endpoint=summarize)])
`),
    ).toEqual([served(8, 11), served(10, 18), served(17, 12), served(20, 11), served(25, 25)]);
  });

  it('reports Django function views and class-based views', () => {
    expect(
      scanPython(`import subprocess

from django.http import JsonResponse
from django.views import View


def summarize(request):
    out = subprocess.run(["claude", "-p", request.POST["text"]], capture_output=True, text=True)
    return JsonResponse({"summary": out.stdout})


class AskView(View):
    def post(self, request):
        return JsonResponse({"answer": self.ask(request.POST["q"])})

    def ask(self, question):
        return subprocess.check_output(["claude", "--print", question], text=True)
`),
    ).toEqual([served(7, 5), served(8, 11), served(13, 9), served(17, 16)]);
  });

  it('stays silent when an API key is configured, for personal scripts, and for the Anthropic SDK', () => {
    expect(
      scanPython(`import os

from claude_agent_sdk import ClaudeAgentOptions, query
from fastapi import FastAPI

app = FastAPI()
OPTIONS = ClaudeAgentOptions(env={"ANTHROPIC_API_KEY": os.environ["ANTHROPIC_API_KEY"]})


@app.post("/ask")
async def ask(body: dict):
    return [m async for m in query(prompt=body["prompt"], options=OPTIONS)]
`),
    ).toEqual([]);
    expect(
      scanPython(`import os

import anthropic
from slack_bolt import App

app = App()
client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])


@app.message("hello")
def hello(message, say):
    reply = client.messages.create(model="claude-haiku-4-5", max_tokens=200, messages=[{"role": "user", "content": message["text"]}])
    say(reply.content[0].text)
`),
    ).toEqual([]);
    // A CLI tool (typer) is not a surface for other people.
    expect(
      scanPython(`import subprocess

import typer

app = typer.Typer()


@app.command()
def review(path: str):
    print(subprocess.run(["claude", "-p", f"review {path}"], capture_output=True, text=True).stdout)
`),
    ).toEqual([]);
  });
});

describe('no-oauth-token-proxy in Python', () => {
  it('reports a Flask route that forwards the caller’s bearer token to the Anthropic SDK', () => {
    const code = `import anthropic
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/v1/chat", methods=["POST"])
def chat():
    token = request.headers["Authorization"].removeprefix("Bearer ")
    client = anthropic.Anthropic(auth_token=token)
    reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=request.json["messages"])
    return jsonify(reply.to_dict())
`;
    expect(scanPython(code)).toEqual([red(PROXY, 'forwardsCredential', 10, 14)]);
    expect(messagesOf(code)[0]).toContain('This Flask request handler forwards a Claude subscription credential (a token taken from the request)');
  });

  it('reports a FastAPI route that forwards a header into the Agent SDK’s env through a helper', () => {
    expect(
      scanPython(`from claude_agent_sdk import ClaudeAgentOptions, query
from fastapi import FastAPI, Header

app = FastAPI()


async def run_agent(prompt, token):
    opts = ClaudeAgentOptions(env={"CLAUDE_CODE_OAUTH_TOKEN": token})
    return [m async for m in query(prompt=prompt, options=opts)]


@app.post("/agent")
async def agent(prompt: str, x_claude_token: str = Header(...)):
    return await run_agent(prompt, x_claude_token)
`),
    ).toEqual([callsWith(9, 30), callsWith(12, 1), red(PROXY, 'forwardsCredential', 14, 18)]);
  });

  it('reports an aiohttp handler that calls the API with CLAUDE_CODE_OAUTH_TOKEN as a bearer token', () => {
    expect(
      scanPython(`import os

import httpx
from aiohttp import web


async def proxy(request):
    payload = await request.json()
    async with httpx.AsyncClient() as client:
        r = await client.post("https://api.anthropic.com/v1/messages", json=payload, headers={
            "Authorization": "Bearer " + os.environ["CLAUDE_CODE_OAUTH_TOKEN"],
            "anthropic-version": "2023-06-01",
            "anthropic-beta": "oauth-2025-04-20",
        })
    return web.json_response(r.json())


app = web.Application()
app.router.add_post("/v1/messages", proxy)
`),
    ).toEqual([callsWith(7, 11), callsWith(10, 19), callsWith(11, 30), red('no-claude-code-impersonation', 'betaHeader', 13, 31), callsWith(19, 1)]);
  });

  it('reports a Django view whose helper removes the API key before claude -p', () => {
    expect(
      scanPython(`import os
import subprocess

from django.http import JsonResponse


def run_claude(prompt):
    env = dict(os.environ)
    env.pop("ANTHROPIC_API_KEY", None)
    return subprocess.run(["claude", "-p", prompt], env=env, capture_output=True, text=True).stdout


def summarize(request):
    return JsonResponse({"summary": run_claude(request.POST["text"])})
`),
    ).toEqual([red('no-agent-sdk-subscription-auth', 'apiKeyRemoved', 9, 5), callsWith(10, 12), callsWith(13, 5)]);
  });

  it('reports a route that returns the stored login’s access token', () => {
    expect(
      scanPython(`import json
from pathlib import Path

from fastapi import FastAPI

app = FastAPI()
CREDS = Path.home() / ".claude" / ".credentials.json"


@app.get("/token")
def token():
    data = json.loads(CREDS.read_text())
    return {"access_token": data["claudeAiOauth"]["accessToken"]}
`),
    ).toEqual([
      red('no-credential-store-read', 'credentialsFile', 7, 9),
      red(PROXY, 'returnsCredential', 13, 12),
      red('no-credential-store-read', 'storedLoginKey', 13, 34),
    ]);
  });

  it('does not take FastAPI dependencies (the server’s own settings) for request data', () => {
    expect(
      scanPython(`import anthropic
from fastapi import Depends, FastAPI

from .settings import Settings, get_settings

app = FastAPI()


@app.post("/chat")
def chat(prompt: str, settings: Settings = Depends(get_settings)):
    client = anthropic.Anthropic(auth_token=settings.gateway_token, base_url=settings.gateway_url)
    return {"text": client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": prompt}]).content[0].text}
`),
    ).toEqual([]);
  });

  it('does not call a model’s answer a credential, and lets callers bring their own API key', () => {
    expect(
      scanPython(`import anthropic
from fastapi import FastAPI, Header

app = FastAPI()


@app.post("/chat")
def chat(prompt: str, x_api_key: str = Header(...)):
    client = anthropic.Anthropic(api_key=x_api_key)
    reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": prompt}])
    return {"text": reply.content[0].text}
`),
    ).toEqual([]);
  });
});
