/**
 * The parse-heavy corpus of `npm run bench:heavy`, extracted from local git snapshots into the
 * gitignored bench/.corpus/heavy/ (once; again only when a pinned commit changes). Nothing is
 * fetched here: the snapshots are git directories under a mirror folder,
 * `<mirror>/<owner>+<name>/repo` (bare) or `…/repo/.git`, made beforehand (bench/README.md says
 * how). A tree whose snapshots are not all there is skipped with a message naming them.
 *
 * Each tree is scanned as one run of each tool; its roots are the directories given to the tools on
 * one command line, each holding its repositories as `<owner>+<name>/`.
 *
 * @packageDocumentation
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CORPUS, renameSkippedDirectories } from './corpus.mjs';

export const HEAVY = path.join(CORPUS, 'heavy');
const MANIFEST = path.join(HEAVY, 'manifest.json');

/**
 * The real-world corpus's 30 repositories (the projects that call Claude, and the controls beside
 * them), at the commits its rows were labelled at.
 */
const CLAUDE_REPOSITORIES = [
  ['106-/claude-code-slack-agent', '2ce57c94dfc8c8bbf300f8961e30fb35496fa737'],
  ['DilieCat/claude-vps-agent', 'e87ee086684f58d1479e718075948c9281d240d8'],
  ['MatthewSuttles/rubyn-code', 'f53a0985b1575d8b76d99d29aecfc6911658f536'],
  ['Right5963/claude-max-github-actions', 'eed7f0f8206c2f0992f8f6629ddd2b2ffca2542b'],
  ['TaiMingLu/control-claude-code-on-discord', 'e546f7a224c50d139cbbc1f8e7c0364b916685d2'],
  ['alirezarezvani/claude-code-skill-factory', 'ba18b31703542d9d7eda5f9ba94f0df65a59dddf'],
  ['anthropics/anthropic-sdk-python', '009b035305e0724ce108ebd796935f91711fc6e1'],
  ['aws-samples/bedrock-claude-codecoach', '9de1fa7d32f28e998d024d16d71d8a474698c5ed'],
  ['bbjansen/claude-max-proxy', 'a42a9343dca8dc8544bcd74738a199f9c8f569f4'],
  ['cesarandreslopez/sidekick-for-claude-max', 'cbc054f052db8d60ca8c0c61bcbdbef3754a9aef'],
  ['creativesorcery/aircon', 'fd8528acc3a4b10fce7ba1291fa205e3e831f14c'],
  ['dpolishuk/teleclaude', 'ae25b8e8d60811cf10428defb538907fc23872b9'],
  ['easytocloud/bedrock-claude-code', '137c750f82f76c43f0e06390fba6abb7b998b4a6'],
  ['gws8820/DevoChat', 'd64826af4f726816a238787ace17ee44cc9c5179'],
  ['hong-brother/llm-mcp-hub', '4e838d0afb2df08875fb0ce69440524eda3aeb8b'],
  ['jeffjacobsen/cc-sdk-docker', '908a18c7a3cbf310716d3ad5c7eca0378cce1cfc'],
  ['jefflaplante/conduit', '5e680a89bcd43bf0fdfa86a639b749ff2824b014'],
  ['jglaspey/claude-sdk-slack', '9254970052c08f593b60224f4ce3b08c1ec9b0c7'],
  ['matright/claude-agent-slack-bot', '0846cbd838062ec8a5a91414de2ae3d206f5a144'],
  ['max-dog/claude-vault', '83a1411386a62c81ac8cb23fea4b4a7f8e07d461'],
  ['melon-hub/claude-hud', 'fc9120b5d31ac4bd97f621cfb93601a2d29f36fd'],
  ['ml0-1337/claude-gate', 'ba768461340a25d6cdde0307215cbf1a6a7c6524'],
  ['nohavewho/litellm-claude-code', 'ca6f0dba042aaffbfb3747c6817adde32dc4aee4'],
  ['notforyou23/evobrew', '342c7cc3d1f9e40e67d21887e0e71856be17eefc'],
  ['p-sumann/claude-max-proxy-py', 'e5ebe99a4e8737dad6e54d245e05550e056fb02b'],
  ['rajish/cc-hdrm', '4331ef4ab80eb540474a25bf4c3c65c0412794f4'],
  ['simonw/llm-anthropic', '3ae428f3b5143cc81da25af0271d8fa55bda3f05'],
  ['vladimir-ks/ai-agile-claude-code-statusline', '567a18a4514e54d6cd3806dc5c3ca83671e67dd8'],
  ['vpaturel/claude-wrapper-secure', '69aa80c35251d51f0249480b702f36fe3505830b'],
  ['ymhiroki/bedrock-claude-code-action-reviewer', '12a88f58242cf7b3a2241dc1c78cb610b46e7834'],
];

