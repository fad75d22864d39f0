/**
 * Go's module pass: hand-offs. A Go bot or gateway rarely calls Claude from its handler: the
 * Telegram or HTTP handler puts the message on a channel (`a.incoming <- msg`) or starts a
 * goroutine on another package's function, and a worker in another package, reached through
 * interfaces and more channels, makes the Claude call. Following that path is beyond a per-file
 * analysis, so it is over-approximated: a handler whose code reaches a hand-off
 * ({@link GoHandOff}) reaches the Claude calls of its module (the directory tree under its
 * `go.mod`) that run on a subscription, and the judge reports it at the handler as a surface
 * ({@link judgeHandOff}: yellow, whatever the handler's kind). Tests (`_test.go`) are neither
 * handlers nor calls here.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import type { TextFinding } from '../../detect/markers.js';
import { judgeHandOff, type Location, type Sink, type SinkContext } from '../../model/index.js';
import { factsOf, findingsOf, locationsIn, reachOf } from '../facts.js';
import { HANDLER_TYPES } from './extract.js';
import { extractWithPackages, type ExtractedGo, type GoSource } from './package.js';

/** A Go file of the scan, with its module and whether it was analyzed on its own. */
export interface GoModuleSource extends GoSource {
  /** The module's folder (where its `go.mod` is), from the scan root; `.` for the scan root. */
  module: string;
  /** Analyzed within its budget (it holds a trigger word); else the prefilter let it go. */
  analyzed: boolean;
}

/** A Claude call of the module, with what it inherits in its own file. */
interface ModuleSink {
  sink: Sink;
  context: SinkContext;
}

const isTest = (rootPath: string): boolean => rootPath.endsWith('_test.go');

/**
 * True when a file may hold a handler that hands off: it imports a handler type's package and
 * sends on a channel or starts a goroutine. Saves parsing the module's other files.
 */
function mayHandOff(text: string): boolean {
  return /<-|\bgo\s/.test(text) && HANDLER_TYPES.some((handler) => text.includes(`"${handler.packagePrefix}`));
}

/** The module's Claude calls outside tests, in path order, each located in its file. */
function moduleSinks(extracted: ReadonlyMap<string, ExtractedGo>): ModuleSink[] {
  const sinks: ModuleSink[] = [];
  for (const [rootPath, { source, extraction }] of [...extracted].sort(([a], [b]) => a.localeCompare(b))) {
    if (isTest(rootPath)) continue;
    const facts = factsOf(source.text, extraction);
    const context = { configuresApiKey: facts.configuresApiKey, envChanges: facts.envChanges };
    for (const sink of facts.sinks) sinks.push({ sink: { ...sink, location: { ...sink.location, file: rootPath } }, context });
  }
  return sinks;
}

function sameLocation(a: Location, b: Location): boolean {
  return a.line === b.line && a.column === b.column;
}

/**
 * The findings at handlers that hand off, in the modules that have an analyzed file. The grammar
 * must be loaded (`prepareLanguage('go')`).
 *
 * @param files - every Go file of the scan (analyzed or not)
 * @returns findings by path from the scan root (only at handlers; the caller keeps what is new)
 */
export function goModuleFindings(files: readonly GoModuleSource[]): Map<string, TextFinding[]> {
  const found = new Map<string, TextFinding[]>();
  const modules = new Map<string, GoModuleSource[]>();
  for (const file of files) modules.set(file.module, [...(modules.get(file.module) ?? []), file]);
  for (const members of modules.values()) {
    // Calls need a trigger word, so they are in analyzed files, or beside one in its package.
    const analyzedPackages = new Set(members.filter((file) => file.analyzed).map((file) => path.posix.dirname(file.rootPath)));
    if (analyzedPackages.size === 0) continue;
    const extracted = extractWithPackages(members.filter((file) => analyzedPackages.has(path.posix.dirname(file.rootPath))));
    const sinks = moduleSinks(extracted);
    if (sinks.length === 0) continue;
    const handing = members.filter((file) => !isTest(file.rootPath) && mayHandOff(file.text));
    const others = extractWithPackages(handing.filter((file) => !extracted.has(file.rootPath)));
    // A channel received from in the sender's package is a local rendezvous, not a hand-off.
    const receivedInPackage = (directory: string, channel: string): boolean => {
      const receive = new RegExp(`(?:<-|\\brange)\\s*(?:[\\w.]+\\.)?${channel}\\b`);
      return members.some((member) => path.posix.dirname(member.rootPath) === directory && receive.test(member.text));
    };
    for (const file of handing) {
      const { extraction, summary } = extracted.get(file.rootPath) ?? (others.get(file.rootPath) as ExtractedGo);
      const toLocation = locationsIn(file.text);
      const direct = factsOf(file.text, extraction).sinks;
      const reported = new Set<string>();
      for (const handOff of [...summary.handOffs].sort((a, b) => a.at.start - b.at.start)) {
        if (handOff.channel !== undefined && receivedInPackage(path.posix.dirname(file.rootPath), handOff.channel)) continue;
        const reach = reachOf(extraction, handOff.at.start, toLocation);
        if (!reach) continue;
        const entry = reach.entry.location;
        const key = `${entry.line}:${entry.column}`;
        // Once per handler; and not when it reaches a Claude call of its own file directly: that path was judged.
        if (reported.has(key) || direct.some((sink) => sink.reach && sameLocation(sink.reach.entry.location, entry))) continue;
        reported.add(key);
        const handedOff = { entry: reach.entry, hops: [...reach.hops, { name: handOff.name, location: toLocation(handOff.at) }] };
        for (const { sink, context } of sinks) {
          const decisions = judgeHandOff(sink, handedOff, context);
          if (decisions.length === 0) continue;
          found.set(file.rootPath, [...(found.get(file.rootPath) ?? []), ...findingsOf(file.text, decisions)]);
          break;
        }
      }
    }
  }
  return found;
}
