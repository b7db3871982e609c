// `npm run bench`: size, connect latency, streaming render cost, memory and per-turn overhead, measured in Debian's
// Chromium against the local stand-in (with set stage delays). Prints one table and writes it into bench/RESULTS.md
// and the README. BENCH_RUNS=n sets the runs per figure; BENCH_QUICK=1 shrinks the render load for a fast look;
// BENCH_PROFILE=1 logs a CPU profile summary of each render run (to find what a figure is made of); BENCH_NETWORKS=0
// leaves out the bad-network rows.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildBundles } from './build-bundle.js';
import { sizeOf } from './bundle-size.mjs';
import { ensureChromium } from './ensure-chromium.mjs';
import { createCallHandler } from '../src/server/call-handler.js';
import { createTokenHandler } from '../src/server/token-handler.js';
import { toNodeListener } from '../src/server/node-adapter.js';
import { median } from './bench-figures.js';
import { benchTable } from './bench-report.js';
import { transportRows } from './bench-transports.js';
import { networkRows } from './bench-network-rows.js';
import { floodWithoutDevTools } from './bench-flood.js';
import { limitRows } from './bench-limits.js';
import { startStandIn } from '../src/stand-in/server.js';
import { toWav } from '../src/stand-in/media/speech.js';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QUICK = process.env.BENCH_QUICK === '1';
const DELAYS = { clientSecrets: 100, calls: 150, reply: 300 };
const MIC_MS = 80;
const RENDER = QUICK
  ? { deltas: 1500, rate: 100, burst_rate: 200, burst_every_ms: 5000, burst_ms: 1000 }
  : { deltas: 10_000, rate: 100, burst_rate: 200, burst_every_ms: 10_000, burst_ms: 2000 };
const HOUR_TURNS = QUICK ? 120 : 360; // one turn every 10 s for an hour

const log = (line: string) => console.error(`[bench] ${line}`);

if (!ensureChromium()) process.exit(1);
buildBundles(ROOT, ['vite.config.ts', 'vite.standalone.config.ts', 'vite.classic.config.ts']);
const standalone = sizeOf(join(ROOT, 'dist/realtime-voice-chat.js'));
const classic = sizeOf(join(ROOT, 'dist/realtime-voice-chat.classic.js'));
const npmEntry = sizeOf(join(ROOT, 'dist/index.js'));
// Chunks the one-file build imports on demand (named in it), loaded only by visitors who use them.
const lazyChunks = [
  ...new Set(readFileSync(join(ROOT, 'dist/realtime-voice-chat.js'), 'utf8').match(/realtime-voice-chat-[\w-]+\.js/g)),
].map((file) => ({ name: file.slice('realtime-voice-chat-'.length, -3), ...sizeOf(join(ROOT, 'dist', file)) }));

// The UI languages: one chunk each, and a visitor loads only theirs.
const languageChunks = readdirSync(join(ROOT, 'dist'))
  .filter((file) => /^realtime-voice-chat-strings-[\w-]+\.js$/.test(file))
  .map((file) => ({
    name: file.slice('realtime-voice-chat-strings-'.length, -3),
    ...sizeOf(join(ROOT, 'dist', file)),
  }));

const standIn = await startStandIn({ delays: DELAYS });
const token = createTokenHandler({ allowOrigins: '*', apiKey: 'sk-bench-0000000000', baseUrl: standIn.baseUrl });
const relay = createCallHandler({ allowOrigins: '*', apiKey: 'sk-bench-0000000000', baseUrl: standIn.baseUrl });
// A page that runs on its own (the flood) posts its figures here.
let posted: (figures: unknown) => void = () => {};
const server = createServer(
  toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/result' && request.method === 'POST') {
      posted(await request.json());
      return new Response(null, { status: 204 });
    }
    if (pathname === '/token') return token(request);
    if (pathname === '/call') return relay(request);
    const file = normalize(join(ROOT, pathname));
    if (![join(ROOT, 'bench'), join(ROOT, 'dist')].some((dir) => file.startsWith(dir + '/')))
      return new Response('Not found', { status: 404 });
    const body = await readFile(file).catch(() => undefined);
    if (!body) return new Response('Not found', { status: 404 });
    const html = extname(file) === '.html';
    return new Response(
      html
        ? body.toString().replace('%BASE_URL%', standIn.baseUrl).replace('%MIC_MS%', String(MIC_MS))
        : new Uint8Array(body),
      {
        headers: { 'content-type': html ? 'text/html' : 'text/javascript' },
      },
    );
  }),
);
await new Promise<void>((done) => server.listen(0, '127.0.0.2', done));
const pageUrl = `http://127.0.0.2:${(server.address() as AddressInfo).port}/bench/page.html`;

