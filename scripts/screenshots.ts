// `npm run screenshots`: the element in its states, against the local stand-in in Debian's Chromium, written as PNGs
// to docs/screenshots/ (the README shows them). Run it when the look changes. The languages need Debian's
// fonts-noto-core and fonts-noto-cjk.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildBundles } from './build-bundle.js';
import { ensureChromium } from './ensure-chromium.mjs';
import { createTokenHandler } from '../src/server/token-handler.js';
import { toNodeListener } from '../src/server/node-adapter.js';
import { startStandIn } from '../src/stand-in/server.js';
import { parseWav, synthesizeWav, toWav } from '../src/stand-in/media/speech.js';
import { LANGUAGE_QUESTIONS } from './screenshot-languages.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const log = (line: string) => console.error(`[screenshots] ${line}`);

if (!ensureChromium()) process.exit(1);
if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'))
  log('fonts-noto-cjk is not installed: the CJK pictures will show boxes (apt install fonts-noto-cjk)');
if (!existsSync('/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf'))
  log('fonts-noto-core is not installed: Arabic, Hebrew and Hindi will show boxes (apt install fonts-noto-core)');
buildBundles(ROOT, ['vite.standalone.config.ts']);
mkdirSync(join(OUT, 'languages'), { recursive: true });

// Replies wait a little, so "thinking" can be seen; they then stream at a reading pace.
const standIn = await startStandIn({ delays: { reply: 1500 } });
const token = createTokenHandler({
  allowOrigins: '*',
  apiKey: 'sk-screenshots-000000000000',
  baseUrl: standIn.baseUrl,
});
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<script type="module" src="/dist/realtime-voice-chat.js"></script>
<style>body { margin: 0; padding: 16px; font-family: system-ui, sans-serif; } body.dark { background: #111114; }</style></head><body></body></html>`;
const server = createServer(
  toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/token') return token(request);
    if (pathname === '/') return new Response(PAGE, { headers: { 'content-type': 'text/html' } });
    const file = normalize(join(ROOT, pathname));
    if (!file.startsWith(join(ROOT, 'dist') + '/')) return new Response('Not found', { status: 404 });
    const body = await readFile(file).catch(() => undefined);
    return body
      ? new Response(new Uint8Array(body), { headers: { 'content-type': 'text/javascript' } })
      : new Response('Not found', { status: 404 });
  }),
);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

