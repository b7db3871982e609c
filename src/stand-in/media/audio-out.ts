import { RtpHeader, RtpPacket, type MediaStreamTrack } from 'werift';
import { sleep } from '../call/call-context.js';
import { Encoder } from './opus.js';
import type { Pcm } from './speech.js';

/** How one utterance plays: stopped by `signal`, never past `limitMs()`, progress reported per frame. */
export interface PlayControl {
  signal: AbortSignal;
  limitMs(): number;
  onFrame(sentMs: number): void;
}

/** Where the model's voice goes: RTP over WebRTC, audio delta events over a WebSocket. */
export interface Speaker {
  play(pcm: Pcm, control: PlayControl): Promise<void>;
  close(): void;
}

const FRAME = 960; // 20 ms at 48 kHz

/**
 * Plays PCM on an outgoing werift track as Opus RTP, paced in real time like a live voice.
 * Between utterances nothing is sent (the browser's jitter buffer plays silence).
 */
export class AudioOut implements Speaker {
  #encoder = new Encoder({ channels: 1, sample_rate: 48000, application: 'voip' });
  #sequence = Math.floor(Math.random() * 0xffff);
  #timestamp = Math.floor(Math.random() * 0xffffffff);
  #marker = true;
  #closed = false;
  #lastSentAt: number | undefined;

  constructor(private readonly track: MediaStreamTrack) {}

  /**
   * Encodes and sends `pcm` (48 kHz) frame by frame in real time, until its end, `control.signal` aborts, or
   * `control.limitMs()` (audio generated so far) is reached. `onFrame` sees the milliseconds sent after each frame.
   */
  async play(pcm: Pcm, control: PlayControl): Promise<void> {
    const start = performance.now();
    // The RTP clock runs through silence too: without this the receiver takes each new utterance for late audio
    // and its jitter buffer grows with every turn.
    if (this.#lastSentAt !== undefined)
      this.#timestamp = (this.#timestamp + Math.max(0, Math.round((start - this.#lastSentAt - 20) * 48))) >>> 0;
    for (let i = 0, n = 0; i < pcm.samples.length; i += FRAME, n++) {
      const wait = start + n * 20 - performance.now();
      await sleep(wait, control.signal);
      if (control.signal.aborted || this.#closed || n * 20 >= control.limitMs()) break;
      const frame = new Int16Array(FRAME);
      frame.set(pcm.samples.subarray(i, i + FRAME));
      this.#send(Buffer.from(this.#encoder.encode(frame)));
      control.onFrame((n + 1) * 20);
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
