// WebKitGTK for web-test-runner: Debian's webkit2gtk-driver (WebKitWebDriver) driving its MiniBrowser, through the
// few W3C WebDriver calls a test run needs — one browser session, then a navigation per test file.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** `args` are MiniBrowser's (its WebKitSettings, e.g. `--enable-mock-capture-devices=true`). Needs a display (xvfb-run). */
export function webkitLauncher({
  driver = '/usr/bin/WebKitWebDriver',
  browser = process.env.MINIBROWSER_PATH ?? MINIBROWSER,
  args = [],
} = {}) {
  let child;
  let base = '';
  let session = '';
  const urls = new Map();

  async function command(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok)
      throw new Error(
        `WebDriver ${method} ${path}: ${answer.value?.error ?? response.status} ${answer.value?.message ?? ''}`,
      );
    return answer.value;
  }

  return {
    name: 'WebKitGTK',
    type: 'webkitgtk-webdriver',
    concurrency: 1,
    async initialize() {
      const port = await freePort();
      child = spawn(driver, [`--port=${port}`, '--host=local'], { stdio: ['ignore', 'ignore', 'inherit'] });
      base = `http://127.0.0.1:${port}`;
      for (
        let tries = 0;
        !(await fetch(`${base}/status`).then(
          (r) => r.ok,
          () => false,
        ));
        tries++
      ) {
        if (tries > 100) throw new Error('WebKitWebDriver did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const created = await command('POST', '/session', {
        capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: browser, args } } },
      });
      session = created.sessionId;
    },
    async startSession(id, url) {
      urls.set(id, url);
      await command('POST', `/session/${session}/url`, { url });
    },
    isActive: (id) => urls.has(id),
    getBrowserUrl: (id) => urls.get(id),
    async stopSession(id) {
      urls.delete(id);
      await command('POST', `/session/${session}/url`, { url: 'about:blank' }).catch(() => {});
      return {};
    },
    /** A real click at viewport point (x, y): a user gesture, which WebKit needs before any audio may run. */
    async click(x, y) {
      const pointer = { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' } };
      const actions = [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y), duration: 0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ];
      await command('POST', `/session/${session}/actions`, { actions: [{ ...pointer, actions }] });
    },
    async startDebugSession() {
      throw new Error('WebKitGTK runs headless under Xvfb here: no debug sessions');
    },
    async stop() {
      if (session) await command('DELETE', `/session/${session}`).catch(() => {});
      child?.kill();
    },
  };
}

/** `real-click` for tests: `{x, y}` in the page's viewport, clicked through WebDriver (see `click`). */
export function realClickCommand() {
  return {
    name: 'real-click',
    async executeCommand({ command, payload, session }) {
      if (command !== 'real-click') return undefined;
      await session.browser.click(payload.x, payload.y);
      return true;
    },
  };
}
