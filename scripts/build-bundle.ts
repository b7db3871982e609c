import { execFileSync } from 'node:child_process';

/**
 * Builds with vite in a child process. In-process builds (vite 8's native bundler) were seen to throw
 * "number 0 is not a function" from a native callback seconds later, taking the server process down with them.
 */
export function buildBundles(root: string, configs: string[]): void {
  for (const config of configs)
    execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
