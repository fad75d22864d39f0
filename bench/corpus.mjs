/**
 * Builds the benchmark corpus under bench/.corpus/ (gitignored), reproducibly:
 *
 * - packages/: pinned npm packages nobody here wrote, fetched with `npm pack` and unpacked;
 * - tree/slice-0 … slice-9: 10 slices of SLICE_FILES files each (50,000 in all), hard links to the
 *   packages' files taken round-robin in a fixed pseudo-random order, so that every slice is a
 *   similar sample and 10 % / 30 % / 100 % of the tree are slice-0 / slices 0-2 / all slices;
 * - subset/: the first SUBSET_FILES files of that order, for the tools too slow to run on the tree.
 *
 * Directory names that the scanner skips by default (dist, build, …) are renamed with a trailing `_`,
 * so that every tool sees the same files. Running it again reuses what is already there.
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, rename, rm, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned so that the corpus is the same on every machine. */
export const PACKAGES = [
  'typescript@6.0.3',
  '@babel/core@7.29.13',
  '@babel/parser@8.1.2',
  '@babel/traverse@8.1.2',
  'eslint@10.15.0',
  'vite@8.3.8',
  'rxjs@7.8.2',
  'aws-sdk@2.1693.0',
  'lodash@4.18.1',
  'date-fns@4.4.0',
  'webpack@5.112.2',
  'three@0.187.0',
  'prettier@3.10.1',
  '@angular/core@22.2.6',
  'react-dom@19.3.1',
  'express@5.3.0',
  'axios@1.21.1',
];

export const CORPUS = fileURLToPath(new URL('.corpus/', import.meta.url));
export const TREE = path.join(CORPUS, 'tree');
export const SUBSET = path.join(CORPUS, 'subset');
export const SLICES = 10;
export const SLICE_FILES = 5000;
export const SUBSET_FILES = 2000;

/** Names of directories the scanner never walks (src/scan/walk.ts NEVER_WALKED). */
const SKIPPED_DIRECTORY_NAMES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'coverage', '.next', '.nuxt', '.svelte-kit',
  '.output', '.turbo', '.cache', '.venv', 'venv', '__pycache__', '.tox',
]);

/** Every file under a directory, as `/`-separated relative paths, sorted. */
async function filesUnder(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Renames the directories the scanner never walks (`dist`, `build`, …) with a trailing `_`, deepest
 * first so that parents are renamed last: every tool then sees the same files.
 *
 * @param {string} directory - renamed below it, not itself
 */
export async function renameSkippedDirectories(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const skipped = entries
    .filter((entry) => entry.isDirectory() && SKIPPED_DIRECTORY_NAMES.has(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((a, b) => b.length - a.length);
  for (const directoryPath of skipped) await rename(directoryPath, `${directoryPath}_`);
}

async function fetchPackages() {
  const packagesDirectory = path.join(CORPUS, 'packages');
  const tarballs = path.join(CORPUS, 'tarballs');
  await mkdir(packagesDirectory, { recursive: true });
  await mkdir(tarballs, { recursive: true });
  for (const spec of PACKAGES) {
    const target = path.join(packagesDirectory, spec.replace('/', '__').replace(/@(?=[^@]*$)/, '-'));
    if (existsSync(target)) continue;
    process.stderr.write(`corpus: fetching ${spec}\n`);
    const [packed] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', tarballs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const unpacking = `${target}.tmp`;
    await rm(unpacking, { recursive: true, force: true });
    await mkdir(unpacking, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(tarballs, packed.filename), '-C', unpacking, '--strip-components=1']);
    await renameSkippedDirectories(unpacking);
    await rename(unpacking, target);
  }
  return packagesDirectory;
}

/** A fixed pseudo-random order: files sorted by a hash of their path. */
function shuffled(files) {
  const key = (file) => createHash('sha1').update(file).digest('hex');
  return files.map((file) => [key(file), file]).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, file]) => file);
}

/** Hard-links (or copies, across devices) `source` to `target`. */
async function place(source, target) {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await link(source, target);
  } catch (error) {
    if (error.code === 'EEXIST') return;
    await copyFile(source, target);
  }
}

/**
 * Builds whatever is missing of the corpus.
 *
 * @returns the number of distinct package files and the tree's file count
 */
export async function buildCorpus() {
  const packagesDirectory = await fetchPackages();
  const packageFiles = shuffled(await filesUnder(packagesDirectory));
  const manifest = path.join(CORPUS, 'manifest.json');
  if (!existsSync(manifest)) {
    await rm(TREE, { recursive: true, force: true });
    await rm(SUBSET, { recursive: true, force: true });
    process.stderr.write(`corpus: linking ${SLICES * SLICE_FILES} files from ${packageFiles.length} package files\n`);
    for (let index = 0; index < SLICES * SLICE_FILES; index += 1) {
      const file = packageFiles[index % packageFiles.length];
      const copy = Math.floor(index / packageFiles.length);
      const slice = Math.floor(index / SLICE_FILES);
      await place(path.join(packagesDirectory, file), path.join(TREE, `slice-${slice}`, `copy-${copy}`, file));
      if (index < SUBSET_FILES) await place(path.join(packagesDirectory, file), path.join(SUBSET, file));
    }
    await writeFile(manifest, `${JSON.stringify({ packages: PACKAGES, packageFiles: packageFiles.length, slices: SLICES, sliceFiles: SLICE_FILES, subsetFiles: SUBSET_FILES }, null, 2)}\n`);
  }
  return { packageFiles: packageFiles.length, treeFiles: SLICES * SLICE_FILES };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { packageFiles, treeFiles } = await buildCorpus();
  process.stdout.write(`corpus: ${packageFiles} package files, ${treeFiles} files in ${TREE}\n`);
}
