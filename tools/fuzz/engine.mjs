/**
 * The fuzzer of the scanner's analyzers: generated and mutated inputs (byte flips, truncation,
 * splicing, insertion of tokens, paths, quotes and brackets) fed to an analyzer, checking that it
 * never throws, that every position it reports exists in the input, and that no message holds a
 * token of the input whole, and that no analyzer crashes (the scanner would catch it and fall back to
 * the markers, hiding the bug). Seeded: a seed and an iteration number reproduce an input exactly.
 * Used by `npm run fuzz` (tools/fuzz/run.mjs) and, briefly, by the test suite.
 *
 * @packageDocumentation
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A seeded pseudo-random generator (mulberry32).
 *
 * @param {number} seed - any 32-bit integer
 */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)] };
}

const BODY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const TOKEN_TYPES = ['oat01', 'ort01', 'sid01', 'api03', 'api04', 'admin01'];

/** A credential-shaped token with a random 95-character body. */
function randomToken(rng) {
  let body = '';
  while (body.length < 93) body += BODY_ALPHABET[rng.int(BODY_ALPHABET.length)];
  return `sk-ant-${rng.pick(TOKEN_TYPES)}-${body}AA`;
}

/** Pieces the mutator inserts: syntax that breaks parsers, and words that wake the rules. */
const FRAGMENTS = [
  "'", '"', '`', '${', '}', '{', '(', ')', '[', ']', ';', ',', ':', '\n', '\r\n', '\r', '\t', '\\', '/*', '*/', '//', '#',
  '"""', "f'", 'r"', '<', '/>', '</a>', '=>', '...', '?.', '??', '||', '+', '\u2028', '\ufeff', '\u0000', '\u202e', '\ud800', '😀', 'é',
  'process.env.CLAUDE_CODE_OAUTH_TOKEN', 'process.env.ANTHROPIC_API_KEY', "'~/.claude/.credentials.json'",
  "path.join(os.homedir(), '.claude', '.credentials.json')", "readFileSync(", "fs.readFile(", "JSON.parse(", '.claudeAiOauth',
  'new Anthropic({ authToken: ', 'new Anthropic({ apiKey: ', "query({ prompt: 'hi', options: { env: { CLAUDE_CODE_OAUTH_TOKEN: ",
  "fetch('https://api.anthropic.com/v1/messages', { headers: ", "{ 'anthropic-beta': 'oauth-2025-04-20', 'user-agent': 'claude-cli/1.0' }",
  "'https://console.anthropic.com/v1/oauth/token'", "'9d1c250a-e61b-44d9-88ed-5944d1962f5e'", "security find-generic-password -s 'Claude Code-credentials'",
  'app.post("/v1/messages", (req, res) => ', 'req.headers.authorization', 'export default async function handler(req, res) {',
  'import os\n', 'os.environ["CLAUDE_CODE_OAUTH_TOKEN"]', 'Anthropic(auth_token=', 'open(os.path.expanduser("~/.claude/.credentials.json"))',
  'def f(', ':\n    ', 'class A:\n  ', 'lambda: ', '@app.route("/chat")\n', 'ClaudeAgentOptions(env={"CLAUDE_CODE_OAUTH_TOKEN": ',
  'atob(', "Buffer.from('c2stYW50LW9hdDAxLQ==', 'base64').toString()", '.join("")', "['sk-ant', 'oat01'].join('-')",
  'ENV CLAUDE_CODE_OAUTH_TOKEN=', '  - ~/.claude:/root/.claude\n', 'CLAUDE_CODE_OAUTH_TOKEN=', '&a [*a, *a]', '*a', '--- ', '- ',
  // What a hostile pull request writes to switch the scan off or hide a value (issue 17).
  '/* eslint claude-auth/no-embedded-token: off */', '/* eslint-disable , */', '// eslint-disable-next-line ,\n',
  '// eslint-disable-next-line claude-auth/no-oauth-token-proxy\u2028', '# claude-auth-lint-disable-next-line no-embedded-token sk-ant-oat01-',
  "String.fromCharCode(67, 76, 65, 85, 68, 69)", "'NEKOT_HTUAO_EDOC_EDUALC'.split('').reverse().join('')", "decodeURIComponent('%43LAUDE')",
  "Buffer.from('2e636c61756465', 'hex')", "process.env['CLAUDE_' + 'CODE_OAUTH_TOKEN']", "'a-b'.replaceAll('-', '/')",
  '::stop-commands::x\n', '::add-mask::', '\u001b]52;c;ZWNobw==\u0007', '\u001b[2J', '<script lang="ts">', '</script>', '<template>',
  '<<: *a\n', "getattr(os, 'environ')", "chr(67) + chr(76)", "__import__('os')", '\ufffd', '\u0000\u0000', '('.repeat(600), '/*' + '('.repeat(600) + '*/',
  // Computed module names, keyword spreads, and padding that once switched a parse off (issue 17).
  "const sdk = '@anthropic-ai/' + 'claude-agent-sdk';\nrequire(sdk)", "await import(`@anthropic-ai/${'claude-agent-sdk'}`)",
  'opts = {"env": {"CLAUDE_CODE_OAUTH_TOKEN": tok}}\nClaudeAgentOptions(**opts)', "importlib.import_module('claude_agent_sdk')",
  ' '.repeat(20_000), '\n'.repeat(5_000), `'${'x'.repeat(20_000)}'`,
];

