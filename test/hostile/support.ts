/**
 * Shared pieces of the hostile-input, secret-hygiene, no-execution and fuzz tests: a seeded random
 * generator, credential-shaped tokens of every kind, the CLI run with every output captured, and
 * the checks that outputs hold no secret and no stack trace.
 */
import { main, type CliIo } from '../../src/cli.js';
import { isRealTokenBody } from '../../src/detect/tokens.js';

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Makes a {@link Rng}.
 *
 * @param seed - any 32-bit integer
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

/** Every credential type the detector knows, as written after `sk-ant-`. */
export const TOKEN_TYPES = ['oat01', 'ort01', 'sid01', 'api03', 'api04', 'admin01'] as const;

const BODY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A generated credential: the whole token and its body (the part after `sk-ant-<type>-`). */
export interface GeneratedToken {
  type: (typeof TOKEN_TYPES)[number];
  token: string;
  body: string;
}

/**
 * A credential-shaped token with a random body of the observed shape (93 characters of
 * `[A-Za-z0-9_-]`, then `AA`); redrawn until the detector would count it as real (no placeholder
 * word happens to appear in it).
 */
export function generateToken(rng: Rng, type: GeneratedToken['type']): GeneratedToken {
  for (;;) {
    let body = '';
    while (body.length < 93) body += BODY_ALPHABET[rng.int(BODY_ALPHABET.length)];
    body += 'AA';
    if (isRealTokenBody(body)) return { type, token: `sk-ant-${type}-${body}`, body };
  }
}

/** The shortest piece of a token body whose presence in an output counts as a leak. */
export const LEAK_WINDOW = 12;

/**
 * The pieces of token bodies found in a text: every substring of {@link LEAK_WINDOW} characters of
 * each body is looked for, in any letter case (parsers may quote source upper-cased). A redacted
 * token (`sk-ant-oat01-…Q2AA`) shows 4, so it never matches.
 *
 * @returns one line per leak, naming the token's type and where in the text it is
 */
export function findLeaks(text: string, tokens: readonly GeneratedToken[], where: string): string[] {
  const leaks: string[] = [];
  const lower = text.toLowerCase();
  for (const { type, body } of tokens) {
    for (let start = 0; start + LEAK_WINDOW <= body.length; start += 1) {
      const piece = body.slice(start, start + LEAK_WINDOW).toLowerCase();
      const at = lower.indexOf(piece);
      if (at !== -1) {
        leaks.push(`${where}: ${type} body[${start}..${start + LEAK_WINDOW}) at offset ${at}`);
        break;
      }
    }
  }
  return leaks;
}

/** A V8 stack frame line, as printed by an uncaught error or `console.error(error)`. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|<anonymous>\)?)$/m;

/** What one in-process CLI run wrote. */
export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What a progress line (when the CLI draws one on a terminal) wrote. */
  progress: string;
}

/**
 * Runs the CLI in-process with a fake terminal for the progress line (when the CLI has one), so
 * that every byte it writes anywhere is captured.
 *
 * @param argv - arguments after the program name
 * @param cwd - working directory
 */
export async function runCapturing(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CapturedRun> {
  const run: CapturedRun = { code: -1, stdout: '', stderr: '', progress: '' };
  // A variable, not a literal: the progress stream is an extra that older CLIs do not declare.
  const io = {
    cwd,
    stdout: (text: string) => void (run.stdout += text),
    stderr: (text: string) => void (run.stderr += text),
    isTTY: false,
    env,
    progressStream: { isTTY: true, columns: 400, write: (text: string) => void (run.progress += text) },
  };
  run.code = await main(argv, io as CliIo);
  return run;
}
