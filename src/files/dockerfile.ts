/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.dockerfile`, `Containerfile`), parsed with
 * `dockerfile-ast`: a stored login copied into an image, and subscription tokens baked into it.
 *
 * - `COPY`/`ADD` (also under `ONBUILD`) of a `.credentials.json`, of `~/.claude`, or of a `.claude`
 *   directory into a home's `.claude` → `no-credential-mount` `copyCredentials` (red).
 * - `ENV`/`ARG` whose value holds a subscription token → `no-credential-mount` `literalTokenEnv`
 *   (red), instead of the text marker's `no-embedded-token` for the same token.
 * Everything else the text markers see (API keys, paths in `RUN` lines) is kept.
 *
 * @packageDocumentation
 */
import { Arg, Copy, DockerfileParser, Env, JSONInstruction, Keyword, type Argument, type Instruction } from 'dockerfile-ast';
import { copiesStoredLogin } from '../detect/mounts.js';
import type { TextFinding } from '../detect/markers.js';
import { findTokens, redactToken } from '../detect/tokens.js';
import { AnalyzerParseError, createOffsetter, withMarkers, type OffsetRange } from './analyzer.js';

const KEYWORDS: ReadonlySet<string> = new Set(Object.values(Keyword));

/** A source or destination of `COPY`/`ADD`: its value and its offsets. */
interface PathArgument {
  value: string;
  start: number;
  end: number;
}

/** The paths of a `COPY`/`ADD`, flags left out, in shell or JSON form. */
function pathArguments(instruction: Instruction, offsetOf: ReturnType<typeof createOffsetter>): PathArgument[] {
  const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
  const list: { value: string; argument: Argument }[] = json.length > 0
    ? json.map((argument) => ({ value: argument.getJSONValue(), argument }))
    : instruction.getArguments().map((argument) => ({ value: argument.getValue(), argument }));
  return list.map(({ value, argument }) => ({
    value,
    start: offsetOf(argument.getRange().start),
    end: offsetOf(argument.getRange().end),
  }));
}

/** `copyCredentials` for each source of a `COPY`/`ADD` that puts the stored login into the image. */
function copyFindings(instruction: Instruction, offsetOf: ReturnType<typeof createOffsetter>): TextFinding[] {
  const paths = pathArguments(instruction, offsetOf);
  const destination = paths.at(-1)?.value;
  return paths.slice(0, -1).flatMap((source) =>
    copiesStoredLogin(source.value, destination)
      ? [{ ruleName: 'no-credential-mount', messageId: 'copyCredentials', data: { path: source.value }, start: source.start, end: source.end }]
      : [],
  );
}

/** `literalTokenEnv` for each subscription token in the values of an `ENV`/`ARG`. */
function tokenFindings(instruction: Env | Arg, text: string, offsetOf: ReturnType<typeof createOffsetter>): TextFinding[] {
  const where = `an ${instruction.getKeyword()} instruction of this Dockerfile`;
  return instruction.getProperties().flatMap((property) => {
    const range = property.getValueRange();
    if (!range) return [];
    const start = offsetOf(range.start);
    return findTokens(text.slice(start, offsetOf(range.end)))
      .filter((match) => match.subscription)
      .map((match) => ({
        ruleName: 'no-credential-mount',
        messageId: 'literalTokenEnv',
        data: { name: property.getName(), redacted: redactToken(match.token), where },
        start: start + match.start,
        end: start + match.end,
      }));
  });
}

/**
 * Analyzes one Dockerfile.
 *
 * @param text - the Dockerfile
 * @returns `no-credential-mount` findings plus the text markers, one finding per token
 * @throws AnalyzerParseError at an instruction Docker does not know (`COPPY`): Docker refuses the
 *   whole file, so it is probably not a Dockerfile at all
 */
export function analyzeDockerfile(text: string): TextFinding[] {
  const dockerfile = DockerfileParser.parse(text);
  const offsetOf = createOffsetter(text);
  const own: TextFinding[] = [];
  // A COPY/ADD is judged whole: its destination (`/root/.claude/.credentials.json`) is not a read.
  const judged: OffsetRange[] = [];
  const triggers = dockerfile.getOnbuildTriggers();
  for (const instruction of [...dockerfile.getInstructions(), ...triggers]) {
    const keyword = instruction.getKeyword();
    if (!KEYWORDS.has(keyword)) {
      const { line, character } = instruction.getInstructionRange().start;
      throw new AnalyzerParseError(`unknown Dockerfile instruction "${keyword.slice(0, 40)}"`, line + 1, character + 1);
    }
    if (instruction instanceof Copy || keyword === Keyword.ADD) {
      own.push(...copyFindings(instruction, offsetOf));
      const range = instruction.getRange();
      judged.push({ start: offsetOf(range.start), end: offsetOf(range.end) });
    }
    else if (instruction instanceof Env || instruction instanceof Arg) own.push(...tokenFindings(instruction, text, offsetOf));
  }
  return withMarkers(text, own, judged);
}
