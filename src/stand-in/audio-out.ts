import { RtpHeader, RtpPacket, type MediaStreamTrack } from 'werift';
import OpusScript from 'opusscript';
import type { Pcm } from './speech.js';

const FRAME = 960; // 20 ms at 48 kHz

/**
 * Plays PCM on an outgoing werift track as Opus RTP, paced in real time like a live voice.
 * Between utterances nothing is sent (the browser's jitter buffer plays silence).
 */
export class AudioOut {
  #encoder = new OpusScript(48000, 1, OpusScript.Application.VOIP);
  #sequence = Math.floor(Math.random() * 0xffff);
  #timestamp = Math.floor(Math.random() * 0xffffffff);
  #marker = true;

  constructor(private readonly track: MediaStreamTrack) {}

  /** Encodes and sends `pcm` (48 kHz); resolves when the last frame is out or `signal` aborts (the rest is dropped). */
  async play(pcm: Pcm, signal: AbortSignal): Promise<void> {
    const frames: Buffer[] = [];
    for (let i = 0; i < pcm.samples.length; i += FRAME) {
      const frame = new Int16Array(FRAME);
      frame.set(pcm.samples.subarray(i, i + FRAME));
      frames.push(this.#encoder.encode(Buffer.from(frame.buffer), FRAME));
    }
    const start = performance.now();
    for (let n = 0; n < frames.length; n++) {
      if (signal.aborted) break;
      const due = start + n * 20;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (signal.aborted) break;
      this.#send(frames[n]!);
    }
    this.#marker = true;
  }

  #send(payload: Buffer): void {
    const header = new RtpHeader({
      payloadType: 111,
      sequenceNumber: this.#sequence,
      timestamp: this.#timestamp >>> 0,
      marker: this.#marker,
    });
    this.#marker = false;
    this.#sequence = (this.#sequence + 1) & 0xffff;
    this.#timestamp = (this.#timestamp + FRAME) >>> 0;
    this.track.writeRtp(new RtpPacket(header, payload));
  }

  close(): void {
    this.#encoder.delete();
  }
}
