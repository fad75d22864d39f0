/**
 * The part of `npm-packlist` (v10) that the publish-set computation uses; the package ships no
 * types. See its README: `packlist(tree, options)` resolves to the tarball's paths, relative to
 * the package directory, `/`-separated.
 */
declare module 'npm-packlist' {
  /** The parts of an Arborist node that npm-packlist reads for a package's own files. */
  interface PacklistTree {
    path: string;
    package: object;
    isProjectRoot: boolean;
    edgesOut: Map<string, unknown>;
    workspaces?: Map<string, string>;
  }
  function packlist(tree: PacklistTree, options?: { path?: string }): Promise<string[]>;
  export default packlist;
}
