/**
 * The commits a history scan visits, listed first (so that progress has a total and an ETA), as
 * compact records: ids, tree ids, first parents and author dates, not the commit objects. A
 * 100,000-commit history is a few tens of MB of these; the objects themselves are read one at a
 * time and dropped.
 *
 * @packageDocumentation
 */
import { GitObjectError, type GitRepository } from './repository.js';

/** The listed commits, in the order they are scanned (each after the tips that reach it). */
export interface CommitList {
  oids: string[];
  trees: string[];
  /** The first parent's id; undefined for a root commit, or a shallow clone's boundary. */
  firstParents: (string | undefined)[];
  /** Author dates, seconds since the Unix epoch. */
  authorTimes: number[];
  indexOf: Map<string, number>;
}

/** What {@link listCommits} met that it could not read. */
export interface ListProblems {
  /** Commits that could not be read: their history was not followed. */
  unreadable: GitObjectError[];
}

/** Options of {@link listCommits}. */
export interface ListOptions {
  /** Commits whose ancestors are not followed (a shallow clone's boundary). */
  shallow?: ReadonlySet<string>;
  /** Commits left out, with their ancestors (the `A` of `A..B`). */
  hidden?: ReadonlySet<string>;
  /** Called every so often with the number listed so far. */
  onListed?: (count: number) => void;
}

/**
 * Lists the commits reachable from the tips.
 *
 * @param tips - commit ids to start from
 * @returns the list and what could not be read; never throws for a missing or corrupt commit
 */
export async function listCommits(repository: GitRepository, tips: readonly string[], options: ListOptions = {}): Promise<CommitList & ListProblems> {
  const list: CommitList & ListProblems = { oids: [], trees: [], firstParents: [], authorTimes: [], indexOf: new Map(), unreadable: [] };
  const unreadableSeen = new Set<string>();
  const stack = [...tips].reverse();
  while (stack.length > 0) {
    const oid = stack.pop() as string;
    if (list.indexOf.has(oid) || options.hidden?.has(oid)) continue;
    let commit;
    try {
      commit = await repository.readCommit(oid);
    } catch (error) {
      if (!(error instanceof GitObjectError)) throw error;
      if (!unreadableSeen.has(oid)) list.unreadable.push(error);
      unreadableSeen.add(oid);
      continue;
    }
    const parents = options.shallow?.has(commit.oid) ? [] : commit.parents;
    list.indexOf.set(commit.oid, list.oids.length);
    list.oids.push(commit.oid);
    list.trees.push(commit.tree);
    list.firstParents.push(parents[0]);
    list.authorTimes.push(commit.authorTime);
    if (list.oids.length % 500 === 0) options.onListed?.(list.oids.length);
    for (const parent of [...parents].reverse()) if (!list.indexOf.has(parent)) stack.push(parent);
  }
  return list;
}

/**
 * Every commit reachable from `tip`, as a set of ids (for `A..B`: what `A` reaches is left out).
 *
 * @returns the ids; commits that cannot be read end their line of ancestry
 */
export async function ancestorsOf(repository: GitRepository, tip: string, shallow?: ReadonlySet<string>): Promise<Set<string>> {
  const { indexOf } = await listCommits(repository, [tip], { shallow });
  return new Set(indexOf.keys());
}

/**
 * The best common ancestor of two commits: the commits of `two`'s history that `one` reaches,
 * less those that are ancestors of another such commit (git's merge base; with several, the
 * newest by author date).
 *
 * @returns its id, or undefined when they share no history here (a shallow clone)
 */
export async function mergeBase(repository: GitRepository, one: string, two: string, shallow?: ReadonlySet<string>): Promise<string | undefined> {
  const reachedByOne = await ancestorsOf(repository, one, shallow);
  const candidates: { oid: string; time: number }[] = [];
  const seen = new Set<string>([two]);
  const queue = [two];
  for (let next = 0; next < queue.length; next += 1) {
    const oid = queue[next] as string;
    let commit;
    try {
      commit = await repository.readCommit(oid);
    } catch (error) {
      if (!(error instanceof GitObjectError)) throw error;
      continue;
    }
    if (reachedByOne.has(oid)) {
      candidates.push({ oid, time: commit.authorTime });
      continue;
    }
    for (const parent of shallow?.has(oid) ? [] : commit.parents) {
      if (!seen.has(parent)) queue.push(parent);
      seen.add(parent);
    }
  }
  const below = new Set<string>();
  if (candidates.length > 1) {
    for (const { oid } of candidates) for (const ancestor of await ancestorsOf(repository, oid, shallow)) if (ancestor !== oid) below.add(ancestor);
  }
  return candidates.filter(({ oid }) => !below.has(oid)).sort((a, b) => b.time - a.time)[0]?.oid;
}
