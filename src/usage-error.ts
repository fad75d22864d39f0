/**
 * The error of wrong input from the user (a path that does not exist, a bad option or
 * configuration): the command line prints its one-line message and exits with code 2.
 *
 * @packageDocumentation
 */

/** Wrong input from the user: exit code 2, with the message as the reason. */
export class UsageError extends Error {
  override name = 'UsageError';
}
