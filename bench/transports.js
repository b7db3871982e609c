// Runs inside Chromium beside bench/page.js: the WebSocket transport against WebRTC on the same stand-in, and the
// hostile flood. scripts/bench-transports.ts calls these and builds the rows (all times in ms).
import { once } from '/bench/page.js';

const base = document.body.dataset.baseUrl;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A muted element on `transport`, through a faulty stand-in when `fault` is named. */
function element({ transport = 'auto', fault, muted = true, layout } = {}) {
  const el = document.createElement('realtime-voice-chat');
  if (layout) el.layout = layout;
  el.tokenEndpoint = '/token';
  el.baseUrl = fault ? base.replace(/\/v1$/, `/fault/${fault}/v1`) : base;
  el.transport = transport;
  el.muted = muted;
  el.style.width = '40rem';
  document.body.append(el);
  return el;
}

let current;

/** Start → live (`stages.ready`) and the transport that carried the call. */
window.startToLive = async (options) => {
  const el = element(options);
  const ready = once(el, 'rvc-metrics', (e) => e.detail.stages.ready !== undefined);
  void el.start();
  const { stages, transport } = (await ready).detail;
  el.stop();
  el.remove();
  return { ready: stages.ready, kind: transport.kind, reason: transport.reason };
};

/** Text sent → first audio heard, by the element's own per-turn clock (the reply audible in the page), per turn. */
window.textTurns = async ({ transport, count }) => {
  const el = element({ transport });
  void el.start();
  await once(el, 'rvc-state', (e) => e.detail.state === 'live');
  const results = [];
  for (let i = 0; i < count; i++) {
    const turn = once(el, 'rvc-metrics', (e) => e.detail.turn?.trigger === 'text');
    const quiet = once(el, 'rvc-activity', (e) => e.detail.previous === 'assistant-speaking');
    el.sendText(`Turn ${i}`);
    results.push((await turn).detail.turn.ms);
    await quiet;
    await sleep(300);
  }
  el.stop();
  el.remove();
  return results;
};

/** A live call with the microphone on, left running for the main-thread measurement (`talk` asks for replies). */
window.openLive = async ({ transport, layout }) => {
  current = element({ transport, layout, muted: false });
  void current.start();
  await once(current, 'rvc-state', (e) => e.detail.state === 'live');
  return current.transport;
};

/**
 * Keeps the live call talking for `ms`: a typed question whenever the model has finished a reply (voice both ways).
 * Driven by the element's own activity events, so the harness adds no timer of its own to the page's main thread.
 */
window.talk = (ms) =>
  new Promise((resolve) => {
    const ask = () => current.sendText('Tell me more.');
    const onActivity = (e) => e.detail.previous === 'assistant-speaking' && ask();
    current.addEventListener('rvc-activity', onActivity);
    ask();
    setTimeout(() => {
      current.removeEventListener('rvc-activity', onActivity);
      resolve();
    }, ms);
  });

window.closeLive = () => {
  current?.stop();
  current?.remove();
};

/**
 * The stand-in's hostile-flood over `transport`: 20,000 items and 100,000 deltas; long tasks while they arrive (from
 * the first flood event on: setting the call up is not the flood, and has its own figures).
 */
window.flood = async ({ transport }) => {
  const longTasks = [];
  let floodFrom = Infinity;
  const observer = new PerformanceObserver((list) =>
    longTasks.push(
      ...list
        .getEntries()
        .filter((e) => e.startTime + e.duration > floodFrom)
        .map((e) => e.duration),
    ),
  );
  observer.observe({ type: 'longtask' });
  // What the longest frames spent their time on (Chromium's long-animation-frame entries name the scripts).
  const frames = [];
  const frameObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.startTime + e.duration <= floodFrom || e.duration <= 50) continue;
      const layout = e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
      const scripts = e.scripts.map((s) => `${s.invoker || s.invokerType} ${Math.round(s.duration)} ms`).join(', ');
      frames.push({
        ms: e.duration,
        what: `${Math.round(e.duration)} ms: ${scripts || 'no script'}; style+layout ${Math.round(layout)} ms`,
      });
    }
  });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))
    frameObserver.observe({ type: 'long-animation-frame' });
  const el = element({ transport, fault: 'hostile-flood' });
  const first = once(el, 'rvc-server-event', (e) => e.detail.event.item?.id === 'item_flood0');
  const done = once(el, 'rvc-server-event', (e) => e.detail.event.type === 'stand_in.flood_done');
  void el.start();
  await first;
  floodFrom = performance.now();
  const t0 = floodFrom;
  await done;
  // The last events are still being folded in and rendered: two frames.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const ms = performance.now() - t0;
  observer.disconnect();
  frameObserver.disconnect();
  const items = el.conversation.length;
  const shown = el.shadowRoot.querySelectorAll('[part~="item"]').length;
  current = el;
  const worst = frames
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((f) => f.what);
  return { ms, items, shown, longTasks: longTasks.length, longest: Math.max(0, ...longTasks), worst };
};

// `?flood`: the bench opened this page in a Chromium with no DevTools client (scripts/bench-flood.ts); the page runs the
// flood on its own and posts its figures, the heap read after a full collection with the flooded call still open.
if (new URLSearchParams(location.search).has('flood')) {
  await customElements.whenDefined('realtime-voice-chat');
  const figures = await window.flood({ transport: 'websocket' });
  globalThis.gc?.();
  figures.heap = performance.memory?.usedJSHeapSize ?? NaN;
  window.closeLive();
  await fetch('/result', { method: 'POST', body: JSON.stringify(figures) });
}
