// Runs inside Chromium; scripts/bench.ts calls these functions and aggregates what they return (all times in ms).
import { loadCore } from '/dist/realtime-voice-chat.js';
import { chat, connectOurs, once } from '/bench/element-connect.js';

// The framework-free session is the chunk the element loads on intent.
const { VoiceSession } = await loadCore();

export { once };
const base = document.body.dataset.baseUrl;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

// Every peer the page creates, for getStats().
const peers = [];
const NativePeer = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeer {
  constructor(config) {
    super(config);
    peers.push(this);
  }
};

/** (a) The element: stages from its own rvc-metrics; a response is requested as soon as it is live. */
window.connectOurs = connectOurs;

/** A bare peer as the original demo built it: mic track, `oai-events`, remote audio played; the offer is set. */
async function rawPeer(stream) {
  const pc = new RTCPeerConnection();
  pc.addTrack(stream.getAudioTracks()[0], stream);
  const dc = pc.createDataChannel('oai-events');
  const audio = new Audio();
  audio.autoplay = true;
  // Resolves with the time the first remote audio arrives (the remote track unmutes).
  const unmuted = new Promise((resolve) => {
    pc.ontrack = (e) => {
      audio.srcObject = e.streams[0];
      e.track.onunmute = () => resolve(now());
    };
  });
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, dc, unmuted };
}

/** The original demo's order, written here as the reference: key, then microphone, then offer, then SDP. */
async function sequentialCall(t0, r) {
  const at = () => now() - t0;
  const { value } = await (await fetch('/token', { method: 'POST' })).json();
  r.token = at();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  r.microphone = at();
  const { pc, dc, unmuted } = await rawPeer(stream);
  const firstAudio = unmuted.then((t) => t - t0);
  r.offer = at();
  const response = await fetch(`${base}/realtime/calls`, {
    method: 'POST',
    body: pc.localDescription.sdp,
    headers: { 'content-type': 'application/sdp', authorization: `Bearer ${value}` },
  });
  const sdp = await response.text();
  r.answer = at();
  return { pc, dc, stream, sdp, firstAudio, at };
}

async function finishCall({ pc, dc, stream, sdp, firstAudio, at }, r) {
  const opened = once(dc, 'open');
  await pc.setRemoteDescription({ type: 'answer', sdp });
  await opened;
  r.channel = at();
  const updated = once(dc, 'message', (e) => JSON.parse(e.data).type === 'session.updated');
  dc.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } }));
  await updated;
  r.ready = at();
  dc.send(JSON.stringify({ type: 'response.create' }));
  r.firstAudio = await firstAudio;
  pc.close();
  stream.getTracks().forEach((t) => t.stop());
  return r;
}

/** (b) The sequential reference. */
window.connectSequential = async () => {
  const r = {};
  return finishCall(await sequentialCall(now(), r), r);
};

/** (c) The floor's parts, each timed alone on the same stand-in: floor = max(token, mic) + SDP + ICE/DTLS. */
window.floorParts = async () => {
  let t = now();
  const { value } = await (await fetch('/token', { method: 'POST' })).json();
  const token = now() - t;
  t = now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const microphone = now() - t;
  const { pc, dc, unmuted } = await rawPeer(stream);
  t = now();
  const response = await fetch(`${base}/realtime/calls`, {
    method: 'POST',
    body: pc.localDescription.sdp,
    headers: { 'content-type': 'application/sdp', authorization: `Bearer ${value}` },
  });
  const sdp = await response.text();
  const sdpMs = now() - t;
  t = now();
  const opened = once(dc, 'open');
  await pc.setRemoteDescription({ type: 'answer', sdp });
  await opened;
  const ice = now() - t;
  t = now();
  const updated = once(dc, 'message', (e) => JSON.parse(e.data).type === 'session.updated');
  dc.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } }));
  await updated;
  const session = now() - t;
  t = now();
  dc.send(JSON.stringify({ type: 'response.create' }));
  const reply = (await unmuted) - t;
  pc.close();
  stream.getTracks().forEach((track) => track.stop());
  return { token, microphone, sdp: sdpMs, ice, session, reply };
};

