/**
 * Anthropic credential shapes, and how to tell a real credential from a documentation placeholder.
 *
 * Prefixes and lengths are observed, not officially documented (see policy.md, "Facts a detector
 * needs"): API and admin keys are 108 characters (prefix, 93 of `[A-Za-z0-9_-]`, ending `AA`);
 * OAuth tokens are of similar length.
 *
 * @packageDocumentation
 */

/** What a credential is, by its prefix. */
export type TokenKind = 'oauth-access' | 'oauth-refresh' | 'web-session' | 'api-key' | 'admin-key';

/** Human names for each kind, used in messages. */
export const TOKEN_KIND_NAMES: Readonly<Record<TokenKind, string>> = {
  'oauth-access': 'Claude subscription OAuth access token',
  'oauth-refresh': 'Claude subscription OAuth refresh token',
  'web-session': 'claude.ai web session key',
  'api-key': 'Anthropic API key',
  'admin-key': 'Anthropic Admin API key',
};

const KIND_BY_TYPE: Readonly<Record<string, TokenKind>> = {
  oat: 'oauth-access',
  ort: 'oauth-refresh',
  sid: 'web-session',
  api: 'api-key',
  admin: 'admin-key',
};

/**
 * Every `sk-ant-<type><2 digits>-<body>` candidate. The body may be empty (a bare prefix, as in a
 * `startsWith('sk-ant-oat01-')` check) or a placeholder; {@link classifyToken} decides.
 * Global and sticky-free: callers must reset `lastIndex` or use `matchAll`.
 */
export const TOKEN_CANDIDATE = /sk-ant-(oat|ort|sid|api|admin)(\d{2})-([A-Za-z0-9_-]*(?:\.{2,}|…)?)/g;

/** The prefixes of subscription credentials, for code that checks a string's prefix. */
export const SUBSCRIPTION_TOKEN_PREFIXES = ['sk-ant-oat', 'sk-ant-ort', 'sk-ant-sid'] as const;

