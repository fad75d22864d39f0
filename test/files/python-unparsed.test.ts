import { describe, expect, it } from 'vitest';
import { aliasPairs, classHeaderNames, mayHaveEntryPoints } from '../../src/files/python/unparsed.js';

describe('what a Python file tells without a parse', () => {
  it('finds every name of its class headers: bases, type parameters, keywords, over lines, past strings and comments', () => {
    const text = [
      'from .base import Base as B',
      'class Plain: pass',
      'class Service[T: Model](B, metaclass=abc.ABCMeta):',
      '    pass',
      'class Handler(',
      '    mixins.Logging,  # not a ) here',
      '    Generic["Req)"],',
      '    Ünïcode,',
      '):',
      '    x = "class Decoy(Hidden"',
    ].join('\n');
    const names = classHeaderNames(text);
    for (const name of ['Plain', 'Service', 'T', 'Model', 'B', 'metaclass', 'abc', 'ABCMeta', 'Handler', 'mixins', 'Logging', 'Generic', 'Ünïcode']) expect(names).toContain(name);
    expect(names).not.toContain('import');
    expect(names).not.toContain('x');
  });

  it('finds `name as alias` pairs, with a comment or a line continuation between the words', () => {
    const text = 'from .impl import (\n    Base  # the base\n    as Runner,\n)\nimport pkg.client as c\nfrom x import Y \\\n    as Z\n';
    expect(aliasPairs(text)).toEqual(expect.arrayContaining([['Base', 'Runner'], ['client', 'c'], ['Y', 'Z']]));
  });

  it('tells a module that may register handlers by the framework packages it names', () => {
    expect(mayHaveEntryPoints('from slack_bolt import App\n')).toBe(true);
    expect(mayHaveEntryPoints('import fastapi\n')).toBe(true);
    expect(mayHaveEntryPoints('def helper(text):\n    return text.strip()\n')).toBe(false);
  });
});