/** Frames, long tasks and renders while `work` runs. */
async function observe(work, countRender) {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const frames = [];
  let running = true;
  const frame = (time) => {
    frames.push(time);
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const start = now();
  await work();
  running = false;
  const duration = now() - start;
  observer.disconnect();
  const gaps = frames.slice(1).map((f, i) => f - frames[i]);
  // A frame is dropped when the gap to the next is longer than 1.5 refresh intervals.
  const interval = gaps.slice().sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 16.7;
  const dropped = gaps.reduce((n, gap) => n + Math.max(0, Math.round(gap / interval) - 1), 0);
  return {
    duration,
    frames: frames.length,
    dropped,
    longTasks: longTasks.length,
    longestTask: Math.max(0, ...longTasks),
    renders: countRender(),
  };
}

const streamRequest = (plan) => ({
  type: 'response.create',
  response: { metadata: Object.fromEntries(Object.entries(plan).map(([k, v]) => [`stand_in_${k}`, String(v)])) },
});

let live;
/** Connects the element (text mode) or the naive baseline for the render benchmark. */
window.renderSetup = async (mode) => {
  if (mode === 'ours') {
    const el = chat({}, { output_modalities: ['text'] });
    let renders = 0;
    el.addController({ hostUpdated: () => renders++ });
    void el.start();
    await once(el, 'rvc-state', (e) => e.detail.state === 'live');
    live = {
      target: el,
      send: (event) => el.send(event),
      renders: () => renders,
      reset: () => (renders = 0),
      close: () => {
        el.stop();
        el.remove();
      },
    };
  } else {
    // The naive baseline: the same core session, re-rendering the whole transcript synchronously on every change.
    const session = new VoiceSession({
      token: { endpoint: '/token' },
      baseUrl: base,
      session: { extra: { output_modalities: ['text'] } },
    });
    // Same text styling and scroll box as the element's transcript, so only the rendering strategy differs.
    const box = document.createElement('div');
    box.style.cssText =
      'font-family: system-ui, sans-serif; max-height: 24rem; overflow-y: auto; white-space: pre-line; overflow-wrap: break-word; width: 40rem';
    document.body.append(box);
    let renders = 0;
    session.addEventListener('conversation', (e) => {
      renders++;
      box.replaceChildren(
        ...e.detail.items.map((item) => {
          const p = document.createElement('p');
          p.textContent = `${item.role}: ${item.text}`;
          return p;
        }),
      );
    });
    const ready = once(session, 'statechange', (e) => e.detail.state === 'live');
    void session.start();
    await ready;
    live = {
      target: session,
      send: (event) => session.send(event),
      renders: () => renders,
      reset: () => (renders = 0),
      close: () => {
        session.stop();
        box.remove();
      },
    };
  }
};

const responseDone = () =>
  once(
    live.target,
    live.target instanceof VoiceSession ? 'serverevent' : 'rvc-server-event',
    (e) => e.detail.event.type === 'response.done',
  );

/** Streams `plan.deltas` deltas through the connected UI; returns what the frames saw. */
window.renderStream = async (plan) => {
  live.reset();
  return observe(
    async () => {
      const done = responseDone();
      live.send(streamRequest(plan));
      await done;
      if (live.target.updateComplete) await live.target.updateComplete;
    },
    () => live.renders(),
  );
};

/** Short turns, back to back: the memory benchmark's simulated hour. */
window.turns = async (count, deltas = 30) => {
  for (let i = 0; i < count; i++) {
    const done = responseDone();
    live.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `Turn ${i}: what is next?` }] },
    });
    live.send(streamRequest({ deltas, rate: 5000 }));
    await done;
  }
  return {
    items: live.target.conversation?.length ?? null,
    logEntries: live.target.shadowRoot?.querySelector('[part="log"] summary')?.textContent ?? null,
  };
};

window.renderTeardown = () => live.close();

async function inbound(pc) {
  let found = { energy: 0, packets: 0, lastAt: 0 };
  (await pc.getStats()).forEach((r) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio')
      found = {
        energy: r.totalAudioEnergy ?? 0,
        packets: r.packetsReceived ?? 0,
        lastAt: r.lastPacketReceivedTimestamp ?? 0,
      };
  });
  return found;
}
const epoch = (t) => performance.timeOrigin + t;

/** Text sent → first reply audio heard (remote audio energy rising in getStats), per turn. */
window.turnLatency = async (count) => {
  const el = chat();
  void el.start();
  await once(el, 'rvc-state', (e) => e.detail.state === 'live');
  // The call's peer (the look at the device's addresses, made once live, has no transceivers).
  const pc = peers.findLast((p) => p.getTransceivers().length > 0);
  const results = [];
  for (let i = 0; i < count; i++) {
    const stopped = once(el, 'rvc-server-event', (e) => e.detail.event.type === 'output_audio_buffer.stopped');
    const before = await inbound(pc);
    const t0 = now();
    el.sendText(`Turn ${i}`);
    // Arrived: when the reply's nth packet was received (getStats' lastPacketReceivedTimestamp, epoch ms; the report
    // is cached ~50 ms, so the first one to show the reply may already hold a few of its packets: n says how many).
    // Heard: the first played-out energy after it (the link was quiet before).
    let arrived;
    let heard;
    while (heard === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const sample = await inbound(pc);
      if (arrived === undefined && sample.packets > before.packets)
        arrived = { at: sample.lastAt, n: sample.packets - before.packets };
      if (arrived !== undefined && sample.energy > before.energy + 1e-7) heard = epoch(now());
    }
    results.push({ sentAt: epoch(t0), arrived, heardAt: heard });
    await stopped;
    // The next turn starts only once nothing has arrived or played for half a second (the jitter buffer drained).
    for (let quiet = await inbound(pc), since = now(); now() - since < 500;) {
      await sleep(20);
      const sample = await inbound(pc);
      if (sample.packets !== quiet.packets || sample.energy - quiet.energy > 1e-4) since = now();
      quiet = sample;
    }
  }
  const callId = el.callId;
  el.stop();
  el.remove();
  return { results, callId };
};
