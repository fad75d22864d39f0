/**
 * `no-credential-store-read` for Python: paths to Claude Code's stored login however they are built
 * (`Path.home() / ".claude" / ".credentials.json"`, `os.path.expanduser(...)`,
 * `os.path.join(os.environ["CLAUDE_CONFIG_DIR"], ...)`, module constants), calls handed the
 * keychain service (`keyring.get_password`, `security find-generic-password` via `subprocess`),
 * and the `claudeAiOauth` key used to look up or build the stored login (a literal or a constant).
 *
 * @packageDocumentation
 */
import { CREDENTIALS_FILE_NAME, isCredentialsPath, mentionsKeychainService, STORED_LOGIN_KEY } from '../../detect/credential-store.js';
import type { TextFinding } from '../../detect/markers.js';
import { quotedValue } from '../../detect/tokens.js';
import { callArguments } from './evaluate.js';
import { isExistenceCheck } from './claude-access.js';
import { findingAt, type PythonCheck, type PythonContext } from './context.js';
import type { PyNode } from './tree.js';

const RULE = 'no-credential-store-read';
/** Expressions whose value may be a path to the stored login. */
const PATH_BUILDERS = new Set(['string', 'concatenated_string', 'binary_operator', 'call', 'boolean_operator', 'conditional_expression']);
/** Nodes between a path and an expression that may extend it (`p.expanduser()`, `join(p, …)`). */
const TRANSPARENT = new Set(['attribute', 'parenthesized_expression', 'await', 'argument_list']);
/** Methods whose first argument is a dictionary key. */
const KEY_METHODS = new Set(['get', 'pop', 'setdefault']);

function isCredentials(context: PythonContext, node: PyNode): boolean {
  const value = context.evaluator.string(node);
  return value !== undefined && isCredentialsPath(value);
}

/** True when an enclosing expression also evaluates to the path: only the outermost is reported. */
function extendedByParent(context: PythonContext, node: PyNode): boolean {
  let parent = node.parent;
  while (parent && TRANSPARENT.has(parent.type)) parent = parent.parent;
  return parent !== undefined && PATH_BUILDERS.has(parent.type) && isCredentials(context, parent);
}

/** The dictionary key a node uses, if it is a key lookup or entry: `d["k"]`, `d[KEY]`, `d.get("k")`, `{"k": …}`. */
function usedKey(node: PyNode): PyNode | undefined {
  if (node.type === 'subscript') return node.child('subscript');
  if (node.type === 'pair') return node.child('key');
  const callee = node.type === 'call' ? node.child('function') : undefined;
  if (callee?.type !== 'attribute' || !KEY_METHODS.has(callee.child('attribute')?.text ?? '')) return undefined;
  return callArguments(node).positional[0];
}

/**
 * True when a path is only checked for existence or size (`p = Path(…); p.exists()`,
 * `os.path.isfile(…)`): a status check reads no credential.
 */
function onlyChecked(context: PythonContext, node: PyNode): boolean {
  let parent = node.parent;
  while (parent && TRANSPARENT.has(parent.type) && parent.type !== 'argument_list') parent = parent.parent;
  if (parent?.type === 'call' && isExistenceCheck(context.scope, parent)) return true;
  if (parent?.type === 'argument_list' && parent.parent?.type === 'call' && isExistenceCheck(context.scope, parent.parent)) return true;
  const target = parent?.type === 'assignment' && node.field === 'right' ? parent.child('left') : undefined;
  if (target?.type !== 'identifier') return false;
  const scopeNode = target.ancestor(new Set(['function_definition', 'module'])) ?? context.root;
  const uses = [...scopeNode.descendants()].filter((use) => use.type === 'identifier' && use.text === target.text && use !== target && use.field !== 'attribute');
  return uses.length > 0 && uses.every((use) => {
    const call = use.parent?.type === 'attribute' ? use.parent.parent : use.parent?.type === 'argument_list' ? use.parent.parent : undefined;
    return call?.type === 'call' && isExistenceCheck(context.scope, call);
  });
}

/** The rule's Python check. */
export const checkCredentialStore: PythonCheck = (context) => {
  const { text, root, evaluator, scope } = context;
  const checkPaths = text.includes('.credentials');
  const checkKeychain = text.includes('Claude Code');
  const checkLoginKey = text.includes(STORED_LOGIN_KEY);
  const found: TextFinding[] = [];
  for (const node of root.descendants()) {
    if (checkPaths && PATH_BUILDERS.has(node.type) && !(node.type === 'call' && scope.localFunction(node.child('function')))) {
      if (isCredentials(context, node) && !extendedByParent(context, node) && !onlyChecked(context, node)) {
        found.push(findingAt(node, RULE, 'credentialsFile', { path: quotedValue(evaluator.string(node) ?? CREDENTIALS_FILE_NAME) }));
      }
    }
    if (checkKeychain && node.type === 'call') {
      const { positional, keywords } = callArguments(node);
      if ([...positional, ...keywords.values()].some((argument) => evaluator.strings(argument).some(mentionsKeychainService))) {
        found.push(findingAt(node, RULE, 'keychain'));
      }
    }
    const key = checkLoginKey ? usedKey(node) : undefined;
    if (key && evaluator.string(key) === STORED_LOGIN_KEY) found.push(findingAt(key, RULE, 'storedLoginKey'));
  }
  return found;
};
