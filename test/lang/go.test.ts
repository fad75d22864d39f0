import { describe, expect, it } from 'vitest';
import { messagesOf, scan, useGrammars } from './helpers.js';
import { fakeCredential } from '../support/fake-credentials.js';

useGrammars('go');

describe('Go front end', () => {
  it('reports a net/http handler that starts claude -p through exec.CommandContext as serving from the subscription', () => {
    const code = `package server

import (
	"net/http"
	"os/exec"
)

const claudeBin = "claude"

func ask(ctx context.Context, prompt string) ([]byte, error) {
	args := []string{"-p", prompt, "--output-format", "json"}
	return exec.CommandContext(ctx, claudeBin, args...).Output()
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out, _ := ask(r.Context(), r.FormValue("q"))
	w.Write(out)
}
`;
    expect(scan('go', code)).toEqual([{ rule: 'no-oauth-token-proxy', messageId: 'servesFromSubscription', severity: 2, line: 12, column: 9 }]);
    expect(messagesOf('go', code)[0]).toContain('net/http handler `ServeHTTP`');
  });

  it('reports a Telegram update handler (go-telegram/bot) that runs claude as a multi-user surface, yellow', () => {
    const code = `package bot

import (
	"context"
	"os/exec"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func (a *Adapter) handleUpdate(ctx context.Context, b *tg.Bot, update *models.Update) {
	cmd := exec.Command("bash", "-lc", "claude -p "+shellQuote(update.Message.Text))
	out, _ := cmd.Output()
	a.reply(update, string(out))
}
`;
    expect(scan('go', code)).toEqual([{ rule: 'no-multi-user-surface', messageId: 'surfaceReachesSubscription', severity: 1, line: 12, column: 9 }]);
  });

  it('reports CLAUDE_CODE_OAUTH_TOKEN appended to cmd.Env, at the entry', () => {
    const code = `package runner

import (
	"os"
	"os/exec"
)

func Run(prompt, token string) error {
	cmd := exec.Command("claude", "--print", prompt)
	cmd.Env = append(os.Environ(), "CLAUDE_CODE_OAUTH_TOKEN="+token)
	return cmd.Run()
}
`;
    expect(scan('go', code)).toEqual([{ rule: 'no-agent-sdk-subscription-auth', messageId: 'subscriptionEnv', severity: 2, line: 10, column: 33 }]);
  });

  it('reports ANTHROPIC_API_KEY filtered out of the child environment', () => {
    const code = `package runner

import (
	"os"
	"os/exec"
	"strings"
)

func Run(prompt string) ([]byte, error) {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ANTHROPIC_API_KEY=") {
			env = append(env, kv)
		}
	}
	cmd := exec.Command("claude", "-p", prompt)
	cmd.Env = env
	return cmd.Output()
}
`;
    expect(scan('go', code)).toEqual([{ rule: 'no-agent-sdk-subscription-auth', messageId: 'apiKeyRemoved', severity: 2, line: 12, column: 29 }]);
  });

  it('leaves claude -p alone in a personal CLI, and in a handler when the file configures an API key', () => {
    const personal = `package main

import "os/exec"

func main() {
	out, _ := exec.Command("claude", "-p", "summarise today's notes").Output()
	println(string(out))
}
`;
    const withKey = `package server

import (
	"net/http"
	"os"
	"os/exec"
)

func handle(w http.ResponseWriter, r *http.Request) {
	cmd := exec.Command("claude", "-p", r.FormValue("q"))
	cmd.Env = append(os.Environ(), "ANTHROPIC_API_KEY="+os.Getenv("ANTHROPIC_API_KEY"))
	out, _ := cmd.Output()
	w.Write(out)
}
`;
    expect(scan('go', personal)).toEqual([]);
    expect(scan('go', withKey)).toEqual([]);
  });

  it('reports a keychain read through security find-generic-password with the service in a constant', () => {
    const code = `package auth

import "os/exec"

const keychainService = "Claude Code-credentials"

func readKeychain() ([]byte, error) {
	return exec.Command("security", "find-generic-password", "-s", keychainService, "-w").Output()
}
`;
    expect(scan('go', code)).toEqual([
      // The marker at the constant, and the read where the command runs.
      { rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 5, column: 26 },
      { rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 8, column: 9 },
    ]);
  });

  it('does not report markers in comments, but does report a token in one', () => {
    const token = fakeCredential('oat01', 3);
    const code = `package auth

// Claude Code keeps its login in ~/.claude/.credentials.json and the keychain item
// "Claude Code-credentials"; we never read either. Its client id is
// 9d1c250a-e61b-44d9-88ed-5944d1962f5e and it sends anthropic-beta: oauth-2025-04-20.
/* leaked once: ${token} */
func Nothing() {}
`;
    expect(scan('go', code)).toEqual([{ rule: 'no-embedded-token', messageId: 'subscriptionToken', severity: 2, line: 6, column: 17 }]);
  });

  it('reports a bearer request with the OAuth beta made inside a gin handler as calling Claude with a subscription credential', () => {
    const code = `package proxy

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (p *Proxy) Messages(c *gin.Context) {
	req, _ := http.NewRequest("POST", "https://api.anthropic.com/v1/messages", c.Request.Body)
	req.Header.Set("Authorization", "Bearer "+p.token)
	req.Header.Set("anthropic-beta", "oauth-2025-04-20")
	resp, _ := http.DefaultClient.Do(req)
	c.DataFromReader(resp.StatusCode, resp.ContentLength, "application/json", resp.Body, nil)
}
`;
    const findings = scan('go', code);
    expect(findings).toContainEqual({ rule: 'no-oauth-token-proxy', messageId: 'callsWithSubscription', severity: 2, line: 11, column: 2 });
    expect(findings).toContainEqual({ rule: 'no-claude-code-impersonation', messageId: 'betaHeader', severity: 2, line: 12, column: 36 });
  });

  it('follows a handler’s message over a channel to the worker of the same file that runs claude -p', () => {
    const code = `package bot

import (
	"context"
	"os/exec"

	"github.com/bwmarrin/discordgo"
)

type job struct {
	channelID string
	prompt    string
}

type Bot struct {
	session *discordgo.Session
	jobs    chan job
}

func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Author.ID == s.State.User.ID {
		return
	}
	b.jobs <- job{channelID: m.ChannelID, prompt: m.Content}
}

func (b *Bot) worker(ctx context.Context) {
	for j := range b.jobs {
		out, err := exec.CommandContext(ctx, "claude", "-p", j.prompt).Output()
		if err != nil {
			continue
		}
		b.session.ChannelMessageSend(j.channelID, string(out))
	}
}
`;
    expect(scan('go', code)).toEqual([{ rule: 'no-multi-user-surface', messageId: 'surfaceReachesSubscription', severity: 1, line: 29, column: 15 }]);
    expect(messagesOf('go', code)[0]).toContain('`onMessage` (line 20) → `worker` (line 24)');
  });

  it('does not follow a channel that no function of the file receives from, nor one a different channel name receives', () => {
    const code = `package bot

import (
	"os/exec"

	"github.com/bwmarrin/discordgo"
)

type Bot struct {
	audit   chan string
	prompts chan string
}

func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	b.audit <- m.Content
}

func (b *Bot) worker() {
	for prompt := range b.prompts {
		exec.Command("claude", "-p", prompt).Run()
	}
}
`;
    expect(scan('go', code)).toEqual([]);
  });
});
