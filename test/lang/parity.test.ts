/**
 * The same scenarios in Go, Ruby and shell, written as each language's code is written, give the same
 * rule, messageId and tier: the languages share one judge. (When the model's parity table in
 * test/parity grows language columns, these rows belong there.)
 */
import { describe, expect, it } from 'vitest';
import type { LanguageKind } from '../../src/lang/index.js';
import { scan, useGrammars } from './helpers.js';

useGrammars('go', 'ruby', 'shell');

interface Scenario {
  name: string;
  /** `rule/messageId/severity` of the single finding, or undefined for none. */
  expected: string | undefined;
  code: Partial<Record<LanguageKind, string>>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'claude -p in one person’s own program',
    expected: undefined,
    code: {
      go: 'package main\n\nimport "os/exec"\n\nfunc main() {\n\tout, _ := exec.Command("claude", "-p", "what changed today?").Output()\n\tprintln(string(out))\n}\n',
      ruby: 'puts `claude -p "what changed today?"`\n',
      shell: '#!/bin/bash\nclaude -p "what changed today?"\n',
    },
  },
  {
    name: 'an HTTP handler that runs claude -p',
    expected: 'no-oauth-token-proxy/servesFromSubscription/2',
    code: {
      go: 'package web\n\nimport (\n\t"net/http"\n\t"os/exec"\n)\n\nfunc ask(w http.ResponseWriter, r *http.Request) {\n\tout, _ := exec.Command("claude", "-p", r.URL.Query().Get("q")).Output()\n\tw.Write(out)\n}\n',
      ruby: 'require "sinatra"\n\nget "/ask" do\n  `claude -p #{params[:q].shellescape}`\nend\n',
    },
  },
  {
    name: 'a chat handler that runs claude -p',
    expected: 'no-multi-user-surface/surfaceReachesSubscription/1',
    code: {
      go: 'package bot\n\nimport (\n\t"os/exec"\n\n\t"github.com/bwmarrin/discordgo"\n)\n\nfunc onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {\n\tout, _ := exec.Command("claude", "-p", m.Content).Output()\n\ts.ChannelMessageSend(m.ChannelID, string(out))\n}\n',
      ruby: 'require "discordrb"\n\nbot = Discordrb::Bot.new(token: ENV.fetch("DISCORD_TOKEN"))\nbot.message do |event|\n  event.respond(`claude -p #{event.content.shellescape}`)\nend\nbot.run\n',
    },
  },
  {
    name: 'a chat handler that queues the message for a worker that runs claude -p',
    expected: 'no-multi-user-surface/surfaceReachesSubscription/1',
    code: {
      go: 'package bot\n\nimport (\n\t"os/exec"\n\n\t"github.com/bwmarrin/discordgo"\n)\n\nvar prompts = make(chan *discordgo.MessageCreate, 16)\n\nfunc onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {\n\tprompts <- m\n}\n\nfunc answer(s *discordgo.Session) {\n\tfor m := range prompts {\n\t\tout, _ := exec.Command("claude", "-p", m.Content).Output()\n\t\ts.ChannelMessageSend(m.ChannelID, string(out))\n\t}\n}\n',
    },
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN given to claude -p',
    expected: 'no-agent-sdk-subscription-auth/subscriptionEnv/2',
    code: {
      go: 'package run\n\nimport (\n\t"os"\n\t"os/exec"\n)\n\nfunc Run(token, prompt string) error {\n\tcmd := exec.Command("claude", "-p", prompt)\n\tcmd.Env = append(os.Environ(), "CLAUDE_CODE_OAUTH_TOKEN="+token)\n\treturn cmd.Run()\n}\n',
      ruby: 'def run(token, prompt)\n  system({ "CLAUDE_CODE_OAUTH_TOKEN" => token }, "claude", "-p", prompt)\nend\n',
      shell: '#!/bin/bash\nCLAUDE_CODE_OAUTH_TOKEN="$1" claude -p "$2"\n',
    },
  },
  {
    name: 'ANTHROPIC_API_KEY removed with env -u before claude -p',
    expected: 'no-agent-sdk-subscription-auth/apiKeyRemoved/2',
    code: {
      go: 'package run\n\nimport "os/exec"\n\nfunc Run(prompt string) ([]byte, error) {\n\treturn exec.Command("env", "-u", "ANTHROPIC_API_KEY", "claude", "-p", prompt).Output()\n}\n',
      ruby: 'def run(prompt)\n  system("env", "-u", "ANTHROPIC_API_KEY", "claude", "-p", prompt)\nend\n',
      shell: '#!/bin/sh\nenv -u ANTHROPIC_API_KEY claude -p "$1"\n',
    },
  },
  {
    name: 'an HTTP handler whose claude runs on Bedrock',
    expected: undefined,
    code: {
      go: 'package web\n\nimport (\n\t"net/http"\n\t"os"\n\t"os/exec"\n)\n\nfunc ask(w http.ResponseWriter, r *http.Request) {\n\tcmd := exec.Command("claude", "-p", r.URL.Query().Get("q"))\n\tcmd.Env = append(os.Environ(), "CLAUDE_CODE_USE_BEDROCK=1")\n\tout, _ := cmd.Output()\n\tw.Write(out)\n}\n',
      ruby: 'require "sinatra"\n\nget "/ask" do\n  out, _ = Open3.capture2({ "CLAUDE_CODE_USE_BEDROCK" => "1" }, "claude", "-p", params[:q])\n  out\nend\n',
    },
  },
  {
    name: 'the keychain item read with security',
    expected: 'no-credential-store-read/keychain/2',
    code: {
      go: 'package auth\n\nimport "os/exec"\n\nfunc Token() ([]byte, error) {\n\treturn exec.Command("security", "find-generic-password", "-s", "Claude Code-credentials", "-w").Output()\n}\n',
      ruby: 'def token\n  `security find-generic-password -s "Claude Code-credentials" -w`\nend\n',
      shell: '#!/bin/bash\nsecurity find-generic-password -s "Claude Code-credentials" -w\n',
    },
  },
  {
    name: 'the stored login and the client id named only in comments',
    expected: undefined,
    code: {
      go: 'package auth\n\n// We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.\nfunc Token() string { return "" }\n',
      ruby: '# We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.\ndef token = ""\n',
      shell: '#!/bin/bash\n# We never read ~/.claude/.credentials.json, nor use client 9d1c250a-e61b-44d9-88ed-5944d1962f5e.\necho ok\n',
    },
  },
];

describe('parity across Go, Ruby and shell', () => {
  for (const scenario of SCENARIOS) {
    for (const [kind, code] of Object.entries(scenario.code) as [LanguageKind, string][]) {
      it(`${scenario.name} (${kind})`, () => {
        // Findings at one place under one rule are one finding (the keychain string and its read).
        const seen = [...new Set(scan(kind, code).map((finding) => `${finding.rule}/${finding.messageId}/${finding.severity}`))];
        expect(seen).toEqual(scenario.expected === undefined ? [] : [scenario.expected]);
      });
    }
  }
});
