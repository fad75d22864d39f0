/**
 * Secret hygiene, property-style: tokens of every kind, with random bodies from a seeded generator,
 * are planted in every kind of file the scanner tells apart (and in files that fail to parse, so
 * that a parser's error message could quote them). No output may hold more of any of them than the
 * prefix and the last 4 characters: every `--format`, on standard output and in `-o` files, the
 * baseline file, the progress line, standard error, error messages and debug logs.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/index.js';
import { classify, type FileKind } from '../../src/scan/classify.js';
import { makeRepo } from '../helpers/temp-repo.js';
import { createRng, findLeaks, generateToken, runCapturing, STACK_FRAME, TOKEN_TYPES, type GeneratedToken, type Rng } from './support.js';

/** The tokens planted in one file, one of each type. */
type Planted = Record<(typeof TOKEN_TYPES)[number], string>;

const base64 = (text: string) => Buffer.from(text).toString('base64');
const split = (token: string) => `'${token.slice(0, 13)}' + '${token.slice(13, 60)}' + '${token.slice(60)}'`;

/**
 * One file per kind (and per way of writing a token there), each holding a token of every type.
 * The shapes are those real code uses: literals, concatenation, base64, headers, client options,
 * paths, environment files, CI and container settings, documentation, and broken files.
 */