/**
 * @typedef {object} HeavyTree
 * @property {string} name - short, also the name of the directory its roots are under
 * @property {string} label - for the report
 * @property {Record<string, [repository: string, commit: string][]>} roots - root directory name → its repositories (`owner/name`) and pinned commits
 * @property {string} targets - which of issue 18's targets hold for the tree (bench/heavy-report.mjs TARGETS)
 */

/** The trees, in the order they are run. */
export const HEAVY_TREES = [
  { name: 'claude', label: 'the corpus\'s 30 repositories, scanned together', roots: { claude: CLAUDE_REPOSITORIES }, targets: 'claude' },
  { name: 'gradio', label: 'gradio (Python-heavy)', roots: { gradio: [['gradio-app/gradio', '375335e60e2b4504a57f3eef0eb6bca3c7bb765a']] }, targets: 'floor' },
  { name: 'medusa', label: 'medusa (large JS/TS)', roots: { medusa: [['medusajs/medusa', '59e6747800133e091d20c2c167f600981abc5c0d']] }, targets: 'rg' },
  {
    name: 'typescript-eslint + vite',
    label: 'typescript-eslint + vite (two directories)',
    roots: {
      'typescript-eslint': [['typescript-eslint/typescript-eslint', '56c9ed90d0aee0b5a71cfc39fc76b715b82e3ea8']],
      vite: [['vitejs/vite', 'a98c8d95d552c6fa98ab66fb810f5b39ad5abf49']],
    },
    targets: 'floor',
  },
];

/** The snapshot's git directory for `owner/name`, or undefined. */
function gitDirectory(mirror, repository) {
  const base = path.join(mirror, repository.replace('/', '+'), 'repo');
  if (existsSync(path.join(base, '.git'))) return path.join(base, '.git');
  if (existsSync(path.join(base, 'HEAD')) && existsSync(path.join(base, 'objects'))) return base;
  return undefined;
}

function git(gitDir, args, input) {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'] });
}

/** The pinned commit if the snapshot has it, else its HEAD (said on standard error). */
function commitToExtract(gitDir, repository, pinned) {
  try {
    git(gitDir, ['cat-file', '-e', `${pinned}^{commit}`]);
    return pinned;
  } catch {
    const head = git(gitDir, ['rev-parse', 'HEAD']).trim();
    process.stderr.write(`heavy corpus: ${repository}: the snapshot lacks ${pinned.slice(0, 12)}; using its HEAD ${head.slice(0, 12)} (figures are not comparable with the README's)\n`);
    return head;
  }
}

/**
 * The paths of blobs the snapshot does not carry (some snapshots leave out their largest files),
 * found by `git cat-file --batch-check`.
 */
function absentBlobs(gitDir, commit) {
  const blobs = git(gitDir, ['ls-tree', '-r', '-z', commit]).split('\0').filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [, type, id] = entry.slice(0, tab).split(' ');
      return { type, id, path: entry.slice(tab + 1) };
    })
    .filter((entry) => entry.type === 'blob');
  const checked = git(gitDir, ['cat-file', '--batch-check'], blobs.map((blob) => `${blob.id}\n`).join('')).split('\n');
  return blobs.filter((_, index) => checked[index].endsWith(' missing')).map((blob) => blob.path);
}

