import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { calleeName, createStaticEvaluator, skipWrappers, staticPropertyName } from '../src/js/static-string.js';
import { copiesStoredLogin, parseMountOption, parseVolume, PROCESS_LAUNCHER_NAMES, TESTCONTAINERS_MOUNT_METHODS, type Mount } from '../src/detect/mounts.js';
import { ruleGateOpens } from '../src/detect/triggers.js';

const SPAWNERS = new Set(PROCESS_LAUNCHER_NAMES);
/** Container engines whose command lines take Docker's `-v`/`--mount`/`cp`. */
const CONTAINER_CLIS = /^(?:docker|podman|nerdctl|finch)(?:\.exe)?$/;
const TESTCONTAINERS_METHODS = new Set(TESTCONTAINERS_MOUNT_METHODS);

/** A string found in the code, with the node to report it at. */
interface Located {
  node: TSESTree.Node;
  value: string;
}

export default createRule({
  name: 'no-credential-mount',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow copying or mounting Claude Code’s stored login into containers and baking subscription tokens into images',
      recommended: true,
      tier: 'red',
      messageTiers: { containerMountsLogin: 'yellow', containerGetsOAuthToken: 'yellow' },
      fixHint: 'Do not ship or mount ~/.claude: pass an API key to the container at run time (ANTHROPIC_API_KEY from a secret).',
    },
    messages: {
      copyCredentials:
        "Copies Claude Code's stored login ({{path}}) into an image. Anyone who runs or pulls the image gets the subscription: pass an API key at run time instead.",
      mountCredentials:
        "Mounts Claude Code's stored login ({{path}}) into {{service}}, which serves others. Use an API key instead.",
      literalTokenEnv:
        'Sets {{name}} to a literal Claude subscription token ({{redacted}}) in {{where}}. It ships with the image or stack: pass an API key from a secret at run time.',
      containerGetsOAuthToken:
        "Hands {{name}} (a Claude subscription token) from the host into {{where}}. Whatever runs in the container acts on that person's subscription: fine only for their own Claude Code session; a tool, bot or service must get ANTHROPIC_API_KEY instead.",
      containerMountsLogin:
        "Starts a container with Claude Code's stored login ({{path}}) inside. Whatever runs in it acts on that person's subscription: fine only for their own Claude Code session; a tool or service must pass ANTHROPIC_API_KEY instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    if (!ruleGateOpens('no-credential-mount', sourceCode.text)) return {};
    const evaluator = createStaticEvaluator(sourceCode);

    function report(node: TSESTree.Node, mount: Mount): void {
      if (copiesStoredLogin(mount.source, mount.target)) {
        context.report({ node, messageId: 'containerMountsLogin', data: { path: mount.source } });
      }
    }

    /** The strings of a list argument, each with the element it came from. */
    function located(node: TSESTree.Node | undefined): Located[] {
      if (!node) return [];
      const inner = skipWrappers(node);
      if (inner.type !== AST_NODE_TYPES.ArrayExpression) return evaluator.strings(node).map((value) => ({ node, value }));
      return inner.elements.flatMap((element): Located[] => {
        if (!element) return [];
        if (element.type === AST_NODE_TYPES.SpreadElement) return evaluator.strings(element.argument).map((value) => ({ node: element, value }));
        const value = evaluator.string(element);
        return value === undefined ? [] : [{ node: element, value }];
      });
    }

    /** Checks a container CLI's arguments: `-v`/`--volume`, `--mount`, and the source of `cp`. */
    function checkContainerArguments(args: Located[]): void {
      args.forEach((argument, index) => {
        const next = args[index + 1];
        const inline = /^(?:-v|--volume|--mount)=(.*)$/s.exec(argument.value)?.[1];
        const isMount = argument.value.startsWith('--mount');
        if (inline !== undefined) {
          const mount = isMount ? parseMountOption(inline) : parseVolume(inline);
          if (mount) report(argument.node, mount);
        } else if ((argument.value === '-v' || argument.value === '--volume' || argument.value === '--mount') && next) {
          const mount = isMount ? parseMountOption(next.value) : parseVolume(next.value);
          if (mount) report(next.node, mount);
        } else if (argument.value === 'cp' && next && index <= 1) {
          report(next.node, { source: next.value, target: args[index + 2]?.value });
        }
      });
    }

    /** A shell command line as one string: split at blanks, quotes removed. */
    function words(node: TSESTree.Node, command: string): Located[] {
      return (command.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((word) => ({ node, value: word.replace(/^(["'])(.*)\1$/s, '$2') }));
    }

    function checkLaunch(node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression): void {
      let list: Located[];
      if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
        list = words(node, evaluator.string(node.quasi) ?? '');
      } else {
        const [first, second] = node.arguments;
        if (!first) return;
        const firstInner = skipWrappers(first);
        if (firstInner.type === AST_NODE_TYPES.ArrayExpression) {
          list = located(first);
        } else {
          const command = evaluator.string(first) ?? '';
          const options = second && skipWrappers(second).type === AST_NODE_TYPES.ObjectExpression ? (skipWrappers(second) as TSESTree.ObjectExpression) : undefined;
          const argsProperty = options?.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && staticPropertyName(property) === 'args');
          const rest = argsProperty ? located(argsProperty.value) : second && !options ? located(second) : [];
          list = /\s/.test(command.trim()) ? [...words(first, command), ...rest] : [{ node: first, value: command }, ...rest];
        }
      }
      const program = list[0]?.value.split(/[\\/]/).at(-1) ?? '';
      if (CONTAINER_CLIS.test(program)) checkContainerArguments(list.slice(1));
    }

    /** `{ source, target }` objects (testcontainers) or `{ Source, Target }` (dockerode `Mounts`). */
    function checkMountObjects(node: TSESTree.Node | undefined): void {
      const inner = node ? skipWrappers(node) : undefined;
      if (inner?.type !== AST_NODE_TYPES.ArrayExpression) return;
      for (const element of inner.elements) {
        if (element?.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const field = (...names: string[]): string | undefined => {
          const property = element.properties.find(
            (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && names.includes(staticPropertyName(candidate) ?? ''),
          );
          return property ? evaluator.string(property.value) : undefined;
        };
        const source = field('source', 'Source');
        if (source !== undefined) report(element, { source, target: field('target', 'Target') });
      }
    }

    return {
      CallExpression(node) {
        const name = calleeName(node.callee);
        if (name && SPAWNERS.has(name)) checkLaunch(node);
        else if (name && TESTCONTAINERS_METHODS.has(name)) checkMountObjects(node.arguments[0]);
      },
      NewExpression(node) {
        if (calleeName(node.callee) === 'Command') checkLaunch(node);
      },
      TaggedTemplateExpression(node) {
        if (calleeName(node.tag) === '$') checkLaunch(node);
      },
      Property(node) {
        const key = staticPropertyName(node);
        if (key === 'Binds') {
          for (const bind of located(node.value)) report(bind.node, parseVolume(bind.value));
        } else if (key === 'Mounts') {
          checkMountObjects(node.value);
        }
      },
    };
  },
});
