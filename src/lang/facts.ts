/**
 * What every tree-sitter front end of src/lang shares between its extractor and the judge: the
 * facts it found, by offsets in its file ({@link Extraction}); reach from entry points to sinks
 * through the file's own functions; the model's {@link FileFacts}; and the judge's decisions
 * turned back into findings with offsets. No decision is made here: {@link judgeFile} decides.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import { createOffsetter, type OffsetRange } from '../files/analyzer.js';
import {
  emptyFacts,
  judgeFile,
  type Decision,
  type CredentialSlot,
  type CredentialSource,
  type EntryPoint,
  type EnvChangeKind,
  type FileFacts,
  type Hop,
  type Location,
  type Reach,
  type Sink,
  type SinkKind,
} from '../model/index.js';
import { createLocator } from '../scan/finding.js';

/** A function or method of the file, by its simple name (`handleUpdate`, `ServeHTTP`, `ask`). */
export interface FunctionSpan extends OffsetRange {
  name: string;
}

/** A handler: registered at `at`; its code is `body`, or the function of the file named `name`. */
export interface HandlerFact {
  entry: Omit<EntryPoint, 'location'>;
  at: OffsetRange;
  body?: OffsetRange;
  name?: string;
}

/** A Claude call found in the file. */
export interface SinkFact {
  kind: SinkKind;
  label: string;
  at: OffsetRange;
  credential?: { source: CredentialSource; slot: CredentialSlot; at: OffsetRange };
  apiKeyRemoved?: OffsetRange;
  apiKeyConfigured: boolean;
  /** A sink only worth judging when an entry point reaches it (a helper's request seen from its caller). */
  onlyWithReach?: boolean;
}

/** A change to the process environment (or a child's environment built apart from its start). */
export interface EnvChangeFact {
  kind: EnvChangeKind;
  at: OffsetRange;
  source?: CredentialSource;
}

/** A call of a simple name (`ask(...)`, `c.ask(...)`), for reach through the file's functions. */
export interface CallFact {
  callee: string;
  at: number;
}

/** What an extractor found in one file, by offsets. */
export interface Extraction {
  functions: FunctionSpan[];
  handlers: HandlerFact[];
  sinks: SinkFact[];
  envChanges: EnvChangeFact[];
  calls: CallFact[];
  /** The file reads or sets `ANTHROPIC_API_KEY`, or selects a cloud provider. */
  configuresApiKey: boolean;
}

/** An extraction with nothing in it, for extractors to fill in. */
export function emptyExtraction(): Extraction {
  return { functions: [], handlers: [], sinks: [], envChanges: [], calls: [], configuresApiKey: false };
}

function contains(outer: OffsetRange, offset: number): boolean {
  return outer.start <= offset && offset < outer.end;
}

/** The innermost function of the file around an offset. */
function functionAt(functions: readonly FunctionSpan[], offset: number): FunctionSpan | undefined {
  let found: FunctionSpan | undefined;
  for (const span of functions) if (contains(span, offset) && (!found || span.end - span.start < found.end - found.start)) found = span;
  return found;
}

/**
 * Reach within the file: the first handler whose code contains the offset, or calls (through the
 * file's functions, breadth first) a function that contains it. Functions are matched by name, so
 * a method call `c.ask()` reaches any `ask` of the file: an over-approximation.
 *
 * @param extraction - the file's facts
 * @param offset - where the reached code is (a sink, a hand-off)
 * @param toLocation - offsets to the model's locations
 */
export function reachOf(extraction: Extraction, offset: number, toLocation: (range: OffsetRange) => Location): Reach | undefined {
  const target = functionAt(extraction.functions, offset);
  for (const handler of extraction.handlers) {
    const body = handler.body ?? extraction.functions.find((span) => span.name === handler.name);
    if (!body) continue;
    const entry: EntryPoint = { ...handler.entry, location: toLocation(handler.at) };
    if (contains(body, offset) && (!target || !contains(body, target.start) || body.start >= target.start)) return { entry, hops: [] };
    if (!target) continue;
    const visited = new Set<FunctionSpan>();
    let frontier: { span: OffsetRange; hops: Hop[] }[] = [{ span: body, hops: [] }];
    while (frontier.length > 0) {
      const next: { span: OffsetRange; hops: Hop[] }[] = [];
      for (const { span, hops } of frontier) {
        for (const call of extraction.calls) {
          if (!contains(span, call.at)) continue;
          for (const callee of extraction.functions.filter((candidate) => candidate.name === call.callee && !visited.has(candidate))) {
            visited.add(callee);
            const path = [...hops, { name: callee.name, location: toLocation({ start: call.at, end: call.at + call.callee.length }) }];
            if (callee === target || contains(callee, offset)) return { entry, hops: path };
            next.push({ span: callee, hops: path });
          }
        }
      }
      frontier = next;
    }
  }
  return undefined;
}

/**
 * Offsets in a file to the model's locations (1-based lines and columns).
 *
 * @param text - the file's text
 */
export function locationsIn(text: string): (range: OffsetRange) => Location {
  const locate = createLocator(text);
  return (range) => {
    const start = locate(range.start);
    const end = locate(range.end);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
}

/**
 * The model's facts for an extraction: locations as 1-based lines and columns, and each sink's
 * `reach` filled in.
 *
 * @param text - the file's text
 * @param extraction - what the extractor found
 */
export function factsOf(text: string, extraction: Extraction): FileFacts {
  const toLocation = locationsIn(text);
  const facts = emptyFacts();
  facts.configuresApiKey = extraction.configuresApiKey;
  facts.entryPoints = extraction.handlers.map((handler) => ({ ...handler.entry, location: toLocation(handler.at) }));
  facts.sinks = extraction.sinks.flatMap((found): Sink[] => {
    const reach = reachOf(extraction, found.at.start, toLocation);
    if (found.onlyWithReach && !reach) return [];
    return [{
      kind: found.kind,
      label: found.label,
      location: toLocation(found.at),
      apiKeyConfigured: found.apiKeyConfigured,
      ...(found.credential && { credential: { source: found.credential.source, slot: found.credential.slot, location: toLocation(found.credential.at) } }),
      ...(found.apiKeyRemoved && { apiKeyRemoved: toLocation(found.apiKeyRemoved) }),
      ...(reach && { reach }),
    }];
  });
  facts.envChanges = extraction.envChanges.map((change) => ({ kind: change.kind, location: toLocation(change.at), ...(change.source && { source: change.source }) }));
  return facts;
}

/**
 * The judge's decisions about an extraction, as findings with offsets in the file.
 *
 * @param text - the file's text
 * @param extraction - what the extractor found
 */
export function judgedFindings(text: string, extraction: Extraction): TextFinding[] {
  return findingsOf(text, judgeFile(factsOf(text, extraction)));
}

/**
 * The judge's decisions as findings with offsets in the judged file.
 *
 * @param text - the judged file's text
 * @param decisions - decisions located in that file
 */
export function findingsOf(text: string, decisions: readonly Decision[]): TextFinding[] {
  const offsetOf = createOffsetter(text);
  return decisions.map((decision) => ({
    ruleName: decision.ruleName,
    messageId: decision.messageId,
    data: decision.data,
    start: offsetOf({ line: decision.location.line - 1, character: decision.location.column - 1 }),
    end: offsetOf({ line: decision.location.endLine - 1, character: decision.location.endColumn - 1 }),
  }));
}
