import { createRule } from '../src/js/create-rule.js';

// Meta is the contract other front ends (Python, workflows, Dockerfiles) report under; create() is to come.
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
  create() {
    return {};
  },
});
