import type { PlayControl, Speaker } from './audio-out.js';
import type { Outgoing } from './events.js';
import type { ItemIds } from './response-items.js';
import { resample, type Pcm } from './speech.js';

// Each `response.output_audio.delta` carries this much audio; the service's are of a similar size.
const CHUNK_MS = 50;
// Generated audio runs this far ahead of real time, as a model's output does: the client's buffer never runs dry.
const LEAD_MS = 300;
const RATE = 24_000;

/**
 * The model's voice over a WebSocket: base64 PCM16 at 24 kHz in `response.output_audio.delta` events, paced in real
 * time (a little ahead). `play` resolves once the last delta is out, so `response.output_audio.done` follows them.
 */
export class EventSpeaker implements Speaker {
  #closed = false;

  constructor(
    private readonly ids: ItemIds,
    private readonly send: (event: Outgoing) => void,
  ) {}

  async play(pcm: Pcm, control: PlayControl): Promise<void> {
    const { samples } = resample(pcm, RATE);
    const step = (RATE * CHUNK_MS) / 1000;
    const totalMs = (samples.length / RATE) * 1000;
    const start = performance.now();
    for (let i = 0, n = 0; i < samples.length; i += step, n++) {
      const wait = start + n * CHUNK_MS - LEAD_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (control.signal.aborted || this.#closed || n * CHUNK_MS >= control.limitMs()) break;
      const chunk = samples.subarray(i, i + step);
      const delta = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64');
      this.send({ type: 'response.output_audio.delta', ...this.ids, content_index: 0, delta });
      control.onFrame(Math.min((n + 1) * CHUNK_MS, totalMs));
    }
  }

  close(): void {
    this.#closed = true;
  }
}
