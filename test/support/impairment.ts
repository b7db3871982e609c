import { execFileSync } from 'node:child_process';
import { standInHost } from './test-namespace.js';

/** What a test asks of the path between the browser and the stand-in. */
export type Impairment = { kind: 'clear' } | { kind: 'blackout' } | { kind: 'loss'; percent: number };

const TABLE = 'rvc_impair';

/**
 * Impairs the path to the stand-in with nftables, in the network namespace the suite made for itself (never the
 * machine's: it refuses anywhere else). Every packet from the stand-in's subnet is dropped (a blackout) or a share of
 * them at random (loss); the test runner's own traffic, on loopback addresses, is never touched.
 */
export function impair(change: Impairment): void {
  const { host, insideTestNamespace } = standInHost();
  if (!insideTestNamespace) throw new Error('impairing the network is done only inside the test namespace');
  const subnet = `${host.split('.').slice(0, 3).join('.')}.0/24`;
  const rules = [`table inet ${TABLE} {`, '  chain input {', '    type filter hook input priority 0;'];
  if (change.kind === 'blackout') rules.push(`    ip saddr ${subnet} drop`);
  if (change.kind === 'loss') rules.push(`    ip saddr ${subnet} numgen random mod 100 < ${change.percent} drop`);
  rules.push('  }', '}');
  // One transaction: the old table goes and the new one comes in a single step, with no unimpaired moment between.
  execFileSync('nft', ['-f', '-'], {
    input: `table inet ${TABLE}\ndelete table inet ${TABLE}\n${rules.join('\n')}\n`,
  });
}

/** The web-test-runner plugin: `executeServerCommand('impair', change)` from a test. */
export function impairCommands() {
  return {
    name: 'impair-commands',
    executeCommand({ command, payload }: { command: string; payload: unknown }): boolean | undefined {
      if (command !== 'impair') return undefined;
      impair(payload as Impairment);
      return true;
    },
  };
}
