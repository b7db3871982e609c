import { VOICE_THRESHOLD, type HeardReport } from './audio-in.js';
import { rms } from './speech.js';

const RATE = 24_000;
const FRAME = 480; // 20 ms at 24 kHz, the frame the turn detector counts in
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The visitor's microphone over a WebSocket: `input_audio_buffer.append` carries base64 PCM16 (24 kHz mono,
 * little-endian); it is cut into 20 ms frames for the turn detector, whatever size the appends are.
 */
export class PcmIn {
  readonly report: HeardReport = { packets: 0, heardMs: 0, voicedMs: 0, peak: 0 };
  #rest = new Int16Array(0);

  constructor(private readonly onFrame: (level: number, ms: number) => void) {}

  /** Takes one append's audio; false when it is not base64 of whole 16-bit samples. */
  append(audio: string): boolean {
    if (audio.length % 4 !== 0 || !BASE64.test(audio)) return false;
    const bytes = Buffer.from(audio, 'base64');
    if (bytes.length % 2 !== 0) return false;
    this.report.packets++;
    const incoming = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const samples = new Int16Array(this.#rest.length + incoming.length);
    samples.set(this.#rest);
    samples.set(incoming, this.#rest.length);
    let at = 0;
    for (; at + FRAME <= samples.length; at += FRAME) this.#frame(samples.subarray(at, at + FRAME));
    this.#rest = samples.slice(at);
    return true;
  }

  #frame(frame: Int16Array): void {
    const ms = (frame.length / RATE) * 1000;
    const level = rms(frame);
    this.report.heardMs += ms;
    if (level > VOICE_THRESHOLD) this.report.voicedMs += ms;
    this.report.peak = Math.max(this.report.peak, level);
    this.onFrame(level, ms);
  }
}
