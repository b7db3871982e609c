// Browser tests: Debian's Chromium (no browser download), the real stand-in and the real token handler in-process.
import { copyFileSync, mkdirSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { tsImport } from 'tsx/esm/api';
import { countingReporter } from './test/support/counting-reporter.mjs';

const { startTestServices } = await tsImport('./test/support/services.ts', import.meta.url);
const { buildBundles } = await tsImport('./scripts/build-bundle.ts', import.meta.url);
// Host-page tests (strict CSP, CMS, frameworks) load the built files themselves, as a real page would.
buildBundles(process.cwd(), ['vite.standalone.config.ts', 'vite.classic.config.ts', 'vite.demo.config.ts']);
// The classic file in a folder of its own, nothing beside it: the page that loads it proves it needs nothing else.
mkdirSync('.cache/classic-alone', { recursive: true });
copyFileSync('dist/realtime-voice-chat.classic.js', '.cache/classic-alone/realtime-voice-chat.classic.js');
const services = await startTestServices();

// 127.0.0.1 would bind every interface; another loopback address keeps the page on a different origin from the stand-in.
const HOST = '127.0.0.2';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `in-frame`: runs a script in a frame of the test page found by URL prefix — also a cross-origin frame, which the
 * page itself may not touch (a CMS page framed from another site). Playwright reaches it through the browser.
 */
export function frameCommands() {
  return {
    name: 'frame-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'in-frame') return undefined;
      const page = session.browser.getPage(session.id);
      // Firefox (over BiDi) may name a frame about:blank for a moment after its load event reached the page.
      let frame;
      for (let tries = 0; !(frame = page.frames().find((f) => f.url().startsWith(payload.url))) && tries < 50; tries++)
        await new Promise((r) => setTimeout(r, 100));
      if (!frame)
        throw new Error(
          `no frame at ${payload.url}; frames: ${page
            .frames()
            .map((f) => f.url())
            .join(', ')}`,
        );
      return frame.evaluate(payload.script);
    },
  };
}

/** Debian's Chromium with fake media devices; `micWav` is what its microphone says, looped (none: its beep). */
export function chromium(micWav, { denyMicrophone = false, locale } = {}) {
  return playwrightLauncher({
    product: 'chromium',
    // The transcript's Copy buttons write to the clipboard, and the tests read it back: a visitor's browser asks.
    // `locale`: the visitor's browser language (navigator.languages, Accept-Language), as Playwright sets it up.
    createBrowserContext: ({ browser }) =>
      browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], ...(locale && { locale }) }),
    launchOptions: {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        // Permission prompts are answered "Allow", or "Block" for the microphone-denied tests.
        denyMicrophone ? '--deny-permission-prompts' : '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        ...(micWav ? [`--use-file-for-fake-audio-capture=${micWav}`] : []),
        '--autoplay-policy=no-user-gesture-required',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost, EXCLUDE ${HOST}, EXCLUDE 127.0.0.3${
          // Inside the suite's own network namespace the stand-in answers on its veth address (scripts/test-namespace.sh).
          process.env.RVC_TEST_NAMESPACE_ADDRESS ? `, EXCLUDE ${process.env.RVC_TEST_NAMESPACE_ADDRESS}` : ''
        }`,
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  });
}

export default {
  files: [
    'test/core/**/*.test.ts',
    'test/element/**/*.test.ts',
    'test/e2e/**/*.test.ts',
    // Impaired networks: a suite of their own, in a network namespace (web-test-runner.networks.config.mjs).
    '!test/networks/**',
    '!test/e2e/voice-turns.test.ts',
    '!test/e2e/microphone-denied.test.ts',
    '!test/e2e/noisy-room.test.ts',
    '!test/element/browser-languages.test.ts',
    // Tests of pure code run in Node (scripts/test.mjs), beside the browser tests of the same unit.
    '!test/**/*.node.test.ts',
  ],
  hostname: HOST,
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    { name: 'test-services', serverStop: () => services.close() },
    frameCommands(),
  ],
  middleware: [services.middleware],
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    countingReporter(process.env.RVC_SUITE ?? 'chromium'),
  ],
  browsers: [chromium(services.fakeMics.chatty)],
  // Voice turns need a microphone that pauses long enough for a reply: their own browser, with its own fake mic file.
  groups: [
    {
      name: 'voice-turns',
      files: ['test/e2e/voice-turns.test.ts'],
      browsers: [chromium(services.fakeMics.turns)],
      testFramework: { config: { timeout: 60_000 } },
    },
    // A noisy room: Chromium's own fake microphone, a 0.1 s beep every second.
    { name: 'noisy-room', files: ['test/e2e/noisy-room.test.ts'], browsers: [chromium(undefined)] },
    // A visitor whose browser is set up in Brazilian Portuguese, on a page that sets no lang.
    {
      name: 'browser-languages',
      files: ['test/element/browser-languages.test.ts'],
      browsers: [chromium(undefined, { locale: 'pt-BR' })],
    },
    {
      name: 'microphone-denied',
      files: ['test/e2e/microphone-denied.test.ts'],
      browsers: [chromium(services.fakeMics.chatty, { denyMicrophone: true })],
    },
  ],
};
