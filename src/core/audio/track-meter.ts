/**
 * The loudness of a local track measured in the page, for browsers whose WebRTC stats give no `media-source` level
 * (Firefox): an analyser on the track, read when the meters are polled.
 */
export class TrackMeter {
  readonly track: MediaStreamTrack;
  #context = new AudioContext();
  #analyser: AnalyserNode;
  #buffer = new Float32Array(512);

  constructor(track: MediaStreamTrack) {
    this.track = track;
    this.#analyser = new AnalyserNode(this.#context, { fftSize: 512 });
    this.#context.createMediaStreamSource(new MediaStream([track])).connect(this.#analyser);
    // Created after the Start click, so the page may run audio; a context still suspended reads silence.
    void this.#context.resume().catch(() => {});
  }

  /** RMS of the latest 512 samples, 0..1 (a disabled track reads 0). */
  read(): number {
    this.#analyser.getFloatTimeDomainData(this.#buffer);
    let sum = 0;
    for (const x of this.#buffer) sum += x * x;
    return Math.min(1, Math.sqrt(sum / this.#buffer.length));
  }

  close(): void {
    void this.#context.close().catch(() => {});
  }
}
