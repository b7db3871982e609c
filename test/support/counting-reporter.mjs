import { mkdir, writeFile } from 'node:fs/promises';

/**
 * Writes a browser suite's pass/fail totals and the failed tests' names to `.cache/browser-results-{suite}.json` for scripts/test.mjs, which
 * prints the closing line across all suites. A test file that failed to load counts as one failure.
 */
export function countingReporter(suite) {
  return {
    async onTestRunFinished({ sessions }) {
      let passed = 0;
      const failures = [];
      const walk = (group, file, path) => {
        for (const test of group?.tests ?? [])
          test.passed ? passed++ : failures.push(`${file}: ${[...path, test.name].join(' › ')}`);
        for (const child of group?.suites ?? []) walk(child, file, [...path, child.name]);
      };
      for (const session of sessions) {
        const file = session.testFile.replace(`${process.cwd()}/`, '');
        walk(session.testResults, file, []);
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length)
          failures.push(`${file}: did not load`);
      }
      await mkdir('.cache', { recursive: true });
      await writeFile(
        `.cache/browser-results-${suite}.json`,
        JSON.stringify({ passed, failed: failures.length, failures }),
      );
    },
  };
}