const FILES: Record<string, (t: Planted) => string> = {
  'src/client.ts': (t) => `import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
export const client = new Anthropic({ authToken: '${t.oat01}' });
export const refresh = ${split(t.ort01)};
export const session = Buffer.from('${base64(t.sid01)}', 'base64').toString();
export const headers = { Authorization: \`Bearer ${t.api03}\`, 'x-api-key': process.env.ANTHROPIC_API_KEY ?? '${t.api04}' };
export const login = readFileSync(\`/home/${t.admin01}/.claude/.credentials.json\`, 'utf8');
if (process.env.CLAUDE_CODE_OAUTH_TOKEN?.startsWith('${t.oat01.slice(0, 40)}')) throw new Error('${t.ort01}');
`,
  'src/proxy.js': (t) => `const express = require('express');
const app = express();
app.post('/v1/messages', async (req, res) => {
  const upstream = await fetch('https://api.anthropic.com/v1/messages', {
    headers: { authorization: 'Bearer ' + '${t.oat01}', 'anthropic-beta': 'oauth-2025-04-20', cookie: 'sessionKey=${t.sid01}' },
  });
  res.json({ key: atob('${base64(t.api03)}'), refresh: "${t.ort01}", api: \`${t.api04}\`, admin: ['${t.admin01}'].join('') });
});
`,
  'worker/job.py': (t) => `import os
from anthropic import Anthropic
from claude_agent_sdk import query
os.environ["CLAUDE_CODE_OAUTH_TOKEN"] = "${t.oat01}"
client = Anthropic(auth_token="${t.ort01}", api_key="${t.api03}")
headers = {"Authorization": f"Bearer ${t.sid01}", "x-api-key": "${t.api04}"}
with open(os.path.expanduser("~/.claude/.credentials.json")) as f:
    ADMIN = "${t.admin01}"
login = open(f"/home/${t.api04}/.claude/.credentials.json").read()
`,
  '.env': (t) => `CLAUDE_CODE_OAUTH_TOKEN=${t.oat01}\nREFRESH="${t.ort01}"\nexport SESSION='${t.sid01}'\nANTHROPIC_API_KEY=${t.api03}\nOTHER_KEY=${t.api04} # comment\nADMIN=${t.admin01}\n`,
  'Dockerfile': (t) => `FROM node:22\nENV CLAUDE_CODE_OAUTH_TOKEN=${t.oat01}\nARG REFRESH=${t.ort01}\nRUN curl -H "Authorization: Bearer ${t.sid01}" https://api.anthropic.com/v1/messages\nENV ANTHROPIC_API_KEY="${t.api03}" OTHER=${t.api04}\nCOPY --chown=node ~/.claude/.credentials.json /root/.claude/\nLABEL admin=${t.admin01}\n`,
  'docker-compose.yml': (t) => `services:\n  app:\n    image: claude-proxy\n    environment:\n      - CLAUDE_CODE_OAUTH_TOKEN=${t.oat01}\n      - REFRESH=${t.ort01}\n    volumes:\n      - ~/.claude:/root/.claude\n  worker:\n    environment:\n      SESSION: "${t.sid01}"\n      ANTHROPIC_API_KEY: ${t.api03}\n      OTHER: '${t.api04}'\n      ADMIN: ${t.admin01}\n`,
  '.github/workflows/review.yml': (t) => `name: review\non: [pull_request]\njobs:\n  review:\n    runs-on: ubuntu-latest\n    env:\n      CLAUDE_CODE_OAUTH_TOKEN: ${t.oat01}\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_code_oauth_token: ${t.ort01}\n          anthropic_api_key: "${t.api03}"\n      - run: echo ${t.sid01} ${t.api04} '${t.admin01}'\n`,
  'package.json': (t) => JSON.stringify({
    name: 'planted', version: '1.0.0',
    scripts: { start: `CLAUDE_CODE_OAUTH_TOKEN=${t.oat01} node server.js`, refresh: `curl -d ${t.ort01}` },
    config: { session: t.sid01, apiKey: t.api03, other: t.api04, admin: t.admin01 },
  }, null, 2),
  'scripts/run.sh': (t) => `#!/bin/sh\nexport CLAUDE_CODE_OAUTH_TOKEN=${t.oat01}\nREFRESH="${t.ort01}" claude -p hi\ncurl -H "Cookie: sessionKey=${t.sid01}" -H "x-api-key: ${t.api03}" https://claude.ai\necho ${t.api04} > ~/.claude/.credentials.json\nADMIN='${t.admin01}'\n`,
  'cmd/gateway/main.go': (t) => `package main\n\nimport "os/exec"\n\n// refresh: ${t.ort01}\nconst token = "${t.oat01}"\n\nfunc main() {\n\tcmd := exec.Command("claude", "-p", "hi")\n\tcmd.Env = []string{"CLAUDE_CODE_OAUTH_TOKEN=" + token, \`SESSION=${t.sid01}\`, "KEY=${t.api03}"}\n\t_ = cmd.Run()\n}\nvar other, admin = "${t.api04}", "${t.admin01}"\n`,
  'lib/token_store.rb': (t) => `TOKEN = "${t.oat01}"\n# refresh ${t.ort01}\nsystem({ "CLAUDE_CODE_OAUTH_TOKEN" => TOKEN }, "claude", "-p", "#{'${t.sid01}'}")\nKEYS = %w[${t.api03} ${t.api04}]\nADMIN = '${t.admin01}'\n`,
  'src/vault.rs': (t) => `/// ${t.ort01}\nconst TOKEN: &str = "${t.oat01}";\nconst RAW: &str = r#"${t.sid01}"#;\nfn keys() -> [&'static str; 3] { ["${t.api03}", "${t.api04}", "${t.admin01}"] }\n`,
  'App/Keychain.swift': (t) => `// ${t.ort01}\nlet token = "${t.oat01}"\nlet session = "\\(prefix)${t.sid01}"\nlet keys = """\n${t.api03}\n${t.api04} ${t.admin01}\n"""\n`,
  'docs/SETUP.md': (t) => `# Setup\n\nSet \`CLAUDE_CODE_OAUTH_TOKEN=${t.oat01}\`, refresh ${t.ort01}.\n\n\`\`\`sh\nexport S=${t.sid01} A=${t.api03} B=${t.api04} C=${t.admin01}\n\`\`\`\n`,
  'config/settings.json': (t) => JSON.stringify({ oauth: t.oat01, refresh: t.ort01, session: t.sid01, keys: [t.api03, t.api04, t.admin01] }),
  // Files that fail to parse, with the tokens where the error is.
  'broken/broken.ts': (t) => `const a = ${t.oat01};\nclass B { ${t.ort01} }\nimport ${t.sid01} from;\nlet s = "${t.api03}\nconst o = { ${t.api04}: ;\n\`${t.admin01}`,
  'broken/broken.py': (t) => `def f(:\n    ${t.oat01} = (${t.ort01}\nclass ${t.sid01}:\n  x = "${t.api03}\n  ${t.api04} ${t.admin01} )))\n`,
  'broken/package.json': (t) => `{"name": "x", "token": ${t.oat01}, "r": "${t.ort01}", ${t.sid01}, "a": [${t.api03} ${t.api04}], ${t.admin01}`,
  'broken/docker-compose.yml': (t) => `services:\n  app:\n    environment: [${t.oat01}\n    - ${t.ort01}: : ${t.sid01}\n  "${t.api03}\n\t${t.api04}: ${t.admin01}\n`,
  'broken/.github/workflows/x.yml': (t) => `on: push\njobs: {a: [${t.oat01}\n  b: "${t.ort01}\n  ${t.sid01}: ${t.api03}: ${t.api04}\n- ${t.admin01}\n`,
  // A Dockerfile parser quotes an unknown instruction upper-cased.
  'broken/Dockerfile': (t) => `${t.api04}\nFROM\nENV ${t.oat01}\nARG =${t.ort01}\nRUN \\\n${t.sid01} ${t.api03}\nENV "${t.api04} ${t.admin01}`,
  'broken/.env': (t) => `=${t.oat01}\n"${t.ort01}\nexport ${t.sid01}\n${t.api03}=${t.api04}=${t.admin01}\n`,
  'broken/latin1.js': (t) => `// caf\u00e9\u00ff\nconst t = '${t.oat01}${t.ort01}';\n${t.sid01}\n${t.api03} ${t.api04} ${t.admin01}\n`,
};