/** `git archive <commit> | tar -x -C <destination>`, leaving out `excluded` paths. */
function archive(gitDir, commit, excluded, destination) {
  return new Promise((resolve, reject) => {
    const pathspecs = ['.', ...excluded.map((file) => `:(exclude,literal)${file}`)];
    const archiver = spawn('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, '--', ...pathspecs], { stdio: ['ignore', 'pipe', 'ignore'] });
    const tar = spawn('tar', ['-x', '-C', destination], { stdio: ['pipe', 'ignore', 'inherit'] });
    archiver.stdout.pipe(tar.stdin);
    const codes = [];
    const done = (name) => (code) => {
      codes.push(`${name} ${code}`);
      if (codes.length < 2) return;
      if (codes.every((entry) => entry.endsWith(' 0'))) resolve();
      else reject(new Error(`extracting ${commit} failed: ${codes.join(', ')}`));
    };
    archiver.on('close', done('git archive'));
    tar.on('close', done('tar'));
  });
}

/** Number of regular files and their bytes under a directory. */
function measureTree(directory) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/**
 * @typedef {object} ExtractedTree
 * @property {string} name
 * @property {string} label
 * @property {string} targets
 * @property {string[]} directories - absolute paths of its roots, for the tools' command lines
 * @property {string[]} repositoryDirectories - absolute paths of its repositories (in its roots)
 * @property {number} files - regular files under them
 * @property {number} bytes - their size
 * @property {Record<string, { commit: string, excluded: string[] }>} repositories - what was extracted
 */

/**
 * Extracts what is missing of the heavy corpus and lists the trees that can be measured.
 *
 * @param {{ mirror: string, only?: string[] }} options - the snapshots' folder; the names of the trees wanted (default all)
 * @returns {Promise<{ trees: ExtractedTree[], skipped: string[] }>} skipped: one sentence per tree left out
 */
export async function buildHeavyCorpus({ mirror, only }) {
  await mkdir(HEAVY, { recursive: true });
  const manifest = existsSync(MANIFEST) ? JSON.parse(await readFile(MANIFEST, 'utf8')) : {};
  const trees = [];
  const skipped = [];
  for (const tree of HEAVY_TREES.filter((candidate) => !only || only.includes(candidate.name))) {
    const repositories = Object.values(tree.roots).flat();
    const absent = repositories.filter(([repository]) => !gitDirectory(mirror, repository)).map(([repository]) => repository);
    if (absent.length > 0) {
      skipped.push(`${tree.name}: no snapshot of ${absent.join(', ')} under ${mirror}`);
      continue;
    }
    for (const [root, members] of Object.entries(tree.roots)) {
      for (const [repository, pinned] of members) {
        const key = `${root}/${repository.replace('/', '+')}`;
        const destination = path.join(HEAVY, key);
        const gitDir = gitDirectory(mirror, repository);
        const commit = commitToExtract(gitDir, repository, pinned);
        if (existsSync(destination) && manifest[key]?.commit === commit) continue;
        process.stderr.write(`heavy corpus: extracting ${repository} @ ${commit.slice(0, 12)} …\n`);
        const excluded = absentBlobs(gitDir, commit);
        if (excluded.length > 0) process.stderr.write(`heavy corpus: ${repository}: ${excluded.length} blobs absent from the snapshot, left out: ${excluded.join(', ')}\n`);
        const unpacking = `${destination}.tmp`;
        await rm(unpacking, { recursive: true, force: true });
        await mkdir(unpacking, { recursive: true });
        await archive(gitDir, commit, excluded, unpacking);
        await renameSkippedDirectories(unpacking);
        await rm(destination, { recursive: true, force: true });
        await rename(unpacking, destination);
        manifest[key] = { commit, excluded };
        await writeFile(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
      }
    }
    const directories = Object.keys(tree.roots).map((root) => path.join(HEAVY, root));
    const sizes = directories.map(measureTree);
    trees.push({
      name: tree.name,
      label: tree.label,
      targets: tree.targets,
      directories,
      repositoryDirectories: Object.entries(tree.roots).flatMap(([root, members]) => members.map(([repository]) => path.join(HEAVY, root, repository.replace('/', '+')))),
      files: sizes.reduce((sum, size) => sum + size.files, 0),
      bytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
      repositories: Object.fromEntries(Object.entries(tree.roots).flatMap(([root, members]) =>
        members.map(([repository]) => [repository, manifest[`${root}/${repository.replace('/', '+')}`]]))),
    });
  }
  return { trees, skipped };
}
