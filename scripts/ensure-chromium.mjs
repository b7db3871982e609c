// Tests run in Debian's Chromium (never a downloaded browser). Installs it when missing and we may (root, apt-get).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureChromium(path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {
  if (existsSync(path)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`No Chromium at ${path}. Install Debian's package: sudo apt-get install -y chromium`);
    return false;
  }
  console.log('Installing Debian’s chromium…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  return existsSync(path);
}
