import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { calleeName, createStaticEvaluator, findProperty, resolveBinding, skipWrappers, staticPropertyName } from '../src/js/static-string.js';
import {
  ANTHROPIC_NAME_HINT,
  claudeCodeEndpoint,
  findValueMarkers,
  isCliAppValue,
  isFederationMarker,
  isXAppHeader,
  unknownHostEndpoint,
  usesWorkloadIdentityFederation,
  type ClaudeCodeMarker,
  type ClaudeCodeMarkerKind,
} from '../src/detect/claude-code-markers.js';
import { ruleGateOpens } from '../src/detect/triggers.js';

/** A marker the rule reports: its messageId, data, and a key that says when two are the same marker. */
interface Found {
  kind: ClaudeCodeMarkerKind;
  data?: Record<string, string>;
  key: string;
}

/** Methods whose argument is tested against a value, not sent: `betas.includes('oauth-2025-04-20')`. */
const TEST_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'has', 'match', 'test', 'search']);
/** Operators that compare a value with another. */
const COMPARISONS = new Set(['===', '!==', '==', '!=']);
/** Methods of HTTP clients that take a path relative to the client's base URL. */
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'request', 'fetch']);
/** A name in source text that says it holds an Anthropic host: `ANTHROPIC_CONSOLE`, `config.claudeBaseUrl`. */
const HOST_NAME = /[\w$.]*(?:anthropic|claude)[\w$.]*/i;
/** Option names under which HTTP clients (axios, ky, got, ofetch, …) take a base URL. */
const BASE_URL_OPTIONS = ['baseURL', 'baseUrl', 'prefixUrl', 'prefixURL', 'base_url'];

