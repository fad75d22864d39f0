#!/usr/bin/env bash
# Makes a release commit: this commit's tree plus the build (dist/, without source maps), with no
# `prepack` script, on a branch of its own (default `release`), whose parents are the branch's last
# release and this commit. Tag it (`git tag v0.1.0 release`) and push both: `npx git+https://…#v0.1.0`,
# `npm install -g git+…#v0.1.0` and pre-commit's `rev: v0.1.0` then install the build as it is,
# with no script to run or allow. From main, a git install must build, and cannot: npm 11 asks users
# to allow a git dependency's scripts, and a global install skips its devDependencies (no tsc).
# main never holds dist/.
set -euo pipefail
branch="${1:-release}"
cd "$(git rev-parse --show-toplevel)"
if ! git diff --quiet HEAD --; then
  echo "release-branch: commit or stash your changes first: the release is built from HEAD" >&2
  exit 2
fi
npm run build
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export GIT_INDEX_FILE="$scratch/index"
git read-tree HEAD
git add -f dist/src dist/rules dist/grammars
git ls-files -- 'dist/*.map' | git update-index --force-remove --stdin
manifest="$(node -e 'const p = JSON.parse(require("fs").readFileSync("package.json", "utf8")); delete p.scripts.prepack; process.stdout.write(JSON.stringify(p, null, 2) + "\n")' | git hash-object -w --stdin)"
git update-index --cacheinfo "100644,$manifest,package.json"
tree="$(git write-tree)"
head="$(git rev-parse HEAD)"
parents=(-p "$head")
if previous="$(git rev-parse -q --verify "refs/heads/$branch")"; then parents=(-p "$previous" "${parents[@]}"); fi
commit="$(git commit-tree "$tree" "${parents[@]}" -m "Release build of ${head:0:12}")"
git update-ref "refs/heads/$branch" "$commit"
echo "$branch: $commit (build of ${head:0:12})"