/** A token as redactToken shows it: prefix, ellipsis, at most the last 4 characters. */
const REDACTED_TOKEN = /sk-ant-[a-z]+\d{2}-…[A-Za-z0-9_-]{0,4}/g;

/** Line breaks as ESLint counts them (it is the widest definition of the analyzers). */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** One random change to a text. */
function mutate(rng, text, seeds, tokens) {
  const at = rng.int(text.length + 1);
  switch (rng.int(9)) {
    case 0: {
      // Flip one UTF-16 code unit to a random one (lone surrogates and controls included).
      if (text.length === 0) return text;
      return text.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + text.slice(at + 1);
    }
    case 1:
      return text.slice(0, at);
    case 2:
      return text.slice(at);
    case 3: {
      const other = rng.pick(seeds).text;
      const from = rng.int(other.length + 1);
      return text.slice(0, at) + other.slice(from, from + rng.int(2000)) + text.slice(at);
    }
    case 4: {
      const token = randomToken(rng);
      tokens.push(token);
      const quote = rng.pick(['', "'", '"', '`']);
      return `${text.slice(0, at)}${quote}${token}${quote}${text.slice(at)}`;
    }
    case 5: {
      const end = at + rng.int(200);
      return text.slice(0, at) + text.slice(end);
    }
    case 6: {
      const piece = text.slice(at, at + rng.int(300));
      return text.slice(0, at) + piece.repeat(1 + rng.int(5)) + text.slice(at);
    }
    case 7: {
      const [open, close] = rng.pick([['(', ')'], ['[', ']'], ['{', '}'], ['`${', '}`'], ['f(', ')']]);
      const depth = 1 + rng.int(rng.next() < 0.1 ? 3000 : 30);
      return text.slice(0, at) + `${open}\n`.repeat(depth) + `\n${close}`.repeat(depth) + text.slice(at);
    }
    default:
      return text.slice(0, at) + rng.pick(FRAGMENTS) + text.slice(at);
  }
}

/** A new input of random fragments, for when mutating fixtures is not enough. */
function generate(rng, tokens) {
  const parts = [];
  for (let count = 5 + rng.int(60); count > 0; count -= 1) {
    if (rng.next() < 0.08) {
      const token = randomToken(rng);
      tokens.push(token);
      parts.push(`'${token}'`);
    } else {
      parts.push(rng.pick(FRAGMENTS));
    }
  }
  return parts.join(rng.pick(['', ' ', '\n']));
}

