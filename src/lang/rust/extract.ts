/**
 * The Rust front end: Rust gets the markers only (see src/lang/index.ts), plus one check the
 * markers cannot make: the `keyring` crate opening Claude Code's keychain item through a constant
 * (`Entry::new(CLAUDE_CODE_SERVICE, &user)`), where the marker sits at the constant and the read is
 * elsewhere. Source: the keyring crate's `Entry::new(service, user)` / `Entry::new_with_target`.
 *
 * @packageDocumentation
 */
import { mentionsKeychainService } from '../../detect/credential-store.js';
import type { TextFinding } from '../../detect/markers.js';
import { emptyExtraction, type Extraction } from '../facts.js';
import type { SyntaxNode } from '../tree.js';

/** The keyring crate's constructors, by the last two segments of their path. */
const KEYRING_ENTRIES = new Set(['Entry::new', 'Entry::new_with_target']);

/** Strings bound by `const`/`static`/`let` (the last binding of a name wins: a constant is bound once). */
function stringBindings(root: SyntaxNode): Map<string, string> {
  const bound = new Map<string, string>();
  for (const node of root.descendants()) {
    if (node.type !== 'const_item' && node.type !== 'static_item' && node.type !== 'let_declaration') continue;
    const name = node.child(node.type === 'let_declaration' ? 'pattern' : 'name');
    const value = node.child('value');
    if (name?.type === 'identifier' && value?.type === 'string_literal') bound.set(name.text, value.namedChildren.map((part) => part.text).join(''));
  }
  return bound;
}

/** A value as far as it is known: a string literal, a reference to one, or a name bound to one. */
function evaluate(node: SyntaxNode | undefined, bound: ReadonlyMap<string, string>): string | undefined {
  if (node?.type === 'reference_expression') return evaluate(node.child('value'), bound);
  if (node?.type === 'string_literal') return node.namedChildren.map((part) => part.text).join('');
  return node?.type === 'identifier' || node?.type === 'scoped_identifier' ? bound.get(node.text.split('::').at(-1) ?? '') : undefined;
}

/**
 * The keychain reads of a Rust file; no judge facts (Rust has no behaviour rules).
 *
 * @param root - the file's syntax tree
 */
export function extractRust(root: SyntaxNode): { extraction: Extraction; own: TextFinding[] } {
  const bound = stringBindings(root);
  const own: TextFinding[] = [];
  for (const call of root.descendants()) {
    if (call.type !== 'call_expression' || !KEYRING_ENTRIES.has(call.child('function')?.text.split('::').slice(-2).join('::') ?? '')) continue;
    const service = evaluate(call.child('arguments')?.namedChildren[0], bound);
    if (service !== undefined && mentionsKeychainService(service)) own.push({ ruleName: 'no-credential-store-read', messageId: 'keychain', start: call.start, end: call.end });
  }
  return { extraction: emptyExtraction(), own };
}
