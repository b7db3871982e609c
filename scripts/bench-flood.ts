// The hostile flood for scripts/bench.ts, measured in a Chromium with no DevTools client. Under Playwright the browser
// reports every WebSocket frame (about 120,000 here) to the client over DevTools, work a visitor's browser never does,
// which took the cores the page needs. The page runs the flood itself (bench/transports.js, `?flood`) and posts its
// figures to the bench's `/result`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FloodFigures {
  ms: number;
  items: number;
  shown: number;
  longTasks: number;
  longest: number;
  /** The longest frames over 50 ms and what they spent it on (Chromium's long-animation-frame entries). */
  worst: string[];
  /** JS heap after a full collection, bytes, with the flooded call still open. */
  heap: number;
}

// The flood takes 10-20 s on a 2-core machine; past this, something is wrong.
const TIMEOUT_MS = 180_000;

export async function floodWithoutDevTools(
  chromium: string,
  args: string[],
  url: string,
  posted: Promise<unknown>,
): Promise<FloodFigures> {
  const profile = mkdtempSync(join(tmpdir(), 'rvc-bench-flood-'));
  // Playwright's own defaults that matter to timing, so both browsers run alike: no background throttling.
  const flags = [
    '--headless',
    `--user-data-dir=${profile}`,
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
  ];
  const child = spawn(chromium, [...flags, ...args, `${url}?flood`], { stdio: 'ignore' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before the flood's figures came`))),
    );
    const late = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error('the flood page posted no figures')), TIMEOUT_MS)),
    );
    return (await Promise.race([posted, exited, late])) as FloodFigures;
  } finally {
    clearTimeout(timer);
    child.kill();
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
    // Chromium's helper processes may still be writing their cache when the browser process is gone: a profile that
    // will not go is left to the system's temporary folder rather than failing the bench.
    await new Promise((done) => setTimeout(done, 500));
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      // left in tmpdir()
    }
  }
}
