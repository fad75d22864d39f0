/**
 * Code held inside files of another format: the `<script>` blocks of Vue, Svelte and Astro
 * components (and Astro's `---` frontmatter), and the code cells of Jupyter notebooks. Each is
 * turned into a view that the JS/TS or Python analyzer can read, with every line where it was in
 * the file, so findings point into the original: component markup becomes blank lines, and a
 * notebook's cell lines are put on the lines of the JSON strings that hold them (at column 1).
 *
 * @packageDocumentation
 */

import { COMPONENT_EXTENSIONS, NOTEBOOK_EXTENSION } from './classify.js';
import { createLocator } from './finding.js';

/**
 * A `<script …>` element, its attributes and its content. Linear: the content cannot hold another
 * `<script`, so an attempt without a closing tag stops where the next attempt starts.
 */
const SCRIPT_BLOCK = /<script\b([^<>]*)>([^<]*(?:<(?!\/?script\b)[^<]*)*)<\/script\s*>/gi;
/** Astro's frontmatter: code between `---` lines at the top of the file. */
const FRONTMATTER = /^---[ \t]*\r?\n([^]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Every character but line breaks as a space: a blank of the same shape. */
const blank = (text: string): string => text.replace(/[^\r\n]/g, ' ');

/** The analyzer view of a component: its script code at its own offsets, everything else blank. */
export interface EmbeddedView {
  /** Same length and lines as the original; only the code is left. */
  text: string;
  /** The path the analyzer sees: the component's, with `.ts` added (the TypeScript parser reads JS too). */
  relativePath: string;
}

/**
 * The code of a Vue, Svelte or Astro component, or undefined when the path is none of them.
 *
 * @param text - the component's text
 * @param relativePath - `/`-separated path
 */
export function componentScriptView(text: string, relativePath: string): EmbeddedView | undefined {
  const lower = relativePath.toLowerCase();
  if (!COMPONENT_EXTENSIONS.some((extension) => lower.endsWith(extension))) return undefined;
  const kept: [number, number][] = [];
  const frontmatter = lower.endsWith('.astro') ? FRONTMATTER.exec(text) : null;
  if (frontmatter?.[1] !== undefined) kept.push([frontmatter[0].indexOf('\n') + 1, frontmatter[0].indexOf('\n') + 1 + frontmatter[1].length]);
  for (const match of text.matchAll(SCRIPT_BLOCK)) {
    const attributes = match[1] ?? '';
    // JSON, templates and other non-JS script types are not code.
    if (/\btype\s*=\s*["']?(?!module|text\/javascript|application\/javascript)[\w/+-]/i.test(attributes)) continue;
    const start = match.index + match[0].indexOf('>') + 1;
    kept.push([start, start + (match[2] ?? '').length]);
  }
  let view = '';
  let at = 0;
  for (const [start, end] of kept) {
    view += blank(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  view += blank(text.slice(at));
  return { text: view, relativePath: `${relativePath}.ts` };
}

/** The parts of a notebook that matter here. */
interface Notebook {
  cells?: { cell_type?: unknown; source?: unknown }[];
}

/**
 * The Python view of a Jupyter notebook: each line of each code cell on the line of the file where
 * its JSON string is, every other line blank; IPython's `%magic` and `!shell` lines are blanked,
 * as they are not Python. Undefined when the text is not a notebook (the text markers stand in).
 *
 * @param text - the `.ipynb` file's text (JSON)
 */
export function notebookPythonView(text: string): string | undefined {
  let notebook: Notebook;
  try {
    notebook = JSON.parse(text) as Notebook;
  } catch {
    return undefined;
  }
  if (!Array.isArray(notebook?.cells)) return undefined;
  const locate = createLocator(text);
  const lines: string[] = Array.from({ length: locate(text.length).line }, () => '');
  const lineOf = (offset: number): number => locate(offset).line - 1;
  let cursor = 0;
  for (const cell of notebook.cells) {
    if (cell?.cell_type !== 'code') continue;
    const source = Array.isArray(cell.source) ? cell.source.filter((line): line is string => typeof line === 'string') : typeof cell.source === 'string' ? [cell.source] : [];
    let line = lineOf(cursor);
    for (const part of source) {
      // Jupyter writes each source line as its own JSON string; found in order, so the search is linear.
      const found = text.indexOf(JSON.stringify(part), cursor);
      if (found !== -1) {
        cursor = found + 1;
        line = lineOf(found);
      }
      for (const [index, codeLine] of part.replace(/\r?\n$/, '').split(/\r?\n/).entries()) {
        const target = Math.min(line + index, lines.length - 1);
        lines[target] = /^\s*[%!]/.test(codeLine) ? '' : codeLine;
      }
      line += 1;
    }
  }
  return lines.join('\n');
}

/** The analyzer's view of a file that holds code inside another format. */
export interface AnalyzerView extends EmbeddedView {
  /**
   * Whether an offset of the original text lies outside the code of the view (markup, a notebook's
   * markdown cells and outputs): the text markers still look there.
   */
  outsideCode(offset: number): boolean;
}

/**
 * The view of a component or notebook that its analyzer reads, or undefined for any other file.
 *
 * @param text - the file's text
 * @param relativePath - `/`-separated path
 */
export function embeddedView(text: string, relativePath: string): AnalyzerView | undefined {
  const component = componentScriptView(text, relativePath);
  if (component) return { ...component, outsideCode: (offset) => component.text.charCodeAt(offset) !== text.charCodeAt(offset) };
  if (!relativePath.toLowerCase().endsWith(NOTEBOOK_EXTENSION)) return undefined;
  const notebook = notebookPythonView(text);
  if (notebook === undefined) return undefined;
  const codeLines = notebook.split('\n');
  const locate = createLocator(text);
  return {
    text: notebook,
    relativePath,
    outsideCode: (offset) => codeLines[locate(offset).line - 1] === '',
  };
}
