/**
 * Replaces every network and child-process entry point with one that records the attempt and throws.
 *
 * @param record - called with `function first-argument` for each attempt
 * @returns a function that puts the originals back
 */
export function blockNetworkAndProcesses(record: (attempt: string) => void): () => void;
