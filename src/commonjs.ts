/**
 * The entry point for `require('claude-auth-lint')` (package.json `exports` condition `require`; Node's
 * require of ESM): the plugin object itself, as a CommonJS eslint.config.js expects
 * (`const claudeAuth = require('claude-auth-lint')`). Kept apart from index.ts because a string export
 * name in a .d.ts does not parse in TypeScript before 5.6; the `types` condition points at index.d.ts.
 *
 * @packageDocumentation
 */
import plugin from './plugin.js';

export { plugin as 'module.exports' };
