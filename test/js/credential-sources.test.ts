import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { createCredentialTracer, type TraceOptions } from '../../src/js/credential-sources.js';
import { createStaticEvaluator } from '../../src/js/static-string.js';
import { withSourceCode } from './harness.js';

/** Traces the value of the file's last `const probe = …`. */
function traceProbe(code: string, options?: TraceOptions): string | undefined {
  return withSourceCode(code, (context) => {
    const trace = createCredentialTracer(context.sourceCode, createStaticEvaluator(context.sourceCode));
    const declarator = context.sourceCode.ast.body
      .flatMap((statement) => (statement.type === AST_NODE_TYPES.VariableDeclaration ? statement.declarations : []))
      .find((candidate: TSESTree.VariableDeclarator) => candidate.id.type === AST_NODE_TYPES.Identifier && candidate.id.name === 'probe');
    const found = trace(declarator?.init, options);
    return found && `${found.origin}: ${found.label}`;
  });
}

describe('createCredentialTracer', () => {
  it('traces environment variables, ANTHROPIC_AUTH_TOKEN only where it counts', () => {
    expect(traceProbe('const probe = process.env.CLAUDE_CODE_OAUTH_TOKEN;')).toBe('subscription: CLAUDE_CODE_OAUTH_TOKEN');
    expect(traceProbe('const { ANTHROPIC_AUTH_TOKEN: t } = process.env;\nconst probe = t;', { authTokenEnv: true })).toBe('subscription: ANTHROPIC_AUTH_TOKEN');
    expect(traceProbe('const probe = process.env.ANTHROPIC_AUTH_TOKEN;')).toBeUndefined();
    expect(traceProbe('const probe = process.env.ANTHROPIC_API_KEY;')).toBeUndefined();
  });

  it('traces the stored login through files, JSON and local functions', () => {
    expect(traceProbe(`function load() {
  const raw = fs.readFileSync(path.join(os.homedir(), '.claude', '.credentials.json'), 'utf8');
  return JSON.parse(raw);
}
const { accessToken } = load().claudeAiOauth ?? {};
const probe = \`Bearer \${accessToken}\`;`)).toBe('subscription: the stored Claude Code login');
    expect(traceProbe(`let token = '';
if (useLogin) token = (await readLogin()).claudeAiOauth.accessToken;
const probe = token;`)).toBe('subscription: the stored Claude Code login');
  });

  it('traces literals without revealing them', () => {
    expect(traceProbe("const probe = 'sk-ant-oat01-' + suffix;")).toBe('subscription: an sk-ant-oat token literal');
    expect(traceProbe("const probe = 'sk-ant-api03-abc';")).toBeUndefined();
  });

  it('traces a caller’s credentials', () => {
    expect(traceProbe('const probe = req.headers.authorization?.split(" ")[1];')).toBe('caller: the caller’s Authorization header');
    expect(traceProbe("const probe = request.headers.get('Authorization');")).toBe('caller: the caller’s Authorization header');
    expect(traceProbe("const token = body.token;\nif (!token.startsWith('sk-ant-oat01-')) throw new Error('no');\nconst probe = token;")).toBe('caller: a token checked for the sk-ant-oat prefix');
    expect(traceProbe("const key = body.key;\nif (key.startsWith('sk-ant-oat')) throw new Error('use an API key');\nconst probe = key;")).toBeUndefined();
  });

  it('uses names only when asked to', () => {
    expect(traceProbe('const probe = oauthToken;', { nameHints: true })).toBe('subscription: a value named oauthToken');
    expect(traceProbe('const probe = oauthToken;')).toBeUndefined();
    expect(traceProbe('const probe = await getSubscriptionToken();', { nameHints: true })).toBe('subscription: the value of getSubscriptionToken()');
  });
});
