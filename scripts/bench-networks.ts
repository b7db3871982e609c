// The bad-network rows of `npm run bench`, run by scripts/bench.ts inside the test's own network namespace
// (scripts/test-namespace.sh), where nftables may cut the path between Chromium and the stand-in. Prints the rows as
// JSON on its last line. The page side is bench/networks.js.
import type { CDPSession } from 'playwright-core';
import { impair } from '../test/support/impairment.js';
import { standInHost } from '../test/support/test-namespace.js';
import { openNetworkPage } from '../test/support/network-page.js';
import { GATEWAY, RoamingNamespace } from '../test/support/roaming-namespace.js';
import { roamMidCall } from '../test/support/roaming-visit.js';
import { kb, median, ms, ratio } from './bench-figures.js';

const RUNS = Math.min(5, Number(process.env.BENCH_RUNS ?? 5));
const QUICK = process.env.BENCH_QUICK === '1';
// The simulated hour: a turn every 30 s (each a short question and its spoken answer), the cap struck once.
const HOUR_TURNS = QUICK ? 24 : 120;
const log = (line: string) => console.error(`[bench networks] ${line}`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const { host, insideTestNamespace } = standInHost();
if (!insideTestNamespace) throw new Error('run through scripts/test-namespace.sh: the path is cut with nftables');
// The page on loopback (a secure context, never impaired); the stand-in on the namespace's address.
const { page, run, close } = await openNetworkPage({ host });
page.on('console', (message) => log(`page: ${message.text()}`));

/** One outage mid-reply: how long after the path returned (or, for a reset, after it struck) the call was live. */
async function outage(transport: string, downMs: number, fault?: string): Promise<number> {
  await run('startCall', { transport, fault });
  await run('askLong');
  await sleep(1000);
  let up: number;
  if (fault) up = await run<number>('reached', { state: 'reconnecting', after: 0 });
  else {
    impair({ kind: 'blackout' });
    await sleep(downMs);
    up = await run<number>('now');
    impair({ kind: 'clear' });
  }
  const live = await run<number>('reached', { state: 'live', after: up });
  await run('replyOver');
  await run('stopCall');
  return live - up;
}

const cases = [
  { name: 'WebRTC, down 12 s mid-reply (the same call)', transport: 'webrtc', downMs: 12_000 },
  { name: 'WebRTC, down 40 s (a replacement call)', transport: 'webrtc', downMs: 40_000 },
  { name: 'WebSocket, stalled 10 s mid-reply (TCP resends)', transport: 'websocket', downMs: 10_000 },
  { name: 'WebSocket, reset mid-reply (a replacement call)', transport: 'websocket', downMs: 0, reset: true },
];
const rows: string[][] = [];
for (const c of cases) {
  const times: number[] = [];
  for (let n = 0; n < (QUICK ? 1 : RUNS); n++) {
    log(`${c.name}: run ${n + 1}`);
    const fault = c.reset ? `reset-once~bench${n}` : undefined;
    times.push(await outage(c.transport, c.downMs, fault));
  }
  rows.push([
    `Live again after the network returns: ${c.name}`,
    ms(median(times)),
    `runs ${times.map(Math.round).join(', ')} ms`,
    '',
    '< 2 s',
  ]);
}

// Reply audio under 15 % loss, against the same reply on a clean path.
async function replyEnergy(lossPercent: number): Promise<number> {
  await run('startCall', { transport: 'webrtc' });
  if (lossPercent) impair({ kind: 'loss', percent: lossPercent });
  await run('askLong');
  await run('replyOver');
  const energy = await run<number>('audioEnergy');
  impair({ kind: 'clear' });
  await run('stopCall');
  return energy;
}
const clean: number[] = [];
const lossy: number[] = [];
for (let n = 0; n < (QUICK ? 1 : 3); n++) {
  log(`reply audio, clean and 15 % loss: run ${n + 1}`);
  clean.push(await replyEnergy(0));
  lossy.push(await replyEnergy(15));
}
rows.push([
  'Reply audio received under 15 % packet loss (WebRTC; energy, against a clean path)',
  median(lossy).toFixed(2),
  median(clean).toFixed(2),
  ratio(median(lossy), median(clean)),
  'most of it heard',
]);

// The simulated hour on a train's path (`train-hour`: the cap strikes once): heap, DOM nodes and listeners.
const cdp: CDPSession = await page.context().newCDPSession(page);
const counters = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, nodes, listeners: jsEventListeners };
};
const HOUR_TITLE = `A simulated hour on a train (${HOUR_TURNS} turns, 5 % loss, 150 ± 50 ms, 256 kbit/s, the cap once)`;
/** The hour's row; when the call stops answering, the row says so (with what the page saw) instead of waiting on. */
async function simulatedHour(): Promise<string[]> {
  log(`a simulated hour: ${HOUR_TURNS} turns on the train path`);
  await run('startCall', { transport: 'webrtc', fault: 'train-hour~bench' });
  const marks = [Math.round(HOUR_TURNS / 10), Math.round(HOUR_TURNS / 2), HOUR_TURNS];
  type Turns = { whole: number; missed: string[]; dividers: number };
  const stretch = async (count: number, at: number) => {
    const done = await run<Turns>('turns', count);
    for (const miss of done.missed) log(`  missed ${miss}`);
    const measured = await counters();
    log(`  ${at} turns: ${done.whole}/${count} whole, heap ${kb(measured.heap)}, ${measured.nodes} nodes`);
    return { done, measured };
  };
  const { done: early, measured: first } = await stretch(marks[0], marks[0]);
  const { done: middle, measured: mid } = await stretch(marks[1] - marks[0], marks[1]);
  const { done: end, measured: last } = await stretch(marks[2] - marks[1], marks[2]);
  const left = await run<number>('stopCall');
  const whole = early.whole + middle.whole + end.whole;
  const missed = early.missed.length + middle.missed.length + end.missed.length;
  // The transcript grows by design (every message stays on screen): growth is told per turn, between the marks.
  const perTurn = (key: 'heap' | 'nodes' | 'listeners') => (last[key] - first[key]) / (marks[2] - marks[0]);
  return [
    `${HOUR_TITLE}: heap after ${marks.join(' / ')} turns`,
    [first, mid, last].map((c) => kb(c.heap)).join(' / '),
    `DOM nodes ${first.nodes} / ${mid.nodes} / ${last.nodes} · listeners ${first.listeners} / ${mid.listeners} / ${last.listeners}`,
    `${((last.heap - first.heap) / 1024).toFixed(0)} KB per hour`,
    `per turn ${(perTurn('heap') / 1024).toFixed(1)} KB, ${perTurn('nodes').toFixed(0)} nodes, ${perTurn('listeners').toFixed(1)} listeners; ${whole}/${HOUR_TURNS} replies whole, ${missed} missed, ${end.dividers} divider, ${left} peers left`,
  ];
}
rows.push(
  await simulatedHour().catch(async (e: unknown) => {
    await run('stopCall').catch(() => undefined);
    return [HOUR_TITLE, 'not measured', e instanceof Error ? e.message.split('\n')[0] : String(e), '', ''];
  }),
);

await close();

// The device's address changes (Wi-Fi to mobile data): Chromium again, in a network namespace of its own.
const roaming = await RoamingNamespace.create('10.78.0.2');
const roamer = await openNetworkPage({ host: GATEWAY, pageHost: GATEWAY, executablePath: roaming.browserWrapper() });
let address = 2;
for (const transport of ['webrtc', 'websocket']) {
  const times: number[] = [];
  for (let n = 0; n < (QUICK ? 1 : RUNS); n++) {
    log(`address change, ${transport}: run ${n + 1}`);
    times.push((await roamMidCall(roamer, roaming, transport, `10.78.0.${++address}`)).liveMs);
  }
  rows.push([
    `Live again after the network returns: the address changes, ${transport === 'webrtc' ? 'WebRTC' : 'WebSocket (asked at once)'}`,
    ms(median(times)),
    `runs ${times.map(Math.round).join(', ')} ms`,
    '',
    '< 2 s',
  ]);
}
await roamer.close();
roaming.close();
console.log(JSON.stringify(rows));
process.exit(0);
