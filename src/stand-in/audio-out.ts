import { RtpHeader, RtpPacket, type MediaStreamTrack } from 'werift';
import { Encoder } from '@evan/opus';
import type { Pcm } from './speech.js';

const FRAME = 960; // 20 ms at 48 kHz

/**
 * Plays PCM on an outgoing werift track as Opus RTP, paced in real time like a live voice.
 * Between utterances nothing is sent (the browser's jitter buffer plays silence).
 */
export class AudioOut {
  #encoder = new Encoder({ channels: 1, sample_rate: 48000, application: 'voip' });
  #sequence = Math.floor(Math.random() * 0xffff);
  #timestamp = Math.floor(Math.random() * 0xffffffff);
  #marker = true;
  #closed = false;
  #lastSentAt: number | undefined;

  constructor(private readonly track: MediaStreamTrack) {}

  /**
   * Encodes and sends `pcm` (48 kHz) frame by frame in real time; resolves when the last frame is out or `signal`
   * aborts (the rest is dropped). `onFirstPacket` runs as the first frame leaves.
   */
  async play(pcm: Pcm, signal: AbortSignal, onFirstPacket?: () => void): Promise<void> {
    const start = performance.now();
    // The RTP clock runs through silence too: without this the receiver takes each new utterance for late audio
    // and its jitter buffer grows with every turn.
    if (this.#lastSentAt !== undefined) this.#timestamp = (this.#timestamp + Math.max(0, Math.round((start - this.#lastSentAt - 20) * 48))) >>> 0;
    for (let i = 0, n = 0; i < pcm.samples.length; i += FRAME, n++) {
      const wait = start + n * 20 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (signal.aborted || this.#closed) break;
      const frame = new Int16Array(FRAME);
      frame.set(pcm.samples.subarray(i, i + FRAME));
      this.#send(Buffer.from(this.#encoder.encode(frame)));
      if (n === 0) onFirstPacket?.();
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
    this.#lastSentAt = performance.now();
    this.track.writeRtp(new RtpPacket(header, payload));
  }

  /** Stops any reply still playing; nothing is sent after this. */
  close(): void {
    this.#closed = true;
  }
}
