import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Plays the model's voice: the remote stream goes to the host's `<audio>`, assigned only when it changes. */
export class AudioSinkController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly audio: () => HTMLAudioElement | null,
    private readonly stream: () => MediaStream | null,
  ) {
    host.addController(this);
  }

  /** Safari lets audio play only if play() was first called inside the click that started the call. */
  unlock(): void {
    this.audio()?.play().catch(() => {});
  }

  // A binding would re-assign it every render (Lit re-commits objects) and reset playback.
  hostUpdated(): void {
    const audio = this.audio();
    const stream = this.stream();
    if (!audio || audio.srcObject === stream) return;
    audio.srcObject = stream;
    if (stream) audio.play().catch(() => {});
  }
}
