// Runs scripts/bench-networks.ts in a network namespace of its own (nftables cuts the path there) for bench.ts.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureInstalled } from './ensure-chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');

/** The bad-network rows; a row saying why when they cannot be measured here. */
export function networkRows(log: (line: string) => void): string[][] {
  log('bad networks: loss, blackouts, a reset and a simulated hour, in a network namespace of their own');
  if (!ensureInstalled('/usr/sbin/nft', ['nftables']))
    return [['Bad networks', 'not measured: no nftables', '', '', '']];
  try {
    const out = execFileSync(
      join('scripts', 'test-namespace.sh'),
      [process.execPath, '--import', 'tsx', 'scripts/bench-networks.ts'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', timeout: 60 * 60_000 },
    );
    return JSON.parse(out.trim().split('\n').at(-1)!) as string[][];
  } catch (e) {
    return [['Bad networks', `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, '', '', '']];
  }
}