/** A credential found in text, with offsets into that text (0-based, UTF-16 code units). */
export interface TokenMatch {
  kind: TokenKind;
  /** True for OAuth and session credentials: they belong to a Claude Free/Pro/Max subscription. */
  subscription: boolean;
  /** The whole matched credential. Never print it: use {@link redactToken}. */
  token: string;
  /** Offset of the first character of the credential in the scanned text. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

/** Shortest body (after the `sk-ant-xxx00-` prefix) that can be a real credential. */
const MIN_REAL_BODY_LENGTH = 32;
/**
 * Allow patterns (secretlint's habit: each rule lists what it never reports): words and shapes that
 * documentation writes in place of a real value.
 */
const PLACEHOLDER_WORDS = /(your|example|placeholder|redacted|dummy|fake|sample|replace|insert|change[-_]?me|token[-_]?here|key[-_]?here|xxxx|test[-_]?token|not[-_]?a[-_]?real)/i;
/**
 * Stopwords (gitleaks' habit: a candidate that holds ordinary words is not random). Words of five or
 * more letters count alone; four-letter ones need a second. In 93 random characters of
 * `[A-Za-z0-9_-]` a given five-letter word turns up about once in ten million keys.
 */
const LONG_STOPWORDS = [
  'access', 'admin', 'anthropic', 'claude', 'dev-token', 'documentation', 'docs-', 'expired', 'fixture', 'hello', 'ipsum', 'invalid', 'lorem',
  'mocked', 'oauth', 'purpose', 'qwerty', 'refresh', 'revoked', 'secret', 'session', 'staging', 'string', 'testing', 'token', 'value', 'world',
  'abcdef', '123456', 'abcdefg', 'demo-', 'stub-',
];
const SHORT_STOPWORDS = ['test', 'mock', 'demo', 'stub', 'here', 'real', 'only', 'this', 'that', 'docs', 'user', 'prod', 'copy', 'paste', 'null', 'none', 'todo'];
/**
 * Least Shannon entropy (bits per character) of a real body: random base64url text of this length
 * has about 5.5; gitleaks asks 3.5 to 4.5 of its generic rules. Hand-typed bodies (`aaaabbbb…`,
 * one word repeated) fall under it.
 */
const MIN_ENTROPY_BITS = 4;

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** True when the body holds ordinary words: one stopword of five or more letters, or two of four. */
function holdsStopwords(body: string): boolean {
  const lower = body.toLowerCase();
  if (LONG_STOPWORDS.some((word) => lower.includes(word))) return true;
  return SHORT_STOPWORDS.filter((word) => lower.includes(word)).length >= 2;
}

/** True when the body holds a run of 6 characters that each follow the last in the alphabet (`abcdef`, `234567`). */
function holdsSequence(body: string): boolean {
  let run = 1;
  for (let index = 1; index < body.length; index += 1) {
    run = body.charCodeAt(index) === body.charCodeAt(index - 1) + 1 ? run + 1 : 1;
    if (run >= 6) return true;
  }
  return false;
}

/**
 * Decides whether the body of a `sk-ant-…` candidate is a real credential or a placeholder.
 *
 * A placeholder is short (under 32 characters after the prefix), contains an ellipsis or a
 * placeholder word (`your`, `example`, `xxxx`, `redacted`, …: secretlint's allow patterns), holds
 * ordinary words or an alphabet run (`…SecretTokenForTests…`, `abcdef`: gitleaks' stopwords), or
 * has too little variety to be random (under 4 bits of entropy per character, or fewer than 10
 * distinct characters, as in `aaaa…` or `0000…`).
 *
 * @param body - the characters after `sk-ant-<type><nn>-`
 * @returns true when the body looks like a real, random credential
 */
export function isRealTokenBody(body: string): boolean {
  if (body.length < MIN_REAL_BODY_LENGTH) return false;
  if (body.includes('..') || body.includes('…')) return false;
  if (PLACEHOLDER_WORDS.test(body) || holdsStopwords(body) || holdsSequence(body)) return false;
  return new Set(body).size >= 10 && shannonEntropy(body) >= MIN_ENTROPY_BITS;
}

/**
 * The full format of an issued credential's body: 93 characters of `[A-Za-z0-9_-]` and `AA` (policy.md;
 * observed on API, admin and OAuth credentials alike). Documentation is held to it: a key in a
 * Markdown code block that is shorter, longer or ends otherwise was written by hand.
 */
const ISSUED_BODY = /^[A-Za-z0-9_-]{93}AA$/;

/**
 * Tells whether a body has the full format of an issued credential ({@link ISSUED_BODY}).
 *
 * @param body - the characters after `sk-ant-<type><nn>-`
 */
export function hasIssuedFormat(body: string): boolean {
  return ISSUED_BODY.test(body);
}

/**
 * Finds the real credentials in a text; placeholders and bare prefixes are skipped.
 *
 * @param text - any text (source, config, a decoded string)
 * @returns matches in text order, with 0-based offsets
 */
export function findTokens(text: string): TokenMatch[] {
  return [...tokenMatches(text)];
}

/**
 * {@link findTokens}, found as they are asked for, in text order: a caller that keeps only the
 * first ones holds only those.
 *
 * @param text - any text
 */
export function* tokenMatches(text: string): Generator<TokenMatch> {
  if (!text.includes('sk-ant-')) return;
  for (const match of text.matchAll(TOKEN_CANDIDATE)) {
    const [token, type = '', , body = ''] = match;
    const kind = KIND_BY_TYPE[type];
    if (!kind || !isRealTokenBody(body)) continue;
    yield {
      kind,
      subscription: kind === 'oauth-access' || kind === 'oauth-refresh' || kind === 'web-session',
      token,
      start: match.index,
      end: match.index + token.length,
    };
  }
}

/**
 * Shows a credential without revealing it: its prefix and its last 4 characters, e.g.
 * `sk-ant-oat01-…Q2AA`. Anything that is not a recognised credential keeps only its last 4
 * characters. This is the only form in which a secret may appear in any output.
 *
 * @param token - the whole credential
 * @returns a string that contains at most the prefix and the last 4 characters
 */
export function redactToken(token: string): string {
  const prefix = /^sk-ant-[a-z]+\d{2}-/i.exec(token)?.[0] ?? '';
  const rest = token.slice(prefix.length);
  return rest.length <= 4 ? `${prefix}…` : `${prefix}…${rest.slice(-4)}`;
}

/**
 * {@link TOKEN_CANDIDATE} in any letter case: a message may quote a token upper-cased (a Dockerfile
 * parser shows the instruction it could not read that way).
 */
const REDACTION_CANDIDATE = new RegExp(TOKEN_CANDIDATE.source, 'gi');

/**
 * Replaces every real credential in a text with its redacted form. Used on anything that may
 * quote scanned text (code excerpts, error messages from parsers). Letter case is ignored.
 *
 * @param text - text that may contain credentials
 * @returns the same text with each credential passed through {@link redactToken}
 */
export function redactSecrets(text: string): string {
  if (!/sk-ant-/i.test(text)) return text;
  return text.replace(REDACTION_CANDIDATE, (candidate, _type: string, _n: string, body: string) =>
    body.length > 4 ? redactToken(candidate) : candidate,
  );
}

/** Longest value a message quotes whole (characters); longer ones keep their end, where a path names its file. */
const MAX_QUOTED_LENGTH = 80;
/** How much of the end of a longer value a message keeps. */
const QUOTED_TAIL_LENGTH = 60;

/**
 * A value from scanned code (an evaluated path, a header) as a message may quote it: secrets
 * redacted first, then shortened to its last 60 characters when over 80. In the other order, a
 * shortened token would have lost the prefix that redaction looks for.
 *
 * @param value - the value, as evaluated from the code
 * @returns at most 61 characters (an ellipsis and the tail) when the value is long
 */
export function quotedValue(value: string): string {
  const redacted = redactSecrets(value);
  return redacted.length > MAX_QUOTED_LENGTH ? `…${redacted.slice(-QUOTED_TAIL_LENGTH)}` : redacted;
}

/** A token prefix as {@link redactToken} keeps it: never masked. */
const TOKEN_PREFIX = /^sk-ant-[a-z]+\d{2}-$/i;

/** Shortest run of `[A-Za-z0-9_-]` that an excerpt masks as a possible piece of a split credential. */
const MIN_MASKED_RUN = 20;

/**
 * Tells whether a run of `[A-Za-z0-9_-]` looks like a random piece of a credential: at least 20
 * characters, three character classes, 4 bits of entropy per character, and no ordinary words.
 * Identifiers (`claudeAiOauth`), header values (`oauth-2025-04-20`), the keychain name and the
 * client id fail one of these and stay readable.
 */
function looksRandom(run: string): boolean {
  if (run.length < MIN_MASKED_RUN || TOKEN_PREFIX.test(run)) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[_-]/].filter((pattern) => pattern.test(run)).length;
  return classes >= 3 && shannonEntropy(run) >= MIN_ENTROPY_BITS && !holdsStopwords(run) && !PLACEHOLDER_WORDS.test(run);
}

