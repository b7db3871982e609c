import { Decoder } from './opus.js';
import { rms } from './speech.js';

/** What the stand-in heard on the caller's microphone track. */
export interface HeardReport {
  /** RTP packets received. */
  packets: number;
  /** Milliseconds of audio decoded. */
  heardMs: number;
  /** Milliseconds whose level was above the voice threshold. */
  voicedMs: number;
  /** Loudest 20 ms frame, RMS 0..1. */
  peak: number;
}

// RMS above this (≈ −40 dBFS) counts as sound, not silence or a muted track's zeros.
export const VOICE_THRESHOLD = 0.01;

/** Decodes the caller's Opus RTP and keeps loudness figures; `onFrame` sees each decoded frame's level. */
export class AudioIn {
  #decoder = new Decoder({ channels: 1, sample_rate: 48000 });
  readonly report: HeardReport = { packets: 0, heardMs: 0, voicedMs: 0, peak: 0 };
  #closed = false;

  constructor(private readonly onFrame?: (level: number, ms: number) => void) {}

  receive(payload: Buffer): void {
    if (this.#closed) return;
    this.report.packets++;
    let pcm: Uint8Array;
    try {
      pcm = this.#decoder.decode(payload);
    } catch {
      return; // a corrupt packet is skipped, as a real decoder's concealment would
    }
    // Copied: the decoder may hand back a view whose offset is not 16-bit aligned.
    const samples = new Int16Array(pcm.slice().buffer, 0, pcm.length >> 1);
    const ms = (samples.length / 48000) * 1000;
    const level = rms(samples);
    this.report.heardMs += ms;
    if (level > VOICE_THRESHOLD) this.report.voicedMs += ms;
    this.report.peak = Math.max(this.report.peak, level);
    this.onFrame?.(level, ms);
  }

  close(): void {
    this.#closed = true;
  }
}
