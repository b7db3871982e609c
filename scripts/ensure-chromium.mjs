// Tests run in Debian's browsers (never a downloaded one). Installs what is missing when we may (root, apt-get).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether `path` exists, after installing Debian's `packages` when it did not and we are root. */
export function ensureInstalled(path, packages, { recommends = true } = {}) {
  if (existsSync(path)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`No ${path}. Install Debian's packages: sudo apt-get install -y ${packages.join(' ')}`);
    return false;
  }
  console.log(`Installing Debian’s ${packages.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), ...packages], {
    stdio: 'inherit',
    env,
  });
  return existsSync(path);
}

export function ensureChromium(path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {
  return ensureInstalled(path, ['chromium']);
}
