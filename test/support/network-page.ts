// A visitor's page for the bad-network cases run outside web-test-runner (the bench's rows, the address change):
// the stand-in, a token handler and a file server, and Chromium driving bench/networks.js. Needs `npm run build`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTokenHandler } from '../../src/server/token-handler.js';
import { toNodeListener } from '../../src/server/node-adapter.js';
import { startStandIn, type StandIn } from '../../src/stand-in/server.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface NetworkPage {
  page: Page;
  browser: Browser;
  standIn: StandIn;
  /** Calls one of bench/networks.js's `window` functions in the page. */
  run: <T>(fn: string, arg?: unknown) => Promise<T>;
  /** Keys asked for so far: one per call (a replacement call asks again). */
  readonly keys: number;
  close: () => Promise<void>;
}

export interface NetworkPageOptions {
  /** Where the stand-in listens (an address of the test's own network namespace). */
  host: string;
  /** Where the page is served: loopback (a secure context) unless the browser cannot reach it there. */
  pageHost?: string;
  /** The browser to start (a wrapper that starts Chromium in another namespace, for instance). */
  executablePath?: string;
}

export async function openNetworkPage({
  host,
  pageHost = '127.0.0.1',
  executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
}: NetworkPageOptions): Promise<NetworkPage> {
  const standIn = await startStandIn({ host, insideTestNamespace: true });
  const token = createTokenHandler({ allowOrigins: '*', apiKey: 'sk-bench-0000000000', baseUrl: standIn.baseUrl });
  let keys = 0;
  const server = createServer(
    toNodeListener(async (request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/token') {
        keys++;
        return token(request);
      }
      const file = normalize(join(ROOT, pathname));
      if (![join(ROOT, 'bench'), join(ROOT, 'dist')].some((dir) => file.startsWith(dir + '/')))
        return new Response('Not found', { status: 404 });
      const body = await readFile(file).catch(() => undefined);
      if (!body) return new Response('Not found', { status: 404 });
      const html = file.endsWith('.html');
      return new Response(html ? body.toString().replace('%BASE_URL%', standIn.baseUrl) : new Uint8Array(body), {
        headers: { 'content-type': html ? 'text/html' : 'text/javascript' },
      });
    }),
  );
  await new Promise<void>((done) => server.listen(0, pageHost, done));
  const origin = `http://${pageHost}:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      // The microphone needs a secure context: loopback is one, the namespace's own address is made one.
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE ${host}, EXCLUDE ${pageHost}`,
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  await page.goto(`${origin}/bench/networks.html`);
  await page.waitForFunction(() => 'startCall' in window && customElements.get('realtime-voice-chat'));
  return {
    page,
    browser,
    standIn,
    run: <T>(fn: string, arg?: unknown): Promise<T> =>
      page.evaluate(([name, a]) => (window as never as Record<string, (x: unknown) => Promise<T>>)[name](a), [
        fn,
        arg,
      ] as const),
    get keys() {
      return keys;
    },
    async close() {
      await browser.close();
      server.close();
      await standIn.close();
    },
  };
}
