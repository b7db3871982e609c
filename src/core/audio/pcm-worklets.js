// Audio worklets of the WebSocket transport, loaded with audioWorklet.addModule() from a file beside the script
// (same origin: no blob: or data: URL, so a strict Content-Security-Policy allows it). Plain JavaScript on purpose:
// it runs in the audio thread's own scope and imports nothing. The service speaks PCM16 mono at 24 kHz; the audio
// context runs at the device's rate, so both processors resample (a lowpass before and after keeps it clean).
// The base64 of the events is done here too, off the page's main thread (a worklet scope has no btoa/atob).

const RATE = 24000;
// The capture side posts this much audio at a time (40 ms): few events and little delay.
const CAPTURE_FRAME = 960;
// Playback starts once this much is buffered (60 ms), or after waiting this many quanta with less.
const PREBUFFER = 1440;
const PREBUFFER_WAIT_QUANTA = 30;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Base64 of 16-bit PCM (little-endian, as typed arrays are on every browser's platform). */
function encode(pcm) {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=') + '=';
  }
  return out;
}

/** 16-bit PCM from base64; undefined for text that is not base64 (the page checked it, this is the last line). */
function decode(text) {
  const length = text.length - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  const bytes = new Uint8Array((length * 3) >> 2);
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < length; i++) {
    const value = VALUES[text.charCodeAt(i)] ?? -1;
    if (value < 0) return undefined;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) bytes[at++] = (bits >> (count -= 8)) & 255;
  }
  return new Int16Array(bytes.buffer, 0, bytes.length >> 1);
}

/** Microphone → 24 kHz PCM16, posted to the page as base64 every 40 ms. */
class Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / RATE;
    this.position = 0;
    this.previous = 0;
    this.frame = new Int16Array(CAPTURE_FRAME);
    this.filled = 0;
    // Frames go to the page, or to the worker that owns the socket once the page hands over a port to it.
    this.out = this.port;
    this.port.onmessage = ({ data }) => {
      if (data.port) this.out = data.port;
    };
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    // `position` runs in input samples relative to this quantum; -1 is the last sample of the previous one.
    while (this.position < input.length - 1) {
      const at = Math.floor(this.position);
      const a = at < 0 ? this.previous : input[at];
      const b = input[at + 1];
      const value = a + (b - a) * (this.position - at);
      this.frame[this.filled++] = Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
      if (this.filled === CAPTURE_FRAME) {
        this.out.postMessage(encode(this.frame));
        this.filled = 0;
      }
      this.position += this.step;
    }
    this.position -= input.length;
    this.previous = input[input.length - 1];
    return true;
  }
}

/**
 * The model's voice: 24 kHz PCM16 chunks in (base64), a jitter buffer, the device rate out. Tells the page when it
 * starts and when it ran dry, with how far it played (24 kHz samples since the last clear) and its clock: in between,
 * the page reckons the position from the clock (reports at every quantum would cost the page's main thread).
 */
class Playback extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = RATE / sampleRate;
    this.reset();
    this.waited = 0;
    this.epoch = 0;
    // `{epoch, base64}` queues audio; `{epoch, clear}` drops what is queued and starts counting `played` again (once
    // per epoch: the page and the worker that owns the socket both say it). `{port}`: that worker's own port.
    const receive = ({ data }) => {
      if (data.port) data.port.onmessage = receive;
      else if (data.clear) {
        if (data.epoch !== this.epoch) {
          this.epoch = data.epoch;
          this.reset();
        }
      } else if (data.epoch === this.epoch) {
        const chunk = decode(data.base64);
        if (chunk?.length) {
          this.queue.push(chunk);
          this.buffered += chunk.length;
        }
      }
    };
    this.port.onmessage = receive;
  }

  /** Nothing queued, nothing played: a new start, or a clear. */
  reset() {
    this.queue = [];
    this.offset = 0;
    this.phase = 0;
    this.buffered = 0;
    this.played = 0;
    this.playing = false;
  }

  /** The sample `ahead` places after the read position (0 when the buffer has none). */
  peek(ahead) {
    let index = this.offset + ahead;
    for (const chunk of this.queue) {
      if (index < chunk.length) return chunk[index];
      index -= chunk.length;
    }
    return 0;
  }

  process(_inputs, outputs) {
    const output = outputs[0];
    const out = output[0];
    if (!this.playing && this.buffered > 0 && (this.buffered >= PREBUFFER || ++this.waited >= PREBUFFER_WAIT_QUANTA)) {
      this.playing = true;
      this.waited = 0;
      this.port.postMessage({ epoch: this.epoch, played: this.played, time: currentTime, started: true });
    }
    let i = 0;
    if (this.playing) {
      for (; i < out.length && this.buffered > 0; i++) {
        const a = this.queue[0][this.offset];
        const b = this.buffered > 1 ? this.peek(1) : a;
        out[i] = (a + (b - a) * this.phase) / 32768;
        this.phase += this.step;
        while (this.phase >= 1 && this.buffered > 0) {
          this.phase -= 1;
          this.played++;
          this.buffered--;
          if (++this.offset === this.queue[0].length) {
            this.queue.shift();
            this.offset = 0;
          }
        }
      }
      if (this.buffered === 0) {
        this.playing = false;
        this.port.postMessage({ epoch: this.epoch, played: this.played, time: currentTime, drained: true });
      }
    }
    out.fill(0, i);
    for (let channel = 1; channel < output.length; channel++) output[channel].set(out);
    return true;
  }
}

registerProcessor('rvc-capture', Capture);
registerProcessor('rvc-playback', Playback);
