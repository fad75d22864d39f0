/**
 * Text from a scanned repository (file names, strings quoted in messages) made safe to print on a
 * terminal: a hostile file name must not move the cursor, recolour the screen, break a report line
 * or reverse the text around it.
 *
 * @packageDocumentation
 */

/**
 * C0 controls (newline and tab included: a report line must stay one line), DEL, C1 controls, and
 * the Unicode bidirectional embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escapes the characters of {@link UNPRINTABLE}: `\n`, `\r`, `\t`, else `\xHH` below U+0100 and
 * `\uHHHH` above. Everything else, non-ASCII letters included, is kept as it is.
 *
 * @param text - a path or message that may hold characters from a scanned file
 * @returns the text on one line, with no terminal control sequence in it
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => {
    const code = character.charCodeAt(0);
    return NAMED[character] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
