/** The file extensions the plugin's configs lint, and the scanner hands to ESLint. */
export const JS_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;