/** The file names inputs are analyzed as, by kind, so that each analyzer gets its own. */
const NAMES = {
  js: ['src/fuzz.ts', 'src/fuzz.js', 'src/fuzz.tsx', 'src/fuzz.jsx', 'src/fuzz.mjs', 'src/fuzz.cjs', 'app/api/chat/route.ts', 'src/App.vue', 'src/Page.svelte', 'src/page.astro'],
  python: ['fuzz.py', 'app/main.py', 'tool.pyw', 'analysis.ipynb'],
  go: ['cmd/fuzz/main.go'],
  ruby: ['app.rb', 'Gemfile'],
  shell: ['deploy.sh', 'scripts/run.bash'],
  rust: ['src/main.rs'],
  swift: ['Sources/Fuzz.swift'],
  'package-json': ['package.json'],
  dotenv: ['.env'],
  dockerfile: ['Dockerfile'],
  compose: ['docker-compose.yml'],
  workflow: ['.github/workflows/fuzz.yml'],
  prose: ['README.md'],
  text: ['deploy.conf', 'k8s.yaml'],
};

/**
 * What is wrong with one analysis, or undefined when it keeps every invariant.
 *
 * @param {string} text - the input
 * @param {{ findings: any[], diagnostics: any[] }} analysis - its analysis
 * @param {{ token: string }[]} secrets - tokens of the input that no message may quote, in any letter case
 */
