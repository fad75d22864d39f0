/**
 * Which file of the scanned tree an import names, decided by TypeScript's own module resolution
 * (`ts.resolveModuleName`, bundler mode): relative specifiers (`./lib/claude.js` → `lib/claude.ts`,
 * `./agents` → `agents/index.ts`), tsconfig/jsconfig `paths` and `baseUrl` (`@/lib/agent`), and the
 * packages of an npm, yarn or pnpm workspace by their package.json name (`@acme/agent` →
 * `packages/agent/src/index.ts`, through its `exports`, `module`, `main` or `types`).
 *
 * A scanned checkout has no `node_modules` links for its workspace packages, so the host answers
 * TypeScript's `node_modules/<name>` lookups from the workspace's own package directories, as the
 * package manager's links would. The host only reads inside the scanned root, through the
 * scanner's own reads (src/scan/read.ts: no symlink followed when a file is opened, none whose
 * target leaves the tree), and never runs anything: a tsconfig `extends` that leaves the tree is
 * not read (its options are missing, not guessed).
 *
 * @packageDocumentation
 */
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { parse as parseYaml } from 'yaml';
import { readText } from './read.js';

/**
 * Resolves an import to a file of the scanned tree.
 *
 * @param from - absolute path of the importing file
 * @param specifier - the specifier as written
 * @returns the absolute path of the file, or undefined when it is not a file of the tree (a
 *   dependency, a built-in, or nothing found)
 */
export interface ModuleResolver {
  (from: string, specifier: string): string | undefined;
  /**
   * The `export … from` statements of a file of the tree (for modules the scan did not analyze).
   *
   * @param file - absolute path
   */
  reexports(file: string): ModuleReexport[];
}

/** `export { imported as name } from 'source'`; `*` for `export * from` (name and imported) and `export * as name from` (imported). */
export interface ModuleReexport {
  name: string;
  source: string;
  imported: string;
}

/** Configuration files are small; a larger one is not read (bytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** How deep a workspace glob's `**` descends. */
const MAX_GLOB_DEPTH = 4;
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

