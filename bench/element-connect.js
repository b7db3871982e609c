// The element's connect, shared by the benchmark pages (the split build's page and the classic-script page).
const base = document.body.dataset.baseUrl;
export const MIC_MS = Number(document.body.dataset.micMs);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A visitor's permission prompt takes time: every variant's getUserMedia waits the same MIC_MS.
const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) =>
  (await Promise.all([realGetUserMedia(constraints), sleep(MIC_MS)]))[0];

export const once = (target, type, predicate = () => true) =>
  new Promise((resolve) => {
    const listener = (event) => {
      if (!predicate(event)) return;
      target.removeEventListener(type, listener);
      resolve(event);
    };
    target.addEventListener(type, listener);
  });

export function chat(attributes = {}, sessionConfig) {
  const el = document.createElement('realtime-voice-chat');
  el.tokenEndpoint = '/token';
  el.baseUrl = base;
  Object.assign(el, attributes);
  if (sessionConfig) el.sessionConfig = sessionConfig;
  el.style.width = '40rem';
  document.body.append(el);
  return el;
}

// What `persist="tab"` keeps of an earlier page's conversation, `count` messages of it (as the store writes it).
function keep(count) {
  const time = new Date().toISOString();
  const items = Array.from({ length: count }, (_, n) => ({
    id: `kept_${n}`,
    role: n % 2 ? 'assistant' : 'user',
    text: `Earlier message ${n}: where the order is, and when the parcel will reach the coast.`,
    status: 'completed',
    time,
  }));
  sessionStorage.setItem('realtime-voice-chat:/token', JSON.stringify({ v: 1, savedAt: Date.now(), items }));
}

/**
 * Start pressed, stages from the element's own rvc-metrics; a response is requested as soon as it is live. With
 * `restored`, the page shows that many messages kept from an earlier page first, and Start carries them on.
 */
export async function connectOurs({ prefetch = false, callEndpoint, restored = 0 } = {}) {
  if (restored) keep(restored);
  const el = chat(
    callEndpoint
      ? { prefetch, callEndpoint, tokenEndpoint: undefined }
      : { prefetch, ...(restored && { persist: 'tab' }) },
  );
  await el.updateComplete;
  while (el.conversation.length < (restored && restored + 1)) await sleep(10);
  if (prefetch) {
    el.dispatchEvent(new PointerEvent('pointerenter'));
    await sleep(500); // the visitor hovers, then clicks
  }
  el.addEventListener('rvc-state', (e) => e.detail.state === 'live' && el.send({ type: 'response.create' }));
  const heard = once(el, 'rvc-metrics', (e) => e.detail.stages.firstAudio !== undefined);
  void el.start();
  const { stages } = (await heard).detail;
  el.stop();
  el.remove();
  return stages;
}

window.connectOurs = connectOurs;
