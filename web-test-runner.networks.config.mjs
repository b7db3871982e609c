// Calls over an impaired path: Chromium and the stand-in in a network namespace of the suite's own
// (scripts/test-namespace.sh), where nftables drops the stand-in's packets — all of them (a blackout) or a share
// (loss) — while the test runner's own loopback traffic goes untouched (test/support/impairment.ts).
import { tsImport } from 'tsx/esm/api';
import base, { chromium } from './web-test-runner.config.mjs';

const { impairCommands } = await tsImport('./test/support/impairment.ts', import.meta.url);

export default {
  ...base,
  files: ['test/networks/**/*.test.ts'],
  browsers: [chromium(undefined)],
  groups: [],
  plugins: [...base.plugins, impairCommands()],
  testFramework: { config: { timeout: 120_000 } },
};
