/**
 * Does a GitHub Actions `if:` condition let only the repository owner through? Read from the
 * expression syntax (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions):
 * `||`, `&&`, `!`, parentheses, `==` (case-insensitive for strings), single-quoted strings
 * (`''` escapes a quote), `contains(fromJSON('[…]'), x)`.
 *
 * A condition is an owner gate when every way it can be true requires one of:
 * - the actor (`github.actor`, `github.triggering_actor`, `github.event.sender.login`, the
 *   comment's/issue's/review's author) to equal `github.repository_owner` or one fixed login;
 * - the author's `author_association` to be `OWNER`.
 * `MEMBER` and `COLLABORATOR` are other people (organisation members, invited collaborators), so a
 * condition that admits them is not an owner gate; nor is one that admits two different people.
 * Logins ending in `[bot]` are automation, not people, and do not count as a second person.
 *
 * @packageDocumentation
 */

/** Expressions naming the person who started a run or wrote what it reacts to. */
const ACTOR = /^github\.(?:actor|triggering_actor|event\.(?:sender|comment\.user|issue\.user|pull_request\.user|review\.user|discussion\.user)\.login)$/i;
/** Expressions naming that person's relation to the repository. */
const ASSOCIATION = /^github\.event\.(?:comment|issue|pull_request|review|discussion)\.author_association$/i;
/** Stands for the owner in the set of people a condition admits. */
const OWNER = '\u0000owner';

/**
 * Splits an expression at an operator that is outside parentheses and strings.
 *
 * @returns the trimmed operands (one element when the operator does not occur at the top level)
 */
function splitTopLevel(expression: string, operator: '||' | '&&' | '=='): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < expression.length; index += 1) {
    const char = expression[index];
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0 && expression.startsWith(operator, index) && !(operator === '==' && expression[index - 1] === '!')) {
      parts.push(expression.slice(start, index).trim());
      start = index + operator.length;
      index += operator.length - 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

/** True when the parenthesis opening `expression` closes at its last character. */
function enclosedWhole(expression: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < expression.length; index += 1) {
    const char = expression[index];
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    if (depth === 0) return index === expression.length - 1;
  }
  return false;
}

/** Removes parentheses that enclose the whole expression (not those of `(a) && (b)`). */
function stripParentheses(expression: string): string {
  let current = expression.trim();
  while (current.startsWith('(') && enclosedWhole(current)) current = current.slice(1, -1).trim();
  return current;
}

/** The value of a single-quoted string literal, or undefined for anything else. */
function stringLiteral(operand: string): string | undefined {
  return /^'(?:[^']|'')*'$/.test(operand) ? operand.slice(1, -1).replaceAll("''", "'") : undefined;
}

/** The people an atomic comparison admits, or undefined when it admits anyone. */
function admittedBy(atom: string): string[] | undefined {
  const contains = /^contains\(\s*fromjson\(\s*('(?:[^']|'')*')\s*\)\s*,\s*([\w.]+)\s*\)$/i.exec(atom);
  if (contains) {
    let listed: unknown;
    try {
      listed = JSON.parse(stringLiteral(contains[1]!) ?? '');
    } catch {
      return undefined;
    }
    if (!Array.isArray(listed) || !listed.every((item) => typeof item === 'string')) return undefined;
    const subject = contains[2]!;
    if (ASSOCIATION.test(subject)) return listed.every((item) => item.toUpperCase() === 'OWNER') ? [OWNER] : undefined;
    return ACTOR.test(subject) ? listed.map((login) => login.toLowerCase()) : undefined;
  }
  const operands = splitTopLevel(atom, '==');
  if (operands.length !== 2) return undefined;
  for (const [subject, other] of [operands, [...operands].reverse()] as [string, string][]) {
    if (ACTOR.test(subject)) {
      if (/^github\.repository_owner$/i.test(other)) return [OWNER];
      const login = stringLiteral(other);
      if (login) return [login.toLowerCase()];
    }
    if (ASSOCIATION.test(subject) && stringLiteral(other)?.toUpperCase() === 'OWNER') return [OWNER];
  }
  return undefined;
}

/**
 * The people a condition admits, or undefined when it admits anyone: a disjunction admits the
 * union of its branches, a conjunction what its most restrictive gated part admits.
 */
function admitted(expression: string): string[] | undefined {
  const inner = stripParentheses(expression);
  const branches = splitTopLevel(inner, '||');
  if (branches.length > 1) {
    const people: string[] = [];
    for (const branch of branches) {
      const admittedByBranch = admitted(branch);
      if (admittedByBranch === undefined) return undefined;
      people.push(...admittedByBranch);
    }
    return people;
  }
  const conjuncts = splitTopLevel(inner, '&&');
  if (conjuncts.length > 1) {
    const gated = conjuncts.map(admitted).filter((people): people is string[] => people !== undefined);
    return gated.length === 0 ? undefined : gated.reduce((smallest, people) => (people.length < smallest.length ? people : smallest));
  }
  return inner.startsWith('!') ? undefined : admittedBy(inner);
}

/**
 * Tells whether an `if:` condition lets only the repository owner (one person) start the job.
 *
 * @param condition - the `if:` value as written, with or without `${{ }}`; undefined when absent
 */
export function isOwnerOnly(condition: string | undefined): boolean {
  if (condition === undefined) return false;
  const expression = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const people = admitted(expression);
  if (people === undefined) return false;
  return new Set(people.filter((login) => !login.endsWith('[bot]'))).size <= 1;
}
