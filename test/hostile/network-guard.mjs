/**
 * Blocks and records every way a Node.js process could reach the network or start a program:
 * net, tls, http(s), fetch/WebSocket, DNS, and child_process. Imported by the no-execution test,
 * and preloaded into the CLI (`node --import ./network-guard.mjs`) when the environment variable
 * CLAUDE_AUTH_LINT_GUARD_LOG names a file: each attempt is then appended to that file as a line.
 */
import childProcess from 'node:child_process';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

/** What is replaced: module object, its property names. */
const TARGETS = [
  [net, ['connect', 'createConnection']],
  [net.Socket.prototype, ['connect']],
  [tls, ['connect']],
  [http, ['request', 'get']],
  [https, ['request', 'get']],
  [dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']],
  [dns.promises, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']],
  [childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']],
  [globalThis, ['fetch', 'WebSocket']],
];

/**
 * Replaces each function of {@link TARGETS} with one that records the attempt and throws.
 *
 * @param {(attempt: string) => void} record - called with `module.function first-argument`
 * @returns {() => void} a function that puts the originals back
 */
export function blockNetworkAndProcesses(record) {
  const originals = [];
  for (const [owner, names] of TARGETS) {
    for (const name of names) {
      if (typeof owner[name] !== 'function') continue;
      originals.push([owner, name, owner[name]]);
      owner[name] = function blocked(first) {
        const attempt = `${name} ${typeof first === 'string' ? first : JSON.stringify(first ?? null)?.slice(0, 200)}`;
        record(attempt);
        throw new Error(`blocked by the test: ${attempt}`);
      };
    }
  }
  syncBuiltinESMExports();
  return () => {
    for (const [owner, name, original] of originals) owner[name] = original;
    syncBuiltinESMExports();
  };
}

const log = process.env.CLAUDE_AUTH_LINT_GUARD_LOG;
if (log) blockNetworkAndProcesses((attempt) => appendFileSync(log, `${attempt}\n`));
