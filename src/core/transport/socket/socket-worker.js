// The WebSocket of a call, in a worker of its own, so that audio never crosses the page's main thread: microphone
// frames come straight from the capture worklet and leave as `input_audio_buffer.append`; the voice in
// `response.output_audio.delta` goes straight to the playback worklet. Every other message reaches the page as it
// arrived. Plain JavaScript on purpose, like the worklets: a file beside the script, importing nothing.

// When the socket backs up past this (about 2 s of audio as base64), microphone audio is dropped, and counted.
const MAX_BUFFERED_BYTES = 128 * 1024;
// What each capture carries (the worklet posts 40 ms at a time).
const CAPTURE_MS = 40;
// Voice that arrives before the player is attached waits, up to this many deltas.
const MAX_WAITING = 256;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const AUDIO_DELTA = '"response.output_audio.delta"';
// Cut items remembered, so their voice still in flight is dropped (the newest few are enough).
const MAX_CUT = 16;

let socket;
/** Which socket of this worker's life the page hears from (a retry opens another). */
let serial = 0;
let playback;
let waiting = [];
// Nothing is sent until the page says the microphone is on (it says so before attaching the capture).
let enabled = false;
/** The player's epoch (a stop starts a new one) and the 24 kHz samples queued in it, with the item they belong to. */
let epoch = 0;
let queued = 0;
let item;
let cut = [];
let droppedMs = 0;
/** What the page hears of the path (Date.now() times): when anything last arrived, and when the send buffer last moved. */
let heardAt = 0;
let movedAt = 0;
let buffered = 0;
let reporting;
// How often the page hears how the path is doing (it judges a stall from it).
const LINK_EVERY_MS = 500;

// Events for the page travel in batches: one message per batch, not per event, so a burst (a flood, a fast transcript)
// costs the page's thread one task per batch. A batch leaves once the worker has nothing else to do, or at this size.
const BATCH_MAX = 32;
let batch = [];
let batchSerial = 0;
let flushing = false;

/** Sends the waiting events now: before anything else the page hears, so the order is kept. */
function flush() {
  flushing = false;
  if (!batch.length) return;
  const data = batch;
  batch = [];
  postMessage({ type: 'messages', serial: batchSerial, data });
}

function tell(message, transfer) {
  flush();
  postMessage({ ...message, serial }, transfer ?? []);
}

function pass(data) {
  if (batchSerial !== serial) flush();
  batchSerial = serial;
  batch.push(data);
  if (batch.length >= BATCH_MAX) return flush();
  if (!flushing) {
    flushing = true;
    setTimeout(flush);
  }
}

function open({ url, protocols }) {
  socket?.close(1000);
  const mine = (socket = new WebSocket(url, protocols));
  const n = ++serial;
  const live = () => socket === mine && serial === n;
  mine.binaryType = 'arraybuffer';
  heardAt = movedAt = Date.now();
  buffered = 0;
  clearInterval(reporting);
  reporting = setInterval(() => live() && report(mine), LINK_EVERY_MS);
  mine.onmessage = ({ data }) => {
    if (!live()) return;
    heardAt = Date.now();
    receive(data);
  };
  mine.onerror = () => live() && tell({ type: 'error' });
  mine.onclose = ({ code, reason }) => live() && tell({ type: 'close', code, reason });
}

/** How long nothing has arrived, and how long what we send has not moved (the path takes nothing), in ms. */
function report(mine) {
  const now = Date.now();
  const amount = mine.bufferedAmount;
  if (amount === 0 || amount < buffered) movedAt = now;
  buffered = amount;
  tell({ type: 'link', quietMs: now - heardAt, stuckMs: amount > 0 ? now - movedAt : 0 });
}

/** The voice goes to the player; anything else (an unreadable delta too) goes to the page, which judges it. */
function receive(data) {
  if (typeof data === 'string' && data.includes(AUDIO_DELTA)) {
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      // Not JSON: the page reports the message as invalid.
    }
    const { item_id: itemId, delta } = event ?? {};
    if (
      event?.type === 'response.output_audio.delta' &&
      typeof itemId === 'string' &&
      typeof delta === 'string' &&
      delta.length % 4 === 0 &&
      BASE64.test(delta)
    ) {
      if (cut.includes(itemId)) return;
      if (playback) play(itemId, delta);
      else if (waiting.length < MAX_WAITING) waiting.push([itemId, delta]);
      return;
    }
  }
  if (data instanceof ArrayBuffer) tell({ type: 'message', data }, [data]);
  else pass(data);
}

/** Queues a delta; the page hears where each item's voice starts, which is all it needs to truncate a cut reply. */
function play(itemId, base64) {
  const samples = ((base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)) >> 1;
  if (itemId !== item) tell({ type: 'span', epoch, itemId, start: queued });
  item = itemId;
  queued += samples;
  playback.postMessage({ epoch, base64 });
}

function captured(base64) {
  if (!enabled || socket?.readyState !== WebSocket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return tell({ type: 'dropped', ms: (droppedMs += CAPTURE_MS) });
  // Built by hand: base64 needs no escaping, and this runs 25 times a second.
  socket.send(`{"type":"input_audio_buffer.append","audio":"${base64}"}`);
}

onmessage = ({ data }) => {
  switch (data.type) {
    case 'open':
      return open(data);
    case 'send':
      return socket?.readyState === WebSocket.OPEN && socket.send(data.text);
    case 'audio':
      data.capture.onmessage = (message) => captured(message.data);
      playback = data.playback;
      for (const [itemId, delta] of waiting) play(itemId, delta);
      waiting = [];
      return;
    case 'enabled':
      enabled = data.enabled;
      return;
    case 'cleared':
      cut = [...cut, ...data.cut, ...(item ? [item] : [])].slice(-MAX_CUT);
      waiting = waiting.filter(([itemId]) => !cut.includes(itemId));
      epoch = data.epoch;
      queued = 0;
      item = undefined;
      // Said here too, so the player hears it before this epoch's first audio (the page's own word may come later).
      playback?.postMessage({ epoch, clear: true });
      return;
    case 'close': {
      clearInterval(reporting);
      const last = socket;
      socket = undefined;
      // The page ends this worker once the socket closed cleanly (ending it first would cut the closing handshake).
      if (!last || last.readyState === WebSocket.CLOSED) return postMessage({ type: 'closed' });
      last.onclose = () => postMessage({ type: 'closed' });
      return last.close(1000);
    }
  }
};

postMessage({ type: 'ready' });
