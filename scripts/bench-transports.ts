// The WebSocket transport against WebRTC on the same stand-in, in the same run, and the hostile flood: rows for
// scripts/bench.ts. The page side is bench/transports.js.
import type { Page } from 'playwright-core';
import { ICE_WAIT_MS } from '../src/core/transport/transport-choice.js';
import { median, ms } from './bench-figures.js';
import type { FloodFigures } from './bench-flood.js';

// The hostile flood's runs (the goal: no task over 50 ms in every one).
const FLOOD_RUNS = 5;

type Call = <T>(page: Page, fn: string, arg?: unknown) => Promise<T>;
type Ready = { ready: number; kind: string; reason: string };

// Main-thread busy time of the page (CDP's TaskDuration, in ms).
const busy = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
};

export async function transportRows(
  freshPage: () => Promise<Page>,
  call: Call,
  flood: () => Promise<FloodFigures>,
  runs: number,
  log: (line: string) => void,
): Promise<string[][]> {
  const page = await freshPage();
  await page.bringToFront();

  log('transports: text turns, WebSocket against WebRTC');
  const turns = runs + 2;
  const rtcTurns = await call<number[]>(page, 'textTurns', { transport: 'webrtc', count: turns });
  const wsTurns = await call<number[]>(page, 'textTurns', { transport: 'websocket', count: turns });

  log('transports: Start → live with ICE blocked (fallback) against WebRTC with UDP open');
  const open: Ready[] = [];
  const blocked: Ready[] = [];
  for (let run = 0; run < runs; run++) {
    open.push(await call<Ready>(page, 'startToLive', { transport: 'auto' }));
    blocked.push(await call<Ready>(page, 'startToLive', { transport: 'auto', fault: 'ice-never' }));
  }
  if (blocked.some((r) => r.kind !== 'websocket') || open.some((r) => r.kind !== 'webrtc'))
    throw new Error('a fallback run did not end where it should');

  // Twice: the panel open (transcript and meters drawn), and closed (`layout="floating"`: audio in and out only).
  log('transports: main-thread time of a live call, 20 s each');
  const share: Record<string, number> = {};
  for (const layout of ['full', 'floating'])
    for (const transport of ['websocket', 'webrtc']) {
      const taskMs = await busy(page);
      await call(page, 'openLive', { transport, layout });
      const before = await taskMs();
      const t0 = performance.now();
      await call(page, 'talk', 20_000);
      share[`${transport} ${layout}`] = ((await taskMs()) - before) / (performance.now() - t0);
      await call(page, 'closeLive');
    }
  // A quiet call: live with the microphone on, nobody speaking (the panel open, its meters and visualizer running).
  log('transports: main-thread time of a live quiet call, 20 s each');
  for (const transport of ['websocket', 'webrtc']) {
    const taskMs = await busy(page);
    await call(page, 'openLive', { transport, layout: 'full' });
    const before = await taskMs();
    const t0 = performance.now();
    await new Promise((done) => setTimeout(done, 20_000));
    share[`${transport} quiet`] = ((await taskMs()) - before) / (performance.now() - t0);
    await call(page, 'closeLive');
  }
  const percent = (key: string) => `${(share[key] * 100).toFixed(2)} %`;

  await page.close();
  // Five floods: whether a task passes 50 ms depends on the machine's load, so one clean run proves little.
  const floods: FloodFigures[] = [];
  for (let n = 0; n < FLOOD_RUNS; n++) {
    log(
      `hostile flood over the WebSocket: 20,000 items, 100,000 deltas (a Chromium with no DevTools client), run ${n + 1}`,
    );
    const run = await flood();
    for (const frame of run.worst) log(`  long frame ${frame}`);
    floods.push(run);
  }
  const floodRun = floods.reduce((a, b) => (b.longest > a.longest ? b : a));
  const heap = median(floods.map((f) => f.heap));
  const clean = floods.filter((f) => f.longTasks === 0).length;

  const wait = ICE_WAIT_MS;
  const rtcLive = median(open.map((r) => r.ready));
  const fallback = median(blocked.map((r) => r.ready));
  return [
    [
      'Text sent → first audio heard, WebSocket (element’s turn clock)',
      ms(median(wsTurns)),
      `WebRTC ${ms(median(rtcTurns))}`,
      (median(wsTurns) / median(rtcTurns)).toFixed(2),
      '≤ 1.25',
    ],
    [
      `Start → live with UDP blocked (\`auto\` falls back after the ${wait / 1000} s ICE wait)`,
      ms(fallback),
      `WebRTC, UDP open ${ms(rtcLive)}`,
      `${((fallback - wait) / rtcLive).toFixed(2)} + ICE wait`,
      '≤ 1.5 + ICE wait',
    ],
    [
      'Main-thread time of a live call, panel closed (microphone in, voice out, no transcript drawn)',
      `WebSocket ${percent('websocket floating')} of a core`,
      `WebRTC ${percent('webrtc floating')}`,
      '',
      '< 2 %',
    ],
    [
      'Main-thread time of a live call, panel open (the same, with transcript and meters)',
      `WebSocket ${percent('websocket full')} of a core`,
      `WebRTC ${percent('webrtc full')}`,
      '',
      '',
    ],
    [
      'Main-thread time of a live quiet call (microphone on, nobody speaking, panel open)',
      `WebRTC ${percent('webrtc quiet')} of a core`,
      `WebSocket ${percent('websocket quiet')}`,
      '',
      '< 2 %',
    ],
    [
      `Hostile flood over the WebSocket (20,000 items, 100,000 deltas; a Chromium with no DevTools client), ${FLOOD_RUNS} runs: runs with no task over 50 ms, long tasks per run / longest, heap after`,
      `${clean} of ${FLOOD_RUNS} · ${floods.map((f) => f.longTasks).join(', ')} / ${ms(floodRun.longest)} · ${(heap / 1048576).toFixed(1)} MB`,
      `${floodRun.items} items kept, ${floodRun.shown} shown, ${(median(floods.map((f) => f.ms)) / 1000).toFixed(1)} s`,
      '',
      `${FLOOD_RUNS} of ${FLOOD_RUNS}, heap bounded`,
    ],
  ];
}
