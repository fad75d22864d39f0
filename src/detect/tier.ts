/**
 * The tiers of policy.md and how they map to ESLint severities.
 * - red: bannable; ESLint `error` (2); the scanner exits 1.
 * - yellow: grey, or a plain leaked API key; ESLint `warn` (1).
 * Green patterns are never reported, so they have no tier here.
 *
 * @packageDocumentation
 */

/** A finding's tier, as in policy.md. */
export type Tier = 'red' | 'yellow';

/** ESLint numeric severity: 1 = warning, 2 = error. */
export type Severity = 1 | 2;

/** The severity a tier carries in `configs.recommended` and in the scanner. */
export function severityOfTier(tier: Tier): Severity {
  return tier === 'red' ? 2 : 1;
}
