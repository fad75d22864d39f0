/**
 * Kubernetes manifests among other YAML files: a pod spec whose `hostPath` volume is the node's
 * stored login (`/root/.claude`, `/home/<user>/.claude`, a `.credentials.json`) →
 * `no-credential-mount` `mountCredentials` (red). A workload in a cluster serves whoever reaches
 * it, so there is no "personal" exception as for a compose service without ports.
 *
 * Manifests have no fixed name, so this runs on every `.yaml`/`.yml` file that the scanner has no
 * other analyzer for, and only parses those that mention `hostPath`. A file that does not parse
 * (a Helm template, say) simply keeps the text markers: it is not a manifest this can read.
 *
 * @packageDocumentation
 */
import { isMap, isSeq, type Node } from 'yaml';
import { copiesStoredLogin } from '../detect/mounts.js';
import type { TextFinding } from '../detect/markers.js';
import { withMarkers, type OffsetRange } from './analyzer.js';
import { itemsOf, nodeRange, pairsOf, parseYamlDocuments, scalarText, valueOf } from './yaml.js';

/** Every mapping in a YAML tree that has both `volumes` and `containers`: the pod specs. */
function podSpecs(node: unknown, found: unknown[] = []): unknown[] {
  if (isMap(node)) {
    if (valueOf(node, 'volumes') !== undefined && valueOf(node, 'containers') !== undefined) found.push(node);
    for (const pair of pairsOf(node)) podSpecs(pair.value, found);
  } else if (isSeq(node)) {
    for (const item of node.items) podSpecs(item, found);
  }
  return found;
}

/** The `volumeMounts` entries of a pod's containers and init containers. */
function volumeMounts(spec: unknown): unknown[] {
  return [...itemsOf(valueOf(spec, 'containers')), ...itemsOf(valueOf(spec, 'initContainers'))].flatMap((container) => itemsOf(valueOf(container, 'volumeMounts')));
}

/** Where each volume is mounted in the pod's containers, by volume name (the first mount wins). */
function mountPaths(spec: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  for (const mount of volumeMounts(spec)) {
    const name = scalarText(valueOf(mount, 'name'));
    const path = scalarText(valueOf(mount, 'mountPath'));
    if (name !== undefined && path !== undefined && !paths.has(name)) paths.set(name, path);
  }
  return paths;
}

/** `kind \`name\`` of a document, for messages. */
function workloadName(root: unknown): string {
  const kind = scalarText(valueOf(root, 'kind')) ?? 'workload';
  const name = scalarText(valueOf(valueOf(root, 'metadata'), 'name'));
  return name === undefined ? kind : `${kind} \`${name}\``;
}

/**
 * Analyzes a YAML file that may be a Kubernetes manifest.
 *
 * @param text - the file
 * @param relativePath - its path: only `.yaml`/`.yml` files are parsed
 * @returns `mountCredentials` findings plus the text markers; the markers alone for anything else
 */
export function analyzeKubernetes(text: string, relativePath: string): TextFinding[] {
  if (!/\.ya?ml$/i.test(relativePath) || !text.includes('hostPath')) return withMarkers(text, []);
  let documents: (Node | null)[];
  try {
    documents = parseYamlDocuments(text);
  } catch {
    return withMarkers(text, []);
  }
  const own: TextFinding[] = [];
  const judged: OffsetRange[] = [];
  for (const root of documents) {
    for (const spec of podSpecs(root)) {
      const targets = mountPaths(spec);
      // Container-side paths (`mountPath: /root/.claude/.credentials.json`) are judged with their volume.
      judged.push(...volumeMounts(spec).flatMap((mount) => nodeRange(valueOf(mount, 'mountPath')) ?? []));
      for (const volume of itemsOf(valueOf(spec, 'volumes'))) {
        const pathNode = valueOf(valueOf(volume, 'hostPath'), 'path');
        const source = scalarText(pathNode);
        const range = nodeRange(pathNode);
        if (source === undefined || !range) continue;
        judged.push(range);
        const name = scalarText(valueOf(volume, 'name'));
        if (copiesStoredLogin(source, name === undefined ? undefined : targets.get(name))) {
          own.push({ ruleName: 'no-credential-mount', messageId: 'mountCredentials', data: { path: source, service: workloadName(root) }, ...range });
        }
      }
    }
  }
  return withMarkers(text, own, judged);
}
