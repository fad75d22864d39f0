/** A seeded pseudo-random generator. */
export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}
export function createRng(seed: number): Rng;

/** One input the fuzzer starts from. */
export interface FuzzSeed {
  relativePath: string;
  /** A FileKind of src/scan/classify.ts. */
  kind: string;
  text: string;
}

export interface FuzzFailure {
  iteration: number;
  reason: string;
  kind: string;
  relativePath: string;
  /** The failing input, written to the reproducer directory. */
  reproducer?: string;
}

export interface FuzzOptions {
  analyze: (text: string, relativePath: string, kind: string) => unknown;
  seeds: readonly FuzzSeed[];
  findTokens: (text: string) => readonly { token: string }[];
  seed?: number;
  iterations?: number;
  seconds?: number;
  reproDir?: string;
  maxFailures?: number;
}

export interface FuzzResult {
  iterations: number;
  failures: FuzzFailure[];
  /** The slowest analysis: milliseconds, iteration, input length (UTF-16 code units). */
  slowest: { ms: number; iteration: number; length: number };
}

/** Runs the fuzzer; see engine.mjs. */
export function fuzz(options: FuzzOptions): Promise<FuzzResult>;

/** The fixtures' source files as seeds (see engine.mjs). */
export function loadSeeds(directory: string, classify: (relativePath: string) => string): Promise<FuzzSeed[]>;
