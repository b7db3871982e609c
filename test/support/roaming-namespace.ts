import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readlinkSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standInHost } from './test-namespace.js';

/** The test namespace's end of the browser's link: where the stand-in and the page answer. */
export const GATEWAY = '10.78.0.1';
const SUBNET_BITS = 24;

/**
 * A network namespace for the browser alone, inside the test's own (scripts/test-namespace.sh): one veth pair to the
 * test namespace, whose browser-side address a test takes away and gives anew, as a visitor's phone does when it
 * moves from Wi-Fi to mobile data. Made only inside the test namespace, so nothing reaches a real interface.
 */
export class RoamingNamespace {
  readonly #holder: ChildProcess;
  readonly #dir = mkdtempSync(join(tmpdir(), 'rvc-roaming-'));
  address: string | undefined;

  private constructor(holder: ChildProcess) {
    this.#holder = holder;
  }

  static async create(address: string): Promise<RoamingNamespace> {
    if (!standInHost().insideTestNamespace) throw new Error('run through scripts/test-namespace.sh');
    // A process that only holds the new namespace open; `unshare` makes it, then becomes `sleep`.
    const holder = spawn('unshare', ['-n', 'sleep', 'infinity'], { stdio: 'ignore' });
    const own = readlinkSync('/proc/self/ns/net');
    for (let tries = 0; readlinkSync(`/proc/${holder.pid}/ns/net`) === own; tries++) {
      if (tries > 100) throw new Error('the browser namespace was not made');
      await new Promise((done) => setTimeout(done, 20));
    }
    const ns = new RoamingNamespace(holder);
    ip('link', 'add', 'rvcr0', 'type', 'veth', 'peer', 'name', 'rvcr1', 'netns', String(holder.pid));
    ip('addr', 'add', `${GATEWAY}/${SUBNET_BITS}`, 'dev', 'rvcr0');
    ip('link', 'set', 'rvcr0', 'up');
    ns.#inside('link', 'set', 'lo', 'up');
    ns.#inside('link', 'set', 'rvcr1', 'up');
    ns.join(address);
    return ns;
  }

  /** The browser's address goes (its route with it): nothing it sent from there can come back. */
  leave(): void {
    if (!this.address) return;
    this.#inside('addr', 'del', `${this.address}/${SUBNET_BITS}`, 'dev', 'rvcr1');
    this.address = undefined;
  }

  /** The browser gets `address`, and its way out through the test namespace. */
  join(address: string): void {
    this.#inside('addr', 'add', `${address}/${SUBNET_BITS}`, 'dev', 'rvcr1');
    this.#inside('route', 'replace', 'default', 'via', GATEWAY, 'dev', 'rvcr1');
    this.address = address;
  }

  /** A script that starts Chromium inside this namespace (for playwright's `executablePath`). */
  browserWrapper(chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): string {
    const path = join(this.#dir, 'chromium');
    writeFileSync(path, `#!/bin/sh\nexec nsenter -t ${this.#holder.pid} -n ${chromium} "$@"\n`, { mode: 0o755 });
    return path;
  }

  close(): void {
    this.#holder.kill();
    rmSync(this.#dir, { recursive: true, force: true });
    // The veth pair goes with the namespace; its test-namespace end too, if the holder was slow to die.
    try {
      ip('link', 'del', 'rvcr0');
    } catch {
      // Already gone.
    }
  }

  #inside(...args: string[]): void {
    execFileSync('nsenter', ['-t', String(this.#holder.pid), '-n', 'ip', ...args]);
  }
}

const ip = (...args: string[]) => execFileSync('ip', args);
