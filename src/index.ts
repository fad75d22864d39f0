/**
 * claude-auth-lint: the default export is the ESLint plugin; the named exports are the scanner's
 * programmatic API and the policy version the rules were written against.
 *
 * @packageDocumentation
 */
import plugin from './plugin.js';

export default plugin;
export { JS_EXTENSIONS, PACKAGE_VERSION, type ClaudeAuthPlugin, type PluginConfig, type RuleId } from './plugin.js';
export { POLICY_VERSION, POLICY_SOURCES } from './policy.js';
export type { Tier, Severity } from './detect/tier.js';
