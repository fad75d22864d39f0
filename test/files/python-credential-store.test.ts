import { describe, expect, it } from 'vitest';
import { scanPython, usePythonParser } from './python-helpers.js';

usePythonParser();

const red = (messageId: string, line: number, column: number) => ({ rule: 'no-credential-store-read', messageId, severity: 2, line, column });

describe('no-credential-store-read in Python', () => {
  it('reports Path.home() / ".claude" / ".credentials.json" once, at the whole path', () => {
    expect(
      scanPython(`from pathlib import Path
import json

creds = json.loads((Path.home() / ".claude" / ".credentials.json").read_text())
`),
    ).toEqual([red('credentialsFile', 4, 21)]);
  });

  it('reports os.path.expanduser("~/.claude/.credentials.json") and the claudeAiOauth key', () => {
    expect(
      scanPython(`import json
import os

with open(os.path.expanduser("~/.claude/.credentials.json")) as f:
    oauth = json.load(f)["claudeAiOauth"]
`),
    ).toEqual([red('credentialsFile', 4, 11), red('storedLoginKey', 5, 26)]);
  });

  it('reports a path built from CLAUDE_CONFIG_DIR', () => {
    expect(
      scanPython(`import os

path = os.path.join(os.environ["CLAUDE_CONFIG_DIR"], ".credentials.json")
`),
    ).toEqual([red('credentialsFile', 3, 8)]);
  });

  it('follows constants defined after the function that uses them, and reports where the path is built', () => {
    expect(
      scanPython(`import json
import os


def load_access_token():
    with open(CREDENTIALS) as handle:
        return json.load(handle)["claudeAiOauth"]["accessToken"]


CLAUDE_DIR = os.path.join(os.path.expanduser("~"), ".claude")
CREDENTIALS = os.path.join(CLAUDE_DIR, ".credentials.json")
`),
    ).toEqual([red('storedLoginKey', 7, 34), red('credentialsFile', 11, 15)]);
  });

  it('reports the claudeAiOauth key held in a constant where it is used, and stays silent on the constant alone', () => {
    expect(
      scanPython(`import json

_OAUTH_KEY = "claudeAiOauth"


def load_oauth(path):
    data = json.loads(path.read_text())
    oauth = data.get(_OAUTH_KEY)
    data[_OAUTH_KEY]["accessToken"] = refresh(oauth)
    return data
`),
    ).toEqual([red('storedLoginKey', 8, 22), red('storedLoginKey', 9, 10)]);
  });

  it('reports a path returned by a local function where it is built, not where it is called', () => {
    expect(
      scanPython(`from pathlib import Path


def credentials_path() -> Path:
    return Path.home() / ".claude" / ".credentials.json"


data = credentials_path().read_text()
`),
    ).toEqual([red('credentialsFile', 5, 12)]);
  });

  it('reports keyring.get_password with the service in a variable', () => {
    expect(
      scanPython(`import getpass

import keyring

SERVICE = "Claude Code-credentials"
token = keyring.get_password(SERVICE, getpass.getuser())
`),
    ).toEqual([red('keychain', 6, 9)]);
  });

  it('reports security find-generic-password run by subprocess, as a list and as a shell string', () => {
    expect(
      scanPython(`import subprocess

raw = subprocess.check_output(["security", "find-generic-password", "-s", "Claude Code-credentials", "-w"], text=True)
out = subprocess.run('security find-generic-password -s "Claude Code-credentials" -w', shell=True, capture_output=True)
`),
    ).toEqual([red('keychain', 3, 7), red('keychain', 4, 7)]);
  });

  it('stays silent on other tools’ credentials, usage logs, settings and look-alike keys', () => {
    expect(
      scanPython(`import glob
import os
from pathlib import Path

import keyring

aws = os.path.expanduser("~/.aws/credentials")
gcloud = Path.home() / ".config" / "gcloud" / "application_default_credentials.json"
docker = Path.home() / ".docker" / ".credentials.json"
logs = glob.glob(os.path.expanduser("~/.claude/projects/*/*.jsonl"))
settings = Path(os.environ.get("CLAUDE_CONFIG_DIR", "~/.claude")) / "settings.json"
password = keyring.get_password("my-cli", "me")
client_id = config["claudeOauthClientId"]
print("claudeAiOauth is Claude Code's key; we never read it")
`),
    ).toEqual([]);
  });
});
