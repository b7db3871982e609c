import { mkdir, writeFile } from 'node:fs/promises';

/**
 * Writes a browser suite's pass/fail totals to `.cache/browser-results-{suite}.json` for scripts/test.mjs, which
 * prints the closing line across all suites. A test file that failed to load counts as one failure.
 */
export function countingReporter(suite) {
  return {
    async onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (group) => {
        for (const test of group?.tests ?? []) test.passed ? passed++ : failed++;
        for (const child of group?.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        walk(session.testResults);
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) failed++;
      }
      await mkdir('.cache', { recursive: true });
      await writeFile(`.cache/browser-results-${suite}.json`, JSON.stringify({ passed, failed }));
    },
  };
}
