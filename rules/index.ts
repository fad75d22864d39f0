/**
 * The rule registry: rule id (file name in `rules/`) to rule. A test keeps it equal to the files in
 * this folder.
 */
import noCredentialStoreRead from './no-credential-store-read.js';
import noEmbeddedToken from './no-embedded-token.js';

export const rules = {
  'no-credential-store-read': noCredentialStoreRead,
  'no-embedded-token': noEmbeddedToken,
};

/** A rule id without the plugin namespace, e.g. `no-embedded-token`. */
export type RuleName = keyof typeof rules;
