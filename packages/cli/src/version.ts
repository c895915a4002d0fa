/** The version of @glyphreel/cli (kept equal to package.json's by packaging.test.ts). */
export const VERSION = '0.1.0';
