import { createRule } from '../src/js/create-rule.js';

// Meta is the contract other front ends (Python, workflows, Dockerfiles) report under; create() is to come.
export default createRule({
  name: 'no-credential-mount',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow copying or mounting Claude Code’s stored login into containers and baking subscription tokens into images',
      recommended: true,
      tier: 'red',
      fixHint: 'Do not ship or mount ~/.claude: pass an API key to the container at run time (ANTHROPIC_API_KEY from a secret).',
    },
    messages: {
      copyCredentials:
        "Copies Claude Code's stored login ({{path}}) into an image. Anyone who runs or pulls the image gets the subscription: pass an API key at run time instead.",
      mountCredentials:
        "Mounts Claude Code's stored login ({{path}}) into {{service}}, which serves others. Use an API key instead.",
      literalTokenEnv:
        'Sets {{name}} to a literal Claude subscription token ({{redacted}}) in {{where}}. It ships with the image or stack: pass an API key from a secret at run time.',
    },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
