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

/** Start pressed, stages from the element's own rvc-metrics; a response is requested as soon as it is live. */
export async function connectOurs({ prefetch = false, callEndpoint } = {}) {
  const el = chat(callEndpoint ? { prefetch, callEndpoint, tokenEndpoint: undefined } : { prefetch });
  await el.updateComplete;
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
