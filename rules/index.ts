/**
 * The rule registry: rule id (file name in `rules/`) to rule. Its keys are exactly the names in
 * src/rule-names.ts (the type checker says so), and a test keeps them equal to the files in this
 * folder.
 */
import noAgentSdkSubscriptionAuth from './no-agent-sdk-subscription-auth.js';
import noClaudeCodeImpersonation from './no-claude-code-impersonation.js';
import noCredentialMount from './no-credential-mount.js';
import noCredentialStoreRead from './no-credential-store-read.js';
import noEmbeddedToken from './no-embedded-token.js';
import noMultiUserSurface from './no-multi-user-surface.js';
import noOauthTokenProxy from './no-oauth-token-proxy.js';
import type { RuleName } from '../src/rule-names.js';

export const rules = {
  'no-agent-sdk-subscription-auth': noAgentSdkSubscriptionAuth,
  'no-claude-code-impersonation': noClaudeCodeImpersonation,
  'no-credential-mount': noCredentialMount,
  'no-credential-store-read': noCredentialStoreRead,
  'no-embedded-token': noEmbeddedToken,
  'no-multi-user-surface': noMultiUserSurface,
  'no-oauth-token-proxy': noOauthTokenProxy,
} satisfies Record<RuleName, unknown>;
