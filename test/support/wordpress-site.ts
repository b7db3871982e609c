import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * A real WordPress for the plugin's tests: Debian's `wordpress` package (6.1) copied to a folder of its own, PHP 8.2's
 * built-in server, and a MariaDB of its own (its own data folder and socket, no TCP). Installed by driving WordPress's
 * own installer over HTTP, as a site owner's browser would (Debian has no wp-cli). Only loopback is reachable:
 * `WP_HTTP_BLOCK_EXTERNAL` keeps WordPress from calling out (updates, feeds, translations).
 */
export interface WordPressSite {
  origin: string;
  /** The site's files (wp-content/plugins holds the plugin under test). */
  root: string;
  /** Defines a constant in wp-config.php for every later request (`undefined` removes it), as a site owner would. */
  constant(name: string, value: string | boolean | undefined): void;
  /** Runs PHP with WordPress loaded (as wp-cli would), and returns what it printed. */
  php(code: string): string;
  /** What PHP's server and WordPress's debug log said (PHP warnings and notices included). */
  logs(): string;
  stop(): Promise<void>;
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`${what} did not start in ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const wpConfig = (origin: string, socket: string, dir: string) => `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress-test');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((name, i) => `define('${name}', 'test-salt-${i}-${Math.random().toString(36).slice(2)}');`).join('\n')}
$table_prefix = 'wp_';
define('WP_HOME', '${origin}');
define('WP_SITEURL', '${origin}');
// Tests never reach the internet: WordPress may call only its own host (the stand-in listens on the same 127.0.0.1).
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '${dir}/debug.log');
define('WP_DEBUG_DISPLAY', false);
// The constants a test sets (site.constant()): data beside the site, not in it (opcache would keep a rewritten PHP file's old code).
foreach (json_decode(file_get_contents(dirname(__DIR__) . '/test-constants.json'), true) as $name => $value) define($name, $value);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;

// No mail server here: WordPress's mails (the installer's, new users') are dropped, not sent.
const noMail = `<?php\nadd_filter('pre_wp_mail', '__return_false');\n`;

/** Starts MariaDB, copies WordPress, serves it with PHP, and installs it (admin / `adminPassword`); no plugin yet. */
export async function startWordPress(options: { adminPassword: string }): Promise<WordPressSite> {
  const dir = await mkdtemp(join(tmpdir(), 'rvc-wordpress-'));
  const processes: ChildProcess[] = [];
  let output = '';
  // Should the test process end without stop() (a crash), its servers still go with it.
  const orphans = () =>
    processes.forEach((child) => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'));
  process.once('exit', orphans);
  const keep = (child: ChildProcess) => {
    processes.push(child);
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    return child;
  };
  const stop = async () => {
    // Each process leads a group of its own: PHP's server forks its workers, and they must go with it.
    for (const child of processes) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await Promise.all(
      processes.map((child) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((done) => child.once('exit', done))
          : Promise.resolve(),
      ),
    );
    process.off('exit', orphans);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // MariaDB refuses to run as root unless told to: CI runs as root.
    const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
    const socket = join(dir, 'mariadb.sock');
    const installed = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${dir}/db`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asUser],
      { encoding: 'utf8' },
    );
    if (installed.status !== 0) throw new Error(`mariadb-install-db failed:\n${installed.stdout}\n${installed.stderr}`);
    keep(
      spawn(
        'mariadbd',
        [
          '--no-defaults',
          `--datadir=${dir}/db`,
          `--socket=${socket}`,
          '--skip-networking',
          `--pid-file=${dir}/mariadb.pid`,
          '--innodb-buffer-pool-size=32M',
          ...asUser,
        ],
        { detached: true },
      ),
    );
    await waitFor(
      'MariaDB',
      () => spawnSync('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', 'SELECT 1']).status === 0,
    );
    const sql =
      "CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'wordpress-test'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';";
    const created = spawnSync('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', sql], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`could not create the database: ${created.stderr}`);

    const root = join(dir, 'wordpress');
    // Debian's tree links wp-content and wp-config.php to /var/lib and /etc: a copy with the links followed is the site's own.
    cpSync('/usr/share/wordpress', root, { recursive: true, dereference: true });
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    writeFileSync(join(root, 'wp-config.php'), wpConfig(origin, socket, dir));
    const constants = new Map<string, string | boolean>();
    const writeConstants = () =>
      writeFileSync(join(dir, 'test-constants.json'), JSON.stringify(Object.fromEntries(constants)));
    writeConstants();
    mkdirSync(join(root, 'wp-content/mu-plugins'), { recursive: true });
    writeFileSync(join(root, 'wp-content/mu-plugins/no-mail.php'), noMail);
    // Several workers: a page's scripts and the REST calls arrive together.
    keep(
      spawn('php', ['-S', `127.0.0.1:${port}`, '-t', root], {
        cwd: root,
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
        detached: true,
      }),
    );
    await waitFor(
      'PHP',
      async () => (await fetch(`${origin}/wp-login.php`).catch(() => undefined))?.status !== undefined,
    );

    const form = new URLSearchParams({
      weblog_title: 'Voice chat test site',
      user_name: 'admin',
      admin_password: options.adminPassword,
      admin_password2: options.adminPassword,
      pw_weak: '1',
      admin_email: 'admin@example.test',
      blog_public: '0',
      language: '',
    });
    const install = await fetch(`${origin}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
    const page = await install.text();
    if (!page.includes('Success!')) throw new Error(`WordPress's installer did not finish:\n${page.slice(0, 2000)}`);

    return {
      origin,
      root,
      constant(name, value) {
        if (value === undefined) constants.delete(name);
        else constants.set(name, value);
        writeConstants();
      },
      php(code) {
        const run = spawnSync('php', ['-r', `require ${JSON.stringify(join(root, 'wp-load.php'))}; ${code}`], {
          cwd: root,
          encoding: 'utf8',
        });
        if (run.status !== 0) throw new Error(`php failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
        return run.stdout;
      },
      logs: () => output + (existsSync(join(dir, 'debug.log')) ? readFileSync(join(dir, 'debug.log'), 'utf8') : ''),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
