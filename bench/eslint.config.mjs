// ESLint with our plugin's recommended config and nothing else, as a user would set it up.
import claudeAuth from '../dist/src/index.js';

export default [claudeAuth.configs.recommended];