/** Plants a fresh token of every type into every file. */
function plant(rng: Rng): { files: Record<string, string | Buffer>; tokens: GeneratedToken[] } {
  const files: Record<string, string | Buffer> = {};
  const tokens: GeneratedToken[] = [];
  for (const [name, write] of Object.entries(FILES)) {
    const generated = TOKEN_TYPES.map((type) => generateToken(rng, type));
    tokens.push(...generated);
    const text = write(Object.fromEntries(generated.map((g) => [g.type, g.token])) as Planted);
    files[name] = name.endsWith('latin1.js') ? Buffer.from(text, 'latin1') : text;
  }
  return { files, tokens };
}

/** The options this build's CLI has, read from its help, so that the test follows the CLI as it grows. */
async function cliOptions(cwd: string): Promise<string> {
  return (await runCapturing(['--help'], cwd)).stdout;
}

describe('secret hygiene', () => {
  it('plants in every kind of file the scanner classifies', () => {
    const kinds = new Set(Object.keys(FILES).map(classify));
    const every: FileKind[] = ['js', 'python', 'go', 'ruby', 'shell', 'rust', 'swift', 'package-json', 'dotenv', 'dockerfile', 'compose', 'workflow', 'prose', 'text'];
    expect([...kinds].sort()).toEqual(every.sort());
  });

  for (const seed of [1, 2, 3]) {
    it(`shows no more than the prefix and last 4 characters of any token in any output (seed ${seed})`, async () => {
      const { files, tokens } = plant(createRng(seed));
      const root = await makeRepo(files);
      // Reports go outside the scanned tree, so that one run does not scan the report of the one before.
      const reports = await makeRepo({});
      const help = await cliOptions(root);
      const outputs: Record<string, string> = {};
      const record = (name: string, run: { code: number; stdout: string; stderr: string; progress: string }) => {
        outputs[`${name} stdout`] = run.stdout;
        outputs[`${name} stderr`] = run.stderr;
        outputs[`${name} progress`] = run.progress;
      };

      for (const format of FORMAT_NAMES) {
        const printed = await runCapturing(['--format', format, '--no-gitignore'], root);
        expect(printed.code, format).toBe(1);
        expect(printed.stdout.length, format).toBeGreaterThan(0);
        record(format, printed);
        const written = await runCapturing(['--format', format, '-o', path.join(reports, `report.${format}`)], root);
        record(`${format} -o`, written);
        outputs[`${format} file`] = await readFile(path.join(reports, `report.${format}`), 'utf8');
      }
      if (help.includes('--write-baseline')) {
        const baseline = path.join(reports, 'baseline.json');
        record('write-baseline', await runCapturing(['--write-baseline', baseline], root));
        outputs['baseline file'] = await readFile(baseline, 'utf8');
        record('baseline', await runCapturing(['--baseline', baseline], root));
      }
      if (help.includes('--debug')) record('debug', await runCapturing(['--debug'], root));
      // Error messages that quote what the user typed: a token pasted as a path, a format, an option.
      for (const { token } of tokens.slice(0, TOKEN_TYPES.length)) {
        record(`path ${token.slice(0, 12)}`, await runCapturing([token], root));
        record(`format ${token.slice(0, 12)}`, await runCapturing(['--format', token], root));
        record(`option ${token.slice(0, 12)}`, await runCapturing([`--${token}`], root));
        record(`max-warnings ${token.slice(0, 12)}`, await runCapturing(['--max-warnings', token], root));
      }

      const leaks = Object.entries(outputs).flatMap(([where, text]) => findLeaks(text, tokens, where));
      expect(leaks).toEqual([]);
      for (const [where, text] of Object.entries(outputs)) expect(text, where).not.toMatch(STACK_FRAME);
      // The redacted form is what the reports show instead.
      const json = outputs['json stdout'] ?? '';
      for (const { type, body } of tokens.slice(0, TOKEN_TYPES.length)) expect(json).toContain(`sk-ant-${type}-…${body.slice(-4)}`);
      // Every file with tokens is reported (the broken ones through the text markers).
      const reported = (JSON.parse(json) as { filePath: string }[]).map((result) => path.relative(root, result.filePath));
      expect(reported.sort()).toEqual(Object.keys(FILES).sort());
      expect(await readdir(reports)).toEqual(expect.arrayContaining(FORMAT_NAMES.map((format) => `report.${format}`)));
    });
  }
});