// The microphone says a sentence, then is quiet: the stand-in hears the visitor speak, then answers.
const micWav = join(ROOT, '.cache/screenshots-mic.wav');
const speech = parseWav(await synthesizeWav('Hello! What can you tell me about this page?'));
const samples = new Int16Array(speech.samples.length + speech.rate * 8);
samples.set(speech.samples);
writeFileSync(micWav, toWav({ samples, rate: speech.rate }));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${micWav}`,
    '--autoplay-policy=no-user-gesture-required',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
});

const REPLY =
  'Here is what I found:\n\n- **Opening hours**: 9:00 to 17:00\n- Orders ship in _two_ days\n\nSee [the help page](https://example.com/help) or call `0120-000-000`.';

interface Shot {
  name: string;
  attributes?: Record<string, string>;
  viewport?: { width: number; height: number };
  dark?: boolean;
  /** Drives the element into the state shown; the picture is taken when it resolves. */
  drive?: (page: Page) => Promise<unknown>;
  /** The whole page (the floating layout), not just the element. */
  page?: boolean;
  /** Device pixels per CSS pixel (2 unless said). */
  scale?: number;
}

const inPage = (page: Page, script: string) =>
  page.evaluate(`(async () => { const el = document.querySelector('realtime-voice-chat'); ${script} })()`);
const start = (page: Page) =>
  inPage(
    page,
    `el.start(); await new Promise((r) => el.addEventListener('rvc-state', (e) => e.detail.state === 'live' && r(), { once: false }));`,
  );
const untilActivity = (page: Page, activity: string) =>
  inPage(
    page,
    `if (el.activity !== '${activity}') await new Promise((r) => el.addEventListener('rvc-activity', (e) => e.detail.activity === '${activity}' && r())); await el.updateComplete;`,
  );
/** A finished exchange, then (unless `settle` is false) quiet. */
async function exchange(page: Page, text: string) {
  await inPage(
    page,
    `const done = new Promise((r) => el.addEventListener('rvc-transcript', (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed' && r()));
    el.sendText(${JSON.stringify(text)}); await done; await el.updateComplete;`,
  );
}
const conversation = async (page: Page) => {
  await start(page);
  await exchange(page, REPLY);
};

const shots: Shot[] = [
  { name: 'idle' },
  {
    name: 'live-streaming',
    attributes: { muted: '', 'output-modalities': 'text' },
    drive: async (page) => {
      await start(page);
      await exchange(page, 'What are your opening hours?');
      await inPage(
        page,
        `const growing = new Promise((r) => el.addEventListener('rvc-transcript', (e) => e.detail.item.role === 'assistant' && e.detail.item.text.length > 120 && r()));
        el.sendText(${JSON.stringify(REPLY)}); await growing; await el.updateComplete;`,
      );
    },
  },
  {
    name: 'visitor-speaking',
    drive: async (page) => {
      await start(page);
      await untilActivity(page, 'user-speaking');
    },
  },
  {
    name: 'thinking',
    attributes: { muted: '' },
    drive: async (page) => {
      await start(page);
      await inPage(
        page,
        `const thinking = new Promise((r) => el.addEventListener('rvc-activity', (e) => e.detail.activity === 'thinking' && r()));
        el.sendText('Tell me about the shop.'); await thinking; await el.updateComplete;`,
      );
    },
  },
  {
    name: 'failed',
    attributes: { 'token-endpoint': '/no-such-endpoint' },
    drive: (page) => inPage(page, `await el.start();`),
  },
  { name: 'compact', attributes: { layout: 'compact', muted: '', 'output-modalities': 'text' }, drive: conversation },
  {
    name: 'floating',
    attributes: { layout: 'floating', open: '', muted: '', 'output-modalities': 'text' },
    viewport: { width: 390, height: 720 },
    page: true,
    drive: conversation,
  },
  {
    name: 'dark',
    attributes: { theme: 'dark', muted: '', 'output-modalities': 'text' },
    dark: true,
    drive: conversation,
  },
  { name: 'japanese', attributes: { lang: 'ja', muted: '', 'output-modalities': 'text' }, drive: conversation },
  // The gallery: small pictures (one device pixel per CSS pixel), one per language.
  ...Object.entries(LANGUAGE_QUESTIONS).map(([lang, question]) => ({
    name: `languages/${lang.toLowerCase()}`,
    attributes: { lang, layout: 'floating', open: '', muted: '', 'output-modalities': 'text' },
    viewport: { width: 360, height: 600 },
    page: true,
    scale: 1,
    drive: async (page: Page) => {
      await start(page);
      await exchange(page, question);
    },
  })),
];

for (const shot of shots) {
  log(shot.name);
  const page = await browser.newPage({
    viewport: shot.viewport ?? { width: 520, height: 900 },
    deviceScaleFactor: shot.scale ?? 2,
    colorScheme: shot.dark ? 'dark' : 'light',
  });
  // Chromium's fake devices are called "Fake Audio Input 1": the pictures show the names a visitor's own devices have.
  await page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const list = devices.enumerateDevices.bind(devices);
    const names: Record<string, string[]> = {
      audioinput: ['Built-in Microphone', 'USB Headset Microphone'],
      audiooutput: ['Built-in Speakers', 'USB Headset'],
    };
    devices.enumerateDevices = async () => {
      const seen: Record<string, number> = {};
      return (await list()).map((d) => {
        const n = (seen[d.kind] = (seen[d.kind] ?? -1) + 1);
        const label = d.label ? (names[d.kind]?.[n] ?? d.label) : '';
        const shown = { deviceId: d.deviceId, groupId: d.groupId, kind: d.kind, label };
        return { ...shown, toJSON: () => shown };
      });
    };
  });
  await page.goto(url);
  await page.evaluate(
    ({ attributes, dark }) => {
      document.body.classList.toggle('dark', dark);
      const el = document.createElement('realtime-voice-chat');
      el.setAttribute('token-endpoint', '/token');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      document.body.append(el);
      return customElements
        .whenDefined('realtime-voice-chat')
        .then(() => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete);
    },
    { attributes: { 'base-url': standIn.baseUrl, ...shot.attributes }, dark: !!shot.dark },
  );
  await shot.drive?.(page);
  const path = join(OUT, `${shot.name}.png`);
  if (shot.page) await page.screenshot({ path });
  else await page.locator('realtime-voice-chat').screenshot({ path });
  await inPage(page, 'el.stop();');
  await page.close();
}

await browser.close();
server.close();
await standIn.close();
log(`wrote ${shots.length} pictures to ${OUT}`);
process.exit(0);