let typescript: typeof TS | undefined;
/** TypeScript, loaded on first use (it is large, and most scans resolve nothing). */
function ts(): typeof TS {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return typescript;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The directories a workspace pattern (`packages/*`, `apps/**`, `tools/cli`) names under a root. */
function expandWorkspacePattern(root: string, pattern: string): string[] {
  let directories = [root];
  for (const segment of pattern.replace(/^\.\//, '').split('/').filter(Boolean)) {
    const next: string[] = [];
    for (const directory of directories) {
      if (segment === '**') {
        const walk = (current: string, depth: number): void => {
          next.push(current);
          if (depth < MAX_GLOB_DEPTH) for (const child of subdirectories(current)) walk(child, depth + 1);
        };
        walk(directory, 0);
      } else if (segment.includes('*')) {
        const matcher = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
        next.push(...subdirectories(directory).filter((child) => matcher.test(path.basename(child))));
      } else {
        next.push(path.join(directory, segment));
      }
    }
    directories = next;
  }
  return directories;
}

/** The subdirectories of a directory, without `node_modules` and hidden ones; none when unreadable. */
function subdirectories(directory: string): string[] {
  try {
    return readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      .map((entry) => path.join(directory, entry.name));
  } catch {
    return [];
  }
}

/** One scanned root: its confined host, its workspace packages and its configurations. */
function createTree(rootPath: string) {
  const root = (() => {
    try {
      return realpathSync(rootPath);
    } catch {
      return rootPath;
    }
  })();
  /** A file's text, when the file (followed through every link on its way) is inside the root. */
  const readInside = (file: string): string | undefined => {
    let resolved: string;
    try {
      resolved = realpathSync(file);
    } catch {
      return undefined;
    }
    return isInside(root, resolved) ? readText(resolved, { maxBytes: MAX_CONFIG_BYTES }).text : undefined;
  };
  const readJson = (file: string): Record<string, unknown> | undefined => {
    const text = readInside(file);
    if (text === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };

  // The workspace's packages by name: package.json `workspaces` (npm, yarn) and pnpm-workspace.yaml `packages`.
  const workspaces = new Map<string, string>();
  const manifest = readJson(path.join(root, 'package.json'));
  const declared = manifest?.workspaces;
  const patterns: unknown[] = Array.isArray(declared) ? declared : Array.isArray((declared as { packages?: unknown } | undefined)?.packages) ? ((declared as { packages: unknown[] }).packages) : [];
  try {
    const pnpm = readInside(path.join(root, 'pnpm-workspace.yaml'));
    const listed: unknown = pnpm === undefined ? undefined : (parseYaml(pnpm) as { packages?: unknown } | null)?.packages;
    if (Array.isArray(listed)) patterns.push(...listed);
  } catch {
    // A workspace file that does not parse names no packages.
  }
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    for (const directory of expandWorkspacePattern(root, pattern)) {
      const name = readJson(path.join(directory, 'package.json'))?.name;
      if (typeof name === 'string' && !workspaces.has(name)) workspaces.set(name, directory);
    }
  }

  /** A `node_modules/<workspace package>/…` path as the package's own directory, as its link would. */
  const unlink = (candidate: string): string => {
    const parts = candidate.split(path.sep);
    const index = parts.lastIndexOf('node_modules');
    if (index === -1) return candidate;
    for (const length of [2, 1]) {
      const name = parts.slice(index + 1, index + 1 + length).join('/');
      const directory = workspaces.get(name);
      if (directory && (length === 1 || name.startsWith('@'))) return path.join(directory, ...parts.slice(index + 1 + length));
    }
    return candidate;
  };
  /** The real path of a path of the tree, or undefined when it is missing or leaves the tree. */
  const real = (candidate: string): string | undefined => {
    const unlinked = unlink(candidate);
    if (!isInside(root, unlinked)) return undefined;
    try {
      const resolved = realpathSync(unlinked);
      return isInside(root, resolved) ? resolved : undefined;
    } catch {
      return undefined;
    }
  };
  /** `node_modules` and `node_modules/@scope` directories that the links of the workspace's packages would make. */
  const isLinkDirectory = (candidate: string): boolean => {
    if (workspaces.size === 0 || !isInside(root, candidate)) return false;
    const base = path.basename(candidate);
    if (base === 'node_modules') return true;
    return path.basename(path.dirname(candidate)) === 'node_modules' && base.startsWith('@') && [...workspaces.keys()].some((name) => name.startsWith(`${base}/`));
  };
  const isKind = (candidate: string, kind: 'file' | 'directory'): boolean => {
    if (kind === 'directory' && isLinkDirectory(candidate)) return true;
    const resolved = real(candidate);
    if (resolved === undefined) return false;
    try {
      const stats = lstatSync(resolved);
      return kind === 'file' ? stats.isFile() : stats.isDirectory();
    } catch {
      return false;
    }
  };
  const host: TS.ModuleResolutionHost & TS.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    fileExists: (file) => isKind(file, 'file'),
    directoryExists: (directory) => isKind(directory, 'directory'),
    readFile: (file) => {
      const resolved = real(file);
      return resolved === undefined ? undefined : readInside(resolved);
    },
    realpath: (file) => real(file) ?? file,
    getCurrentDirectory: () => root,
    getDirectories: (directory) => {
      const resolved = real(directory);
      return resolved === undefined ? [] : subdirectories(resolved).map((child) => path.basename(child));
    },
    // Only the options matter here: the file list a configuration names is never needed.
    readDirectory: () => [],
  };

  const configs = new Map<string, { options: TS.CompilerOptions; cache: TS.ModuleResolutionCache } | undefined>();
  /** The configuration that applies to a directory: the nearest tsconfig.json or jsconfig.json up to the root. */
  const configOf = (directory: string): { options: TS.CompilerOptions; cache: TS.ModuleResolutionCache } => {
    const known = configs.get(directory);
    if (known) return known;
    let found: { options: TS.CompilerOptions; cache: TS.ModuleResolutionCache } | undefined;
    const file = CONFIG_NAMES.map((name) => path.join(directory, name)).find((candidate) => host.fileExists(candidate));
    if (file) {
      const read = ts().readConfigFile(file, host.readFile);
      const parsed = ts().parseJsonConfigFileContent(read.config ?? {}, host, directory, undefined, file);
      found = settle(parsed.options);
    } else if (directory !== root && isInside(root, path.dirname(directory))) {
      found = configOf(path.dirname(directory));
    }
    found ??= settle({});
    configs.set(directory, found);
    return found;
  };
  /**
   * A configuration's options for resolution: its `paths`, `baseUrl`, `rootDirs` and conditions, in
   * bundler mode (extensionless and `index` imports, package `exports`, `.js` specifiers of `.ts`
   * sources) with JavaScript files allowed, whatever the project compiles with.
   */
  const settle = (options: TS.CompilerOptions) => {
    // TypeScript before 5.0 (the parser's peer range allows 4.8) has no bundler mode: node (node10) is the closest.
    const kinds = ts().ModuleResolutionKind as unknown as Record<string, TS.ModuleResolutionKind | undefined>;
    const moduleResolution = kinds.Bundler ?? kinds.NodeJs ?? kinds.Node10;
    const settled: TS.CompilerOptions = { ...options, allowJs: true, module: ts().ModuleKind.ESNext, moduleResolution };
    return { options: settled, cache: ts().createModuleResolutionCache(root, (name) => name, settled) };
  };

  /**
   * The re-exports of a module the scan did not analyze (a barrel such as a package's
   * `src/index.ts` names no framework or Claude call, so the prefilter let it go): parsed by
   * TypeScript, never run.
   */
  const reexportsOf = (file: string): ModuleReexport[] => {
    const text = host.readFile(file);
    if (text === undefined) return [];
    const source = ts().createSourceFile(file, text, ts().ScriptTarget.Latest, false);
    const found: ModuleReexport[] = [];
    for (const statement of source.statements) {
      if (!ts().isExportDeclaration(statement) || !statement.moduleSpecifier || !ts().isStringLiteral(statement.moduleSpecifier)) continue;
      const from = statement.moduleSpecifier.text;
      const clause = statement.exportClause;
      if (!clause) found.push({ name: '*', source: from, imported: '*' });
      else if (ts().isNamespaceExport(clause)) found.push({ name: clause.name.text, source: from, imported: '*' });
      else for (const element of clause.elements) found.push({ name: element.name.text, source: from, imported: (element.propertyName ?? element.name).text });
    }
    return found;
  };

  const resolve = (from: string, specifier: string): string | undefined => {
    const { options, cache } = configOf(path.dirname(from));
    const resolved = ts().resolveModuleName(specifier, from, options, host, cache).resolvedModule?.resolvedFileName;
    const file = resolved === undefined ? undefined : real(resolved);
    return file && !file.split(path.sep).includes('node_modules') ? file : undefined;
  };
  return { root, resolve, reexportsOf };
}

/**
 * Makes a resolver for the files under the scanned roots.
 *
 * @param roots - absolute paths of the scanned directories; a file is resolved within the
 *   innermost root that holds it, and not at all outside every root
 */
export function createModuleResolver(roots: readonly string[]): ModuleResolver {
  const trees = new Map<string, ReturnType<typeof createTree>>();
  const results = new Map<string, string | undefined>();
  const ordered = [...new Set(roots.map((root) => path.resolve(root)))].sort((a, b) => b.length - a.length);
  /** The tree a file is in, and the file's path within the tree's real root (the root may be reached through a link). */
  const treeOf = (file: string): { tree: ReturnType<typeof createTree>; rootPath: string; real: string } | undefined => {
    const rootPath = ordered.find((root) => isInside(root, file));
    if (rootPath === undefined) return undefined;
    let tree = trees.get(rootPath);
    if (!tree) trees.set(rootPath, (tree = createTree(rootPath)));
    return { tree, rootPath, real: path.join(tree.root, path.relative(rootPath, file)) };
  };
  const resolver = (from: string, specifier: string): string | undefined => {
    if (isBuiltin(specifier)) return undefined;
    const key = `${path.dirname(from)}\0${specifier}`;
    if (results.has(key)) return results.get(key);
    const place = treeOf(from);
    const found = place?.tree.resolve(place.real, specifier);
    const shown = place === undefined || found === undefined ? undefined : path.join(place.rootPath, path.relative(place.tree.root, found));
    results.set(key, shown);
    return shown;
  };
  resolver.reexports = (file: string): ModuleReexport[] => {
    const place = treeOf(file);
    return place ? place.tree.reexportsOf(place.real) : [];
  };
  return resolver;
}
