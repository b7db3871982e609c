import type { PlayControl, Speaker } from './audio-out.js';
import { sleep } from '../call/call-context.js';
import type { Outgoing } from '../call/events.js';
import type { ItemIds } from '../call/response-items.js';
import { resample, type Pcm } from './speech.js';

// Each `response.output_audio.delta` carries this much audio; the service's are of a similar size.
const CHUNK_MS = 50;
// The service sends a reply's voice faster than it plays: a first burst at once, then the rest at a few times real
// time, so a client holds seconds of voice it has not played yet (and must drop it when the reply is cut).
const FIRST_BURST_MS = 1000;
const SPEED = 4;
const RATE = 24_000;

/**
 * The model's voice over a WebSocket: base64 PCM16 at 24 kHz in `response.output_audio.delta` events, sent in bursts
 * ahead of real time. `play` resolves once the last delta is out, so `response.output_audio.done` follows them.
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
      const wait = start + (n * CHUNK_MS - FIRST_BURST_MS) / SPEED - performance.now();
      await sleep(wait, control.signal);
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