/**
 * Redacts a line of code shown as an excerpt: credential values only. Besides whole credentials
 * ({@link redactSecrets}), a token split over several literals (`'sk-ant-oat01-' + 'Zq7LmW2x…'`)
 * has pieces without the prefix that redaction looks for: a run that looks random (see
 * `looksRandom`: 20+ characters, three classes, 4+ bits per character, no words) keeps only its
 * last 4 characters. Other text, such as `oauth-2025-04-20` or `Claude Code-credentials`, is shown
 * as it is.
 *
 * @param line - one line of the scanned file
 */
export function redactExcerpt(line: string): string {
  return redactSecrets(line).replace(MIXED_RUN, maskMixedRun);
}

/** A run that {@link redactExcerpt} may mask. */
const MIXED_RUN = /[A-Za-z0-9_-]{20,}/g;

/** A run as {@link redactExcerpt} shows it: masked only when it looks random (a credential value), never words such as `oauth-2025-04-20`. */
function maskMixedRun(run: string): string {
  if (TOKEN_PREFIX.test(run)) return run;
  return looksRandom(run) ? `…${run.slice(-4)}` : run;
}

/**
 * A replacement made by a redaction: where in its input, how long it was, how long it became, and
 * how much all the replacements before it shifted the text (`shift`, filled in as they are made).
 */
interface Edit {
  at: number;
  from: number;
  to: number;
  shift: number;
}

/** Records a replacement after the ones already in `edits` (they come in text order). */
function pushEdit(edits: Edit[], at: number, from: number, to: number): void {
  const last = edits.at(-1);
  edits.push({ at, from, to, shift: last ? last.shift + last.to - last.from : 0 });
}

/**
 * Maps an offset of a text to the offset in the text after `edits`; an offset inside a replaced
 * part maps to its start. A binary search: many findings on a line with many edits stay linear.
 */
function mapOffset(offset: number, edits: readonly Edit[]): number {
  let low = 0;
  let high = edits.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((edits[middle]?.at ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  const edit = edits[low - 1];
  if (!edit) return offset;
  return offset < edit.at + edit.from ? edit.at + edit.shift : offset + edit.shift + edit.to - edit.from;
}

/**
 * {@link redactExcerpt}, with a map from offsets of the line to offsets of the redacted line: an
 * excerpt of a long line shows the part around a finding's column, and with the map each finding
 * costs no new redaction of the line (which made excerpts quadratic on a minified line).
 *
 * @param line - one line of the scanned file
 * @returns the redacted line, and the map (an offset inside a masked run maps to the run's start)
 */
export function redactExcerptMapped(line: string): { text: string; offsetOf: (offset: number) => number } {
  const first: Edit[] = [];
  const secretsRedacted = /sk-ant-/i.test(line)
    ? line.replace(REDACTION_CANDIDATE, (candidate: string, _type: string, _n: string, body: string, at: number) => {
        const replacement = body.length > 4 ? redactToken(candidate) : candidate;
        if (replacement !== candidate) pushEdit(first, at, candidate.length, replacement.length);
        return replacement;
      })
    : line;
  const second: Edit[] = [];
  const text = secretsRedacted.replace(MIXED_RUN, (run: string, at: number) => {
    const replacement = maskMixedRun(run);
    if (replacement !== run) pushEdit(second, at, run.length, replacement.length);
    return replacement;
  });
  return { text, offsetOf: (offset) => mapOffset(mapOffset(offset, first), second) };
}
