import { describe, expect, it } from 'vitest';
import type { PyNode } from '../../src/files/python/tree.js';
import { contextOf, usePythonParser } from './python-helpers.js';

usePythonParser();

/** The value of the expression assigned to `value` last in the module. */
function valueOf(code: string): string | undefined {
  const context = contextOf(code);
  let target: PyNode | undefined;
  for (const node of context.root.descendants()) {
    if (node.type === 'assignment' && node.child('left')?.text === 'value') target = node.child('right');
  }
  return context.evaluator.string(target);
}

function stringsOf(code: string): string[] {
  const context = contextOf(code);
  let target: PyNode | undefined;
  for (const node of context.root.descendants()) {
    if (node.type === 'assignment' && node.child('left')?.text === 'value') target = node.child('right');
  }
  return context.evaluator.strings(target);
}

describe('Python static string evaluator', () => {
  it('reads literals, escapes, raw and implicitly concatenated strings', () => {
    expect(valueOf(`value = "a\\tb"`)).toBe('a\tb');
    expect(valueOf(`value = r"C:\\new"`)).toBe('C:\\new');
    expect(valueOf(`value = ("~/.claude/"\n    ".credentials.json")`)).toBe('~/.claude/.credentials.json');
    expect(valueOf(`value = b"sk-ant"`)).toBe('sk-ant');
  });

  it('evaluates f-strings, with unknown fields as *', () => {
    expect(valueOf(`home = "/root"\nvalue = f"{home}/.claude/{name}.json {{x}}"`)).toBe('/root/.claude/*.json {x}');
  });

  it('evaluates + and % and .format()', () => {
    expect(valueOf(`value = "a" + user + "c"`)).toBe('a*c');
    expect(valueOf(`value = "%s/.claude/%s" % (home, "x")`)).toBe('*/.claude/x');
    expect(valueOf(`value = "{}/{name}".format("~", name=".claude")`)).toBe('~/.claude');
  });

  it('follows names bound once, in the module or the function, and not names bound twice', () => {
    expect(valueOf(`def f():\n    value = DIR + "/x"\nDIR = "~/.claude"`)).toBe('~/.claude/x');
    expect(valueOf(`DIR = "a"\nDIR = "b"\nvalue = DIR`)).toBeUndefined();
    expect(valueOf(`def f(DIR):\n    value = DIR\nDIR = "a"`)).toBeUndefined();
    expect(valueOf(`def f(home: str = "~/.claude"):\n    value = home + "/x"`)).toBe('~/.claude/x');
  });

  it('builds paths with os.path, pathlib and expanduser, however imported', () => {
    expect(valueOf(`import os\nvalue = os.path.join(os.path.expanduser("~"), ".claude", ".credentials.json")`)).toBe('~/.claude/.credentials.json');
    expect(valueOf(`from pathlib import Path\nvalue = Path.home() / ".claude" / ".credentials.json"`)).toBe('~/.claude/.credentials.json');
    expect(valueOf(`import pathlib\nvalue = pathlib.Path("~", ".claude").expanduser().joinpath("x")`)).toBe('~/.claude/x');
    expect(valueOf(`from os.path import join as j, expanduser\nvalue = j(expanduser("~/.claude"), "y")`)).toBe('~/.claude/y');
    expect(valueOf(`import os\nvalue = str(Path(os.environ["HOME"]) / "x")`)).toBe('~/x');
  });

  it('renders environment variables as $NAME, also with a default', () => {
    expect(valueOf(`import os\nvalue = os.environ["CLAUDE_CONFIG_DIR"]`)).toBe('$CLAUDE_CONFIG_DIR');
    expect(valueOf(`import os\nvalue = os.getenv("CLAUDE_CONFIG_DIR", "~/.claude")`)).toBe('$CLAUDE_CONFIG_DIR');
    expect(valueOf(`from os import environ\nenv = environ\nvalue = env.get("X")`)).toBe('$X');
    expect(valueOf(`import os\nvalue = os.environ.get("X") or "fallback"`)).toBe('$X');
  });

  it('joins lists, decodes base64, and follows a local function', () => {
    expect(valueOf(`value = "-".join(["sk", "ant", PART])`)).toBe('sk-ant-*');
    expect(valueOf(`import base64\nvalue = base64.b64decode("c2stYW50LW9hdDAx").decode()`)).toBe('sk-ant-oat01');
    expect(valueOf(`def path():\n    return "~/.claude"\nvalue = path() + "/x"`)).toBe('~/.claude/x');
    expect(valueOf(`CONF = {"dir": "~/.claude"}\nvalue = CONF["dir"]`)).toBe('~/.claude');
  });

  it('knows nothing of values it cannot see', () => {
    expect(valueOf(`value = open(p).read()`)).toBeUndefined();
    expect(valueOf(`value = 3 / 4`)).toBeUndefined();
    expect(valueOf(`value = self.path`)).toBeUndefined();
  });

  it('lists argument vectors: lists, spreads, names, shlex.split and str.split', () => {
    expect(stringsOf(`value = ["security", "find-generic-password", "-s", SERVICE, "-w"]\nSERVICE = "Claude Code-credentials"`)).toEqual([
      'security', 'find-generic-password', '-s', 'Claude Code-credentials', '-w',
    ]);
    expect(stringsOf(`BASE = ["claude", "-p"]\nvalue = [*BASE, prompt]`)).toEqual(['claude', '-p', '*']);
    expect(stringsOf(`import shlex\nvalue = shlex.split("claude -p 'hi there'")`)).toEqual(['claude', '-p', 'hi there']);
    expect(stringsOf(`value = "claude --print x".split()`)).toEqual(['claude', '--print', 'x']);
    expect(stringsOf(`BASE = ["claude", "-p"]\nvalue = BASE + [prompt]`)).toEqual(['claude', '-p', '*']);
  });
});