export default createRule({
  name: 'no-claude-code-impersonation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow posing as Claude Code: its OAuth client id, OAuth endpoints, beta headers, CLI headers and system prompt',
      recommended: true,
      tier: 'red',
      fixHint: 'Do not reuse Claude Code’s OAuth client, endpoints or headers: call the API with your own API key and standard headers.',
    },
    messages: {
      clientId:
        "Claude Code's own OAuth client id appears here. Only Claude Code may use it: a third-party tool that does impersonates Claude Code to get subscription tokens. Use an API key.",
      oauthEndpoint:
        "Claude Code's OAuth endpoint ({{url}}) appears here. Third parties may not offer Claude login or obtain subscription tokens: use an API key.",
      betaHeader:
        'The `{{value}}` beta value marks requests as {{meaning}}. Outside Claude Code it impersonates Claude Code’s subscription traffic: use an API key with the standard headers.',
      cliHeader:
        '`{{header}}` makes requests look as if they came from the Claude Code CLI. Do not impersonate Claude Code: use an API key.',
      systemPrompt:
        'This system prompt claims to be Claude Code, as tools that pose as Claude Code to use subscription credentials do. Use an API key and a system prompt of your own.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    if (!ruleGateOpens('no-claude-code-impersonation', text)) return {};
    const evaluator = createStaticEvaluator(sourceCode);
    // `x-app: cli` is a generic pair of words; it marks Claude Code only where Anthropic is in sight.
    const anthropicInSight = ANTHROPIC_NAME_HINT.test(text);
    // Workload identity federation sends the OAuth beta with API-billed tokens.
    const federation = usesWorkloadIdentityFederation(text);
    const cache = new WeakMap<TSESTree.Node, Found[]>();

    function keyed(marker: Pick<ClaudeCodeMarker, 'kind' | 'data'>): Found {
      const detail = marker.data?.url ?? marker.data?.value ?? marker.data?.header?.split(':')[0] ?? '';
      return { kind: marker.kind, ...(marker.data && { data: marker.data }), key: `${marker.kind}|${detail.toLowerCase()}` };
    }

    /** The markers an expression's value carries, including an endpoint on a host named after Anthropic. */
    function markersOf(node: TSESTree.Node): Found[] {
      const cached = cache.get(node);
      if (cached) return cached;
      // A list (`[OAUTH_BETA, …]`, a constant bound to one) carries what its elements carry.
      const value = evaluator.string(node) ?? (evaluator.strings(node).join('\n') || undefined);
      const found: Found[] = [];
      if (value !== undefined) {
        for (const marker of findValueMarkers(value)) {
          if (marker.kind === 'cliHeader' && marker.data?.header === 'x-app: cli' && !anthropicInSight) continue;
          found.push(keyed(marker));
        }
        const endpoint = unknownHostEndpoint(value);
        // The host is a name the evaluator could not follow (an import, an env variable): trust the name.
        const hostName = endpoint?.envName !== undefined
          ? ANTHROPIC_NAME_HINT.test(endpoint.envName) ? `$${endpoint.envName}` : undefined
          : endpoint && HOST_NAME.exec(sourceCode.getText(node).replace(endpoint.path, ''))?.[0];
        if (endpoint && hostName && !isRoutePath(node)) {
          found.push(keyed({ kind: 'oauthEndpoint', data: { url: `${hostName}${endpoint.path}` } }));
        }
      }
      cache.set(node, found);
      return found;
    }

    /** The operands a constructed value is made of: reported there, not again here. */
    function operandsOf(node: TSESTree.Node): TSESTree.Node[] {
      switch (node.type) {
        case AST_NODE_TYPES.BinaryExpression:
          return [node.left, node.right];
        case AST_NODE_TYPES.TemplateLiteral:
          return node.expressions;
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const callee = skipWrappers(node.callee);
          return [...(callee.type === AST_NODE_TYPES.MemberExpression ? [callee.object] : []), ...node.arguments];
        }
        default:
          return [];
      }
    }

    /** A path registered as a route of one's own server: `app.post(`${CLAUDE_PREFIX}/v1/oauth/token`, handler)`. */
    function isRoutePath(node: TSESTree.Node): boolean {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node) return false;
      return parent.arguments.slice(1).some(isFunction);
    }

    function isFunction(node: TSESTree.Node): boolean {
      const inner = skipWrappers(node);
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const bound = resolveBinding(sourceCode, inner)?.init;
        return bound !== undefined && /Function/.test(bound.type);
      }
      return /Function/.test(inner.type);
    }

    /** A value that is tested against, not sent: `=== 'oauth-2025-04-20'`, `case`, `.includes(…)`. */
    function isComparedOnly(node: TSESTree.Node): boolean {
      const parent = node.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.BinaryExpression) return COMPARISONS.has(parent.operator);
      if (parent.type === AST_NODE_TYPES.SwitchCase) return parent.test === node;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
        const name = calleeName(parent.callee);
        return name !== undefined && TEST_METHODS.has(name) && parent.callee.type === AST_NODE_TYPES.MemberExpression;
      }
      return false;
    }

    function report(node: TSESTree.Node, found: Found): void {
      if (federation && isFederationMarker(found)) return;
      context.report({ node, messageId: found.kind, ...(found.data && { data: found.data }) });
    }

    /** Reports the markers a value carries that none of its operands already carries. */
    function checkValue(node: TSESTree.Node): void {
      if (isComparedOnly(node)) return;
      const own = markersOf(node);
      if (own.length === 0) return;
      const fromOperands = new Set(operandsOf(node).flatMap((operand) => markersOf(operand).map((found) => found.key)));
      const reported = new Set<string>();
      for (const found of own) {
        if (fromOperands.has(found.key) || reported.has(found.key)) continue;
        reported.add(found.key);
        report(node, found);
      }
    }

    /** `localFunction()` returns a value built elsewhere, which is reported where it is built. */
    function callsLocalFunction(node: TSESTree.CallExpression): boolean {
      return skipWrappers(node.callee).type === AST_NODE_TYPES.Identifier && isFunction(node.callee);
    }

    /** `x-app: cli` as a header entry: report the value. */
    function checkXApp(name: TSESTree.Node | string | undefined, value: TSESTree.Node | null | undefined): void {
      if (!anthropicInSight || !value) return;
      const header = typeof name === 'string' || name === undefined ? name : evaluator.string(name);
      const sent = evaluator.string(value);
      if (header !== undefined && sent !== undefined && isXAppHeader(header) && isCliAppValue(sent)) {
        // claude-auth-lint-disable-next-line no-claude-code-impersonation -- names the header in the message; sends nothing
        report(value, keyed({ kind: 'cliHeader', data: { header: 'x-app: cli' } }));
      }
    }

    /** The base URL a client object was created with: `axios.create({ baseURL })`, `new Client({ baseUrl })`. */
    function baseUrlOf(receiver: TSESTree.Node): string | undefined {
      const inner = skipWrappers(receiver);
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const binding = resolveBinding(sourceCode, inner);
      const init = binding && binding.key === undefined ? skipWrappers(binding.init) : undefined;
      if (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression) return undefined;
      return baseUrlOption(init.arguments[0]);
    }

    function baseUrlOption(node: TSESTree.Node | undefined): string | undefined {
      const options = node && skipWrappers(node);
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      for (const name of BASE_URL_OPTIONS) {
        const value = findProperty(options, name);
        if (value) return evaluator.string(value);
      }
      return undefined;
    }

    /** `client.post('/v1/oauth/token')` on a client whose base URL is an Anthropic host. */
    function checkRelativeRequest(node: TSESTree.CallExpression): void {
      const callee = skipWrappers(node.callee);
      const [first, second] = node.arguments;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !first || !REQUEST_METHODS.has(staticPropertyName(callee) ?? '')) return;
      const path = evaluator.string(first);
      const base = path === undefined ? undefined : (baseUrlOption(second) ?? baseUrlOf(callee.object));
      const host = base === undefined ? undefined : /^https?:\/\/([^/]+)/.exec(base)?.[1];
      const url = host === undefined || path === undefined ? undefined : claudeCodeEndpoint(host, path.startsWith('/') ? path : `/${path}`);
      if (url !== undefined) report(first, keyed({ kind: 'oauthEndpoint', data: { url } }));
    }

    /** `https.request({ hostname: 'console.anthropic.com', path: '/v1/oauth/token' })`. */
    function checkRequestOptions(node: TSESTree.ObjectExpression): void {
      const hostNode = findProperty(node, 'hostname') ?? findProperty(node, 'host');
      const pathNode = findProperty(node, 'path');
      const host = hostNode && evaluator.string(hostNode);
      const path = pathNode && evaluator.string(pathNode);
      const url = host === undefined || path === undefined ? undefined : claudeCodeEndpoint(host, path);
      if (pathNode && url !== undefined) report(pathNode, keyed({ kind: 'oauthEndpoint', data: { url } }));
    }

    /**
     * `{ grant_type: 'refresh_token', client_id: OAUTH_CLIENT_ID, … }`: a token request made with Claude
     * Code's client id held in a name. The name's value is reported where it is written; the grant
     * that uses it is the act of posing as Claude Code, and is reported too.
     */
    function checkTokenGrant(node: TSESTree.Property): void {
      const name = staticPropertyName(node);
      const value = skipWrappers(node.value);
      if ((name !== 'client_id' && name !== 'clientId') || (value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression)) return;
      const grant = findProperty(node.parent as TSESTree.ObjectExpression, 'grant_type');
      if (!grant || evaluator.string(grant) === undefined) return;
      const found = markersOf(node.value).find((marker) => marker.kind === 'clientId');
      if (found) report(node, found);
    }

    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        const parent = node.parent;
        // Types carry no value; module specifiers name packages.
        if (parent.type === AST_NODE_TYPES.TSLiteralType || ('source' in parent && parent.source === node)) return;
        checkValue(node);
      },
      TemplateLiteral: checkValue,
      BinaryExpression(node) {
        if (node.operator === '+') checkValue(node);
      },
      NewExpression: checkValue,
      CallExpression(node) {
        if (!callsLocalFunction(node)) checkValue(node);
        checkRelativeRequest(node);
        // headers.set('x-app', 'cli'), res.setHeader(…), axios.defaults.headers.common…
        if (node.arguments.length >= 2) checkXApp(node.arguments[0], node.arguments[1]);
      },
      ObjectExpression: checkRequestOptions,
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        checkXApp(node.computed ? node.key : staticPropertyName(node), node.value);
        checkTokenGrant(node);
      },
      AssignmentExpression(node) {
        if (node.left.type === AST_NODE_TYPES.MemberExpression) {
          checkXApp(node.left.computed ? node.left.property : staticPropertyName(node.left), node.right);
        }
      },
      ArrayExpression(node) {
        // new Headers([['x-app', 'cli']])
        if (node.elements.length === 2 && node.parent.type === AST_NODE_TYPES.ArrayExpression) {
          checkXApp(node.elements[0] ?? undefined, node.elements[1]);
        }
      },
    };
  },
});
