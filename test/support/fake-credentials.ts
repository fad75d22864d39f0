/**
 * Credential-shaped strings for tests, built at run time so that no credential-like literal sits in
 * the repository. They have the observed shape (prefix, 93 characters of `[A-Za-z0-9_-]`, ending `AA`)
 * and enough variety to count as real for `findTokens`, but were never issued by anyone.
 */
const ALPHABET = 'Zq7LmW2xR9tKbVn4HcJ8pYs3FgD6wEa1Uo5Ti0Nk_Ml-ByCrXvQeGhSjPzIfOdAuW';

/**
 * A fake credential of the given kind.
 *
 * @param type - the part after `sk-ant-`, e.g. `oat01` (OAuth access token) or `api03` (API key)
 * @param seed - varies the body, so that two fakes in one file differ
 */
export function fakeCredential(type: string, seed = 0): string {
  let body = '';
  for (let index = 0; body.length < 91; index += 1) body += ALPHABET[(index * 7 + seed) % ALPHABET.length];
  return `sk-ant-${type}-${body}AA`;
}