function violation(text, analysis, secrets) {
  if (!analysis || !Array.isArray(analysis.findings) || !Array.isArray(analysis.diagnostics)) return 'no findings/diagnostics lists';
  const lines = (text.match(LINE_BREAK)?.length ?? 0) + 1;
  for (const finding of analysis.findings) {
    const where = `${finding.ruleId} ${finding.messageId} at ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
    if (!(Number.isInteger(finding.line) && finding.line >= 1 && finding.line <= lines)) return `line out of range (1..${lines}): ${where}`;
    if (!(Number.isInteger(finding.column) && finding.column >= 1)) return `column below 1: ${where}`;
    if (!(Number.isInteger(finding.endLine) && finding.endLine >= finding.line && finding.endLine <= lines)) return `end line out of range: ${where}`;
    if (!(Number.isInteger(finding.endColumn) && finding.endColumn >= 1)) return `end column below 1: ${where}`;
    if (typeof finding.message !== 'string' || finding.message.length === 0) return `empty message: ${where}`;
  }
  for (const diagnostic of analysis.diagnostics) {
    // The scanner turns an analyzer's exception into this diagnostic: for the fuzzer, a crash.
    if (diagnostic.kind === 'analyzer-error') return `analyzer crashed: ${diagnostic.message}`;
    if (typeof diagnostic.message !== 'string' || diagnostic.message.includes('\n')) return `diagnostic message not one line: ${diagnostic.kind}`;
    if (diagnostic.line !== undefined && !(diagnostic.line >= 1 && diagnostic.line <= lines)) return `diagnostic line out of range: ${diagnostic.kind} ${diagnostic.line}`;
    if (diagnostic.column !== undefined && !(diagnostic.column >= 1)) return `diagnostic column below 1: ${diagnostic.kind} ${diagnostic.column}`;
  }
  // Redacted tokens are allowed; they go first, as a token's body may hold the prefix of another one.
  const messages = [...analysis.findings, ...analysis.diagnostics]
    .map((item) => item.message)
    .join('\n')
    .replace(REDACTED_TOKEN, '[redacted]');
  // A piece of a body counts only where the input has it inside whole tokens alone: a mutation may
  // have copied part of a token elsewhere, where nothing marks it as a secret.
  const outsideTokens = secrets.reduce((masked, { token }) => masked.split(token).join('\u0000'), text);
  for (const { token } of secrets) {
    const body = token.slice(token.indexOf('-', 7) + 1);
    for (let start = 0; start + 12 <= body.length; start += 1) {
      const piece = body.slice(start, start + 12);
      if (!outsideTokens.includes(piece) && messages.toLowerCase().includes(piece.toLowerCase())) {
        return `a message quotes 12+ characters of a token body (${body.slice(0, 4)}…)`;
      }
    }
  }
  return undefined;
}

/**
 * Runs the fuzzer.
 *
 * @param {object} options
 * @param {(text: string, relativePath: string, kind: string) => any} options.analyze - the analyzer under test
 *   (sync or async), returning `{ findings, diagnostics }`
 * @param {{ relativePath: string, kind: string, text: string }[]} options.seeds - inputs to mutate
 * @param {(text: string) => { token: string }[]} options.findTokens - the detector's own token finder:
 *   every real token of an input is a secret that no message may quote
 * @param {number} [options.seed] - RNG seed (default 1)
 * @param {number} [options.iterations] - stop after this many inputs (default: no limit)
 * @param {number} [options.seconds] - stop after this much time (default: no limit; one of the two is needed)
 * @param {string} [options.reproDir] - where failing inputs are written (default: not written)
 * @param {number} [options.maxFailures] - stop after this many failures (default 20)
 * @returns {Promise<{ iterations: number, failures: { iteration: number, reason: string, kind: string, relativePath: string, reproducer?: string }[], slowest: { ms: number, iteration: number, length: number } }>}
 */
export async function fuzz(options) {
  const { analyze, seeds, findTokens, seed = 1, iterations = Infinity, seconds = Infinity, reproDir, maxFailures = 20 } = options;
  if (iterations === Infinity && seconds === Infinity) throw new Error('fuzz needs an iteration count or a time limit');
  const kinds = Object.keys(NAMES).filter((kind) => seeds.some((s) => s.kind === kind));
  const failures = [];
  const slowest = { ms: 0, iteration: -1, length: 0 };
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  for (; done < iterations && Date.now() < deadline && failures.length < maxFailures; done += 1) {
    // Each iteration has its own generator, so that one iteration can be replayed alone.
    const rng = createRng((seed * 1_000_003 + done) >>> 0);
    const tokens = [];
    const kind = rng.pick(kinds);
    const relativePath = rng.pick(NAMES[kind]);
    const ofKind = seeds.filter((s) => s.kind === kind);
    let text = rng.next() < 0.15 ? generate(rng, tokens) : rng.pick(ofKind).text;
    tokens.push(...findTokens(text).map(({ token }) => token));
    for (let count = 1 + rng.int(6); count > 0; count -= 1) text = mutate(rng, text, seeds, tokens);
    // The secrets: the fixture's and the generated tokens still whole in the input (a mutation may have
    // cut one up) that the detector counts as real; the invariant is that none is ever quoted.
    const found = new Set(findTokens(text).map(({ token }) => token));
    const secrets = tokens.filter((token) => text.includes(token) && [...found].some((match) => match.includes(token))).map((token) => ({ token }));

    let reason;
    const started = Date.now();
    try {
      reason = violation(text, await analyze(text, relativePath, kind), secrets);
    } catch (error) {
      reason = `threw: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`;
    }
    const ms = Date.now() - started;
    if (ms > slowest.ms) Object.assign(slowest, { ms, iteration: done, length: text.length });
    if (reason) {
      const failure = { iteration: done, reason, kind, relativePath };
      if (reproDir) {
        await mkdir(reproDir, { recursive: true });
        const file = path.join(reproDir, `seed-${seed}-iteration-${done}-${path.basename(relativePath)}`);
        await writeFile(file, text);
        await writeFile(`${file}.json`, `${JSON.stringify({ ...failure, seed }, null, 2)}\n`);
        failure.reproducer = file;
      }
      failures.push(failure);
    }
  }
  return { iterations: done, failures, slowest };
}

/**
 * The fixtures' source files as seeds: every text file under `directory` that `classify` gives a
 * kind the fuzzer knows, up to 256 KiB each.
 *
 * @param {string} directory - absolute path (the repository's `fixtures/`)
 * @param {(relativePath: string) => string} classify - src/scan/classify.ts
 * @returns {Promise<{ relativePath: string, kind: string, text: string }[]>}
 */
export async function loadSeeds(directory, classify) {
  const { readdir, readFile } = await import('node:fs/promises');
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const seeds = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const relativePath = path.relative(directory, absolute).split(path.sep).join('/');
    const kind = classify(relativePath);
    if (!(kind in NAMES)) continue;
    const bytes = await readFile(absolute);
    if (bytes.length <= 256 * 1024 && !bytes.includes(0)) seeds.push({ relativePath, kind, text: bytes.toString('utf8') });
  }
  return seeds.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}
