// Runs inside Chromium for scripts/bench-networks.ts: one call at a time on a path the script impairs, its states
// timed by the page's clock (all times in ms, performance.now()).
const base = document.body.dataset.baseUrl;
const QUESTION = 'Tell me about the trains between the coast and the mountains, stop by stop. '.repeat(3).trim();

// Every peer the page creates, for the received audio's energy.
const peers = [];
const NativePeer = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeer {
  constructor(config) {
    super(config);
    peers.push(this);
  }
};

const once = (target, type, predicate = () => true) =>
  new Promise((resolve) => {
    const listener = (event) => {
      if (!predicate(event)) return;
      target.removeEventListener(type, listener);
      resolve(event);
    };
    target.addEventListener(type, listener);
  });
const replyOver = (el, ignore = new Set()) =>
  once(el, 'rvc-transcript', ({ detail: { item } }) => {
    return item.role === 'assistant' && item.status !== 'in_progress' && !ignore.has(item.id);
  }).then((e) => e.detail.item);

let el;
let states = [];
let errors = [];
let reply;

window.now = () => performance.now();

/** A muted call on `transport` (through a shaped path when `fault` names one); resolves once it is live. */
window.startCall = async ({ transport, fault }) => {
  el = document.createElement('realtime-voice-chat');
  el.tokenEndpoint = '/token';
  el.baseUrl = fault ? base.replace(/\/v1$/, `/fault/${fault}/v1`) : base;
  el.transport = transport;
  el.muted = true;
  document.body.append(el);
  states = [];
  errors = [];
  el.addEventListener('rvc-state', (e) => states.push({ state: e.detail.state, at: performance.now() }));
  el.addEventListener('rvc-error', (e) => errors.push(`${e.detail.code}: ${e.detail.detail}`));
  void el.start();
  await once(el, 'rvc-state', (e) => e.detail.state === 'live');
};

/** Asks a question with a long answer; resolves once its first words arrive. */
window.askLong = async () => {
  const begun = once(el, 'rvc-transcript', (e) => e.detail.item.role === 'assistant' && e.detail.item.text);
  reply = replyOver(el);
  el.sendText(QUESTION);
  await begun;
};

/** The long answer, once it is over: its status and length. */
window.replyOver = async () => {
  const item = await reply;
  return { status: item.status, chars: item.text.length };
};

/** When the call was first `state` at or after `after` (waits for it). */
window.reached = async ({ state, after }) => {
  for (;;) {
    const seen = states.find((s) => s.state === state && s.at >= after);
    if (seen) return seen.at;
    await once(el, 'rvc-state');
  }
};

/** The conversation as the visitor sees it (dividers where a replacement call took over), and the errors told. */
window.seen = () => ({ items: el.conversation.map(({ role, text, status }) => ({ role, text, status })), errors });

/** The energy of all audio received so far (WebRTC's inbound-rtp totalAudioEnergy). */
window.audioEnergy = async () => {
  let energy = 0;
  for (const pc of peers)
    if (pc.connectionState !== 'closed')
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') energy += r.totalAudioEnergy ?? 0;
      });
  return energy;
};

// A turn with no reply by then is counted as missed (and told), so one lost turn cannot stall the hour.
const TURN_WAIT_MS = 60_000;
const within = (promise, ms) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(undefined), ms))]);

/** `count` short turns, one after another; how many replies were whole, and what went wrong with the others. */
window.turns = async (count) => {
  let whole = 0;
  const missed = [];
  const over = new Set();
  for (let n = 0; n < count; n++) {
    if (el.state !== 'live')
      await within(
        once(el, 'rvc-state', (e) => e.detail.state === 'live'),
        TURN_WAIT_MS,
      );
    const next = replyOver(el, new Set(over));
    el.sendText(`Turn ${n}: how far to the next stop?`);
    const item = await within(next, TURN_WAIT_MS);
    if (!item) {
      missed.push(
        `turn ${n}: no reply in ${TURN_WAIT_MS / 1000} s (state ${el.state}; ${errors.slice(-2).join('; ')})`,
      );
      continue;
    }
    over.add(item.id);
    if (item.status === 'completed') whole++;
  }
  return { whole, missed, dividers: el.conversation.filter((item) => item.role === 'divider').length };
};

window.stopCall = async () => {
  el.stop();
  el.remove();
  el = undefined;
  await new Promise((resolve) => setTimeout(resolve, 500));
  return peers.filter((pc) => pc.connectionState !== 'closed').length;
};
