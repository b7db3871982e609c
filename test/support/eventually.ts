import assert from 'node:assert/strict';

/** Waits until `check()` holds, looking every 20 ms; fails naming `what` after `ms` (node tests on real servers). */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 20)))
    if (Date.now() - started > ms) assert.fail(`never: ${what}`);
}