// A silent microphone: Chromium's default fake device beeps every second, and the stand-in's voice-activity detector
// would take each beep for the visitor speaking over the reply.
const silence = join(ROOT, '.cache/bench-silence.wav');
mkdirSync(join(ROOT, '.cache'), { recursive: true });
writeFileSync(silence, toWav({ samples: new Int16Array(48_000 * 2), rate: 48_000 }));

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${silence}`,
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2, EXCLUDE localhost',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const flood = () =>
  floodWithoutDevTools(CHROMIUM, CHROMIUM_ARGS, pageUrl, new Promise((resolve) => (posted = resolve)));

async function freshPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(
    () => 'renderSetup' in window && 'flood' in window && customElements.get('realtime-voice-chat'),
  );
  return page;
}

type Stages = Record<string, number>;
const call = <T>(page: Page, fn: string, arg?: unknown): Promise<T> =>
  page
    .evaluate(([name, a]) => (window as never as Record<string, (x: unknown) => Promise<T>>)[name](a), [
      fn,
      arg,
    ] as const)
    .catch((e: unknown) => {
      throw new Error(`${fn} failed in the page: ${e instanceof Error ? e.message : String(e)}`);
    });

// --- connect latency -------------------------------------------------------------------------------------------
// A conversation kept from an earlier page (`persist`), as long as a replacement call carries (50 messages).
const RESTORED = 50;
const page = await freshPage();
await call(page, 'connectOurs'); // warm-up: caches, codecs, JIT
const ours: Stages[] = [];
const sequential: Stages[] = [];
const prefetch: Stages[] = [];
const unified: Stages[] = [];
const restored: Stages[] = [];
const floors: Stages[] = [];
for (let run = 0; run < RUNS; run++) {
  log(`connect run ${run + 1}/${RUNS}`);
  ours.push(await call<Stages>(page, 'connectOurs'));
  sequential.push(await call<Stages>(page, 'connectSequential'));
  prefetch.push(await call<Stages>(page, 'connectOurs', { prefetch: true }));
  unified.push(await call<Stages>(page, 'connectOurs', { callEndpoint: '/call' }));
  restored.push(await call<Stages>(page, 'connectOurs', { restored: RESTORED }));
  floors.push(await call<Stages>(page, 'floorParts'));
}
// Cold pages: the split build (the session code a chunk, loaded at Start) against the classic build (all inlined).
const cold: Record<'split' | 'classic', Stages[]> = { split: [], classic: [] };
for (let run = 0; run < RUNS; run++) {
  log(`cold page run ${run + 1}/${RUNS}`);
  for (const build of ['split', 'classic'] as const) {
    const fresh = await browser.newPage();
    await fresh.goto(pageUrl.replace('page.html', `cold-${build}.html`));
    await fresh.waitForFunction(() => 'connectOurs' in window && customElements.get('realtime-voice-chat'));
    cold[build].push(await call<Stages>(fresh, 'connectOurs'));
    await fresh.close();
  }
}
const floor = {
  channel: median(floors.map((f) => Math.max(f.token, f.microphone) + f.sdp + f.ice)),
  ready: median(floors.map((f) => Math.max(f.token, f.microphone) + f.sdp + f.ice + f.session)),
  firstAudio: median(floors.map((f) => Math.max(f.token, f.microphone) + f.sdp + f.ice + f.session + f.reply)),
};

// --- streaming render ------------------------------------------------------------------------------------------
async function renderBench(mode: 'ours' | 'naive') {
  log(`render: ${mode}, ${RENDER.deltas} deltas`);
  const p = await freshPage();
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Performance.enable');
  await call(p, 'renderSetup', mode);
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
  const before = await metrics();
  if (process.env.BENCH_PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const seen = await call<{
    duration: number;
    frames: number;
    dropped: number;
    longTasks: number;
    longestTask: number;
    renders: number;
  }>(p, 'renderStream', RENDER);
  const after = await metrics();
  const busy = after.TaskDuration - before.TaskDuration;
  log(
    `${mode}: ` +
      ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration']
        .map((k) => `${k} ${Math.round(after[k] - before[k])} ms`)
        .join(', '),
  );
  if (process.env.BENCH_PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    (profile.samples ?? []).forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([k, v]) => `${Math.round(v)} ms ${k}`)
        .join('\n'),
    );
  }
  let memory: { first: number; last: number; mid: number; items: unknown } | undefined;
  if (mode === 'ours') {
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    log(`memory: ${HOUR_TURNS} simulated turns`);
    await call(p, 'turns', HOUR_TURNS / 10);
    const first = await heap();
    await call(p, 'turns', (HOUR_TURNS * 4) / 10);
    const mid = await heap();
    const end = await call<{ items: unknown }>(p, 'turns', HOUR_TURNS / 2);
    memory = { first, mid, last: await heap(), items: end.items };
  }
  await call(p, 'renderTeardown');
  await p.close();
  return {
    ...seen,
    busyPerDelta: busy / RENDER.deltas,
    rendersPerFrame: seen.renders / Math.max(1, seen.frames),
    memory,
  };
}
const renderOurs = await renderBench('ours');
const renderNaive = await renderBench('naive');

// --- per-turn latency ------------------------------------------------------------------------------------------
log('per-turn latency');
type Turn = { sentAt: number; arrived: { at: number; n: number }; heardAt: number };
// A page of its own, in front: a background tab's timers are throttled.
const turnPage = await freshPage();
await turnPage.bringToFront();
const { results: turns, callId } = await call<{ results: Turn[]; callId: string }>(turnPage, 'turnLatency', RUNS);
const report = (await (await fetch(`${standIn.baseUrl}/stand-in/calls/${callId}`)).json()) as {
  replyTimes: { requestedAt: number; packetsAt: number[] }[];
};
const replies = report.replyTimes;
// Browser and stand-in share this machine's clock (epoch ms), so the turn splits into its legs. The transit of the
// packet the browser first reported (its nth) stands for the first packet's.
const legs = turns.map((t, i) => {
  const { requestedAt, packetsAt } = replies[i];
  const transit = t.arrived.at - packetsAt[t.arrived.n - 1];
  return {
    total: t.heardAt - t.sentAt,
    ours: requestedAt - t.sentAt + transit,
    server: packetsAt[0] - requestedAt,
    playout: t.heardAt - (packetsAt[0] + transit),
    transit,
  };
});
log(
  `turns (relative to sent: server got, first packet, its transit, heard): ${turns.map((t, i) => [replies[i].requestedAt - t.sentAt, replies[i].packetsAt[0] - t.sentAt, legs[i].transit, t.heardAt - t.sentAt].map(Math.round).join('/')).join('  ')} replies ${replies.length}`,
);
const leg = (key: keyof (typeof legs)[number]) => median(legs.map((l) => l[key]));

const transports = await transportRows(freshPage, call, flood, RUNS, log);

await browser.close();
server.close();
await standIn.close();

log('limits: token requests per second, controlled calls');
const limits = await limitRows(log);

// BENCH_NETWORKS=0 leaves out the bad-network rows (about 35 minutes of outages, losses and a simulated hour).
const networks =
  process.env.BENCH_NETWORKS === '0'
    ? [['Bad networks', 'not measured in this run (BENCH_NETWORKS=0)', '', '', '']]
    : networkRows(log);

const table = benchTable({
  standalone,
  classic,
  npmEntry,
  lazyChunks,
  ours,
  sequential,
  prefetch,
  restored,
  languages: languageChunks,
  unified,
  cold,
  floor,
  renderOurs,
  renderNaive,
  hourTurns: HOUR_TURNS,
  leg,
  transports: [...transports, ...limits, ...networks],
});
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${browser.version()}`;
const notes = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${RUNS} runs per connect figure, medians.`,
  `Stand-in delays: token ${DELAYS.clientSecrets} ms, SDP ${DELAYS.calls} ms, reply ${DELAYS.reply} ms; simulated microphone prompt ${MIC_MS} ms.`,
  `Render load: ${RENDER.deltas} transcript deltas at ${RENDER.rate}/s with ${RENDER.burst_rate}/s bursts (${RENDER.burst_ms} ms every ${RENDER.burst_every_ms} ms); naive = the same core session re-rendering the whole transcript on every change, into a scroll box with the same text styling.`,
  'Floor = max(token, microphone) + SDP exchange + ICE/DTLS (+ session.updated, + reply for the later stages), each part timed alone in the same run.',
  'Per turn, our overhead = (text sent → response.create at the server) + (first audio packet sent → received by the browser); the transit = when the browser received a packet (getStats(), `lastPacketReceivedTimestamp`) less when the stand-in sent it; the browser jitter buffer and playout are shown apart.',
];
const markdown = `${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
console.log(`\n${markdown}`);
await writeFile(join(ROOT, 'bench/RESULTS.md'), `# Benchmark results\n\n${markdown}`);
const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
if (marked.test(readme))
  await writeFile(
    join(ROOT, 'README.md'),
    readme.replace(marked, `<!-- bench:start -->\n${markdown}<!-- bench:end -->`),
  );
process.exit(0);
