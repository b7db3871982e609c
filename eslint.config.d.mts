import type { Linter } from 'eslint';

/** ARCHITECTURE.md's boundaries, as ESLint configs (test/lint/boundaries.test.ts breaks each on purpose). */
export declare const boundaries: Linter.Config[];
/** The import-cycle rule with TypeScript's resolution. */
export declare const cycles: Linter.Config;
declare const config: Linter.Config[];
export default config;
