import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-embedded-token.js';

const ruleTester = new RuleTester();

// Generated shapes of real credentials: prefix, 93 random characters, `AA`.
const BODY = 'PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6ilI8ihN5KXSc7Tvo-hBKqFYAA';
const OAT = `sk-ant-oat01-${BODY}`;
const ORT = `sk-ant-ort01-${BODY}`;
const SID = `sk-ant-sid01-${BODY}`;
const API = `sk-ant-api03-${BODY}`;
const ADMIN = `sk-ant-admin01-${BODY}`;

ruleTester.run('no-embedded-token', rule, {
  valid: [
    // Placeholders from documentation are not secrets.
    `const example = 'sk-ant-oat01-...';`,
    `// Set CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-xxxx before running.`,
    `const hint = 'Paste your token (sk-ant-oat01-<your token>) here';`,
    `const key = 'sk-ant-api03-your-api-key-here-replace-me-with-the-real-one';`,
    `const fake = 'sk-ant-oat01-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';`,
    // A prefix check is not a token.
    `export const isSubscriptionToken = (token: string) => token.startsWith('sk-ant-oat01-');`,
    // Keys read from the environment.
    `const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });`,
    'const header = `Bearer ${process.env.CLAUDE_CODE_OAUTH_TOKEN}`;',
    // Unrelated base64.
    `const logo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk', 'base64');`,
  ],
  invalid: [
    {
      code: `const TOKEN = '${OAT}';`,
      errors: [{ messageId: 'subscriptionToken', line: 1, column: 16, endColumn: 16 + OAT.length }],
    },
    {
      // Reported where it is written, not again where a template uses it.
      code: `const TOKEN = '${OAT}';
const headers = { Authorization: \`Bearer \${TOKEN}\` };`,
      errors: [{ messageId: 'subscriptionToken', line: 1, column: 16 }],
    },
    {
      // In an object, in a template literal, in a comment.
      code: `export const config = {
  anthropic: { authToken: "${ORT}" },
};
const header = \`Bearer ${SID}\`;
// old key: ${API}`,
      errors: [
        { messageId: 'subscriptionToken', line: 2, column: 28 },
        { messageId: 'subscriptionToken', line: 4, column: 24 },
        { messageId: 'apiKey', line: 5, column: 13 },
      ],
    },
    {
      code: `const admin = new AdminClient({ key: '${ADMIN}' });`,
      errors: [{ messageId: 'apiKey', line: 1, column: 39 }],
    },
    {
      // JSX attribute.
      code: `const Demo = () => <ClaudeProvider token="${OAT}" />;`,
      filename: 'demo.tsx',
      errors: [{ messageId: 'subscriptionToken', line: 1, column: 43 }],
    },
    {
      // Assembled from pieces so that a grep for the prefix misses it.
      code: `const PREFIX = 'sk-ant-' + 'oat01-';
const token = PREFIX + '${BODY}';`,
      errors: [{ messageId: 'subscriptionToken', line: 2, column: 15 }],
    },
    {
      code: `const kind = 'oat01';
const token = \`sk-ant-\${kind}-${BODY}\`;`,
      errors: [{ messageId: 'subscriptionToken', line: 2, column: 15 }],
    },
    {
      // Decoded at start-up.
      code: `const token = Buffer.from('${Buffer.from(OAT).toString('base64')}', 'base64').toString('utf8');
const same = atob('${Buffer.from(OAT).toString('base64')}');`,
      errors: [
        { messageId: 'subscriptionToken', line: 1, column: 15 },
        { messageId: 'subscriptionToken', line: 2, column: 14 },
      ],
    },
  ],
});
