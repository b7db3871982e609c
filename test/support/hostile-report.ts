// Tallies of hostile input the suites tried, for the line `npm test` prints (scripts/test.mjs reads the file).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = '.cache/hostile.json';

export interface HostileTally {
  bodies?: number;
  /** Largest growth of the server's memory while one hostile body was sent, in MB. */
  bodyGrowthMb?: number;
  keysEmbedded?: number;
  eventsFuzzed?: number;
  leaks?: number;
  crashes?: number;
}

/** Adds to the tally (counts add up; the growth keeps its maximum). */
export function tally(add: HostileTally): void {
  mkdirSync('.cache', { recursive: true });
  let now: HostileTally = {};
  try {
    now = JSON.parse(readFileSync(FILE, 'utf8'));
  } catch {
    // first tally of the run
  }
  const sum = (key: keyof HostileTally) => (now[key] ?? 0) + (add[key] ?? 0);
  writeFileSync(
    FILE,
    JSON.stringify({
      bodies: sum('bodies'),
      bodyGrowthMb: Math.max(now.bodyGrowthMb ?? 0, add.bodyGrowthMb ?? 0),
      keysEmbedded: sum('keysEmbedded'),
      eventsFuzzed: sum('eventsFuzzed'),
      leaks: sum('leaks'),
      crashes: sum('crashes'),
    }),
  );
}
