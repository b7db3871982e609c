import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AudioControlsState } from '../chunks/audio-controls.js';

/**
 * Plays the model's voice: the remote stream goes to the host's `<audio>`, assigned only when it changes. When the
 * browser will not play without a gesture (autoplay rules: WebKit and mobile browsers often), it says so through
 * {@link blocked}, and {@link resume} — called in a click — plays it. Volume and output device live here too.
 */
export class AudioSinkController implements ReactiveController {
  /** The browser refused to play the voice until the visitor interacts. */
  blocked = false;
  volume = 1;
  /** The output device chosen (`''`: the system's default). */
  sinkId = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly audio: () => HTMLAudioElement | null,
    private readonly stream: () => MediaStream | null,
  ) {
    host.addController(this);
  }

  /** Whether the browser lets a page choose where audio plays. */
  static get canChooseOutput(): boolean {
    return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  }

  /** Safari lets audio play only if play() was first called inside the click that started the call. */
  unlock(): void {
    this.audio()
      ?.play()
      .catch(() => {});
  }

  // A binding would re-assign it every render (Lit re-commits objects) and reset playback.
  hostUpdated(): void {
    const audio = this.audio();
    const stream = this.stream();
    if (!audio || audio.srcObject === stream) return;
    audio.srcObject = stream;
    audio.volume = this.volume;
    if (stream) void this.#play(audio);
    else this.#setBlocked(false);
  }

  /** The session's own audio was held back (a WebSocket call plays through an audio context of its own). */
  heldBack(): void {
    this.#setBlocked(true);
  }

  /** Plays what was held back; call it inside the visitor's click. */
  async resume(resumeSession: () => Promise<void>): Promise<void> {
    await resumeSession().catch(() => {});
    const audio = this.audio();
    if (audio) await this.#play(audio);
    else this.#setBlocked(false);
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
    const audio = this.audio();
    if (audio) audio.volume = this.volume;
    this.host.requestUpdate();
  }

  async setOutput(sinkId: string): Promise<void> {
    const audio = this.audio();
    await audio?.setSinkId?.(sinkId);
    this.sinkId = sinkId;
    this.host.requestUpdate();
  }

  /** What the speaker picker and volume slider show and do (`outputs`: the devices, when the browser lets a page choose). */
  controls(labels: AudioControlsState['labels'], outputs: readonly MediaDeviceInfo[] | undefined): AudioControlsState {
    return {
      outputs: AudioSinkController.canChooseOutput ? outputs : undefined,
      sinkId: this.sinkId,
      volume: this.volume,
      labels,
      chooseOutput: (sinkId) => void this.setOutput(sinkId).catch(() => {}),
      setVolume: (volume) => this.setVolume(volume),
    };
  }

  async #play(audio: HTMLAudioElement): Promise<void> {
    try {
      await audio.play();
      this.#setBlocked(false);
    } catch (e) {
      // Refused for want of a gesture: the panel offers "tap to hear". Any other failure (no source yet) is not ours.
      if (e instanceof DOMException && e.name === 'NotAllowedError') this.#setBlocked(true);
    }
  }

  #setBlocked(blocked: boolean): void {
    if (this.blocked === blocked) return;
    this.blocked = blocked;
    this.host.requestUpdate();
  }
}
