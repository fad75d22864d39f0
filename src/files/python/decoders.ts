/**
 * Decoders for the Python static evaluation (evaluate.ts): the ways code hides a value or the
 * environment from a reader and from a text search. `chr(67)` (joined with `''.join([...])` by the
 * evaluator), `bytes.fromhex`/`binascii.unhexlify`, `urllib.parse.unquote`, `codecs.decode(x,
 * 'rot13')`; and `os.environ` reached as `getattr(os, 'environ')` or `__import__('os').environ`.
 * The evaluator asks {@link decodePythonCall} about each call and {@link isHiddenEnviron} about
 * each would-be `os.environ`; undefined / false lets it go on as before.
 *
 * @packageDocumentation
 */
import type { PyNode } from './tree.js';

/** What a decoder needs of the evaluator and the module scope. */
export interface DecoderContext {
  /** The qualified name of a callee or attribute (`os.environ`, `bytes.fromhex`), imports resolved. */
  qualifiedName(node: PyNode | undefined): string | undefined;
  /** The value of an expression, when known. */
  evaluate(node: PyNode | undefined): string | undefined;
}

/** The positional arguments of a call. */
function positionalArguments(call: PyNode): PyNode[] {
  return (call.child('arguments')?.namedChildren ?? []).filter((argument) => argument.type !== 'keyword_argument' && argument.type !== 'comment');
}

/** Hex digits as the text they encode. */
function hexDecoded(value: string | undefined): string | undefined {
  const digits = value?.replace(/\s/g, '');
  if (digits === undefined || !/^(?:[0-9a-fA-F]{2})+$/.test(digits)) return undefined;
  return Buffer.from(digits, 'hex').toString('utf8');
}

/** ROT13, as `codecs.decode(x, 'rot13')` applies it. */
const rot13 = (value: string): string =>
  value.replace(/[A-Za-z]/g, (letter) => {
    const base = letter <= 'Z' ? 65 : 97;
    return String.fromCharCode(((letter.charCodeAt(0) - base + 13) % 26) + base);
  });

/**
 * The decoded value of a call, when it is one of the encodings above and its input is known.
 *
 * @param call - a `call` node
 * @param context - the evaluator's qualified names and values
 */
export function decodePythonCall(call: PyNode, context: DecoderContext): string | undefined {
  const callee = call.child('function');
  const name = context.qualifiedName(callee);
  const [first, second] = positionalArguments(call);
  switch (name) {
    case 'chr': {
      const code = first?.type === 'integer' ? Number(first.text) : Number.NaN;
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    }
    case 'bytes.fromhex':
    case 'binascii.unhexlify':
    case 'binascii.a2b_hex':
      return hexDecoded(context.evaluate(first));
    case 'urllib.parse.unquote':
    case 'urllib.parse.unquote_plus': {
      const value = context.evaluate(first);
      if (value === undefined) return undefined;
      try {
        return decodeURIComponent(name.endsWith('_plus') ? value.replaceAll('+', ' ') : value);
      } catch {
        return value;
      }
    }
    case 'codecs.decode': {
      const value = context.evaluate(first);
      return value !== undefined && /^['"]rot[-_]?13['"]$/.test(second?.text ?? '') ? rot13(value) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether a node is `os.environ` reached without its name: `getattr(os, 'environ')` or
 * `__import__('os').environ`.
 *
 * @param node - an expression
 * @param context - the evaluator's qualified names and values
 */
export function isHiddenEnviron(node: PyNode, context: DecoderContext): boolean {
  if (node.type === 'call' && context.qualifiedName(node.child('function')) === 'getattr') {
    const [object, attribute] = positionalArguments(node);
    return context.qualifiedName(object) === 'os' && context.evaluate(attribute) === 'environ';
  }
  if (node.type === 'attribute' && node.child('attribute')?.text === 'environ') {
    const object = node.child('object');
    if (object?.type !== 'call' || context.qualifiedName(object.child('function')) !== '__import__') return false;
    return context.evaluate(positionalArguments(object)[0]) === 'os';
  }
  return false;
}
