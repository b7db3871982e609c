import { VoiceError } from '../errors.js';
import type { Levels } from './levels.js';

const RATE = 24_000;
// Above this, 24 kHz audio has nothing (its Nyquist limit is 12 kHz): filtering here keeps resampling clean.
const LOWPASS_HZ = 11_000;
// After the voice runs dry this long without more, it has stopped (a short underrun is not the end of a reply).
const DRAINED_MS = 250;
// A relative URL, not a literal in `new URL()`: bundlers would inline a literal as a data: URL, which a strict CSP
// refuses. The build copies the file beside the script that uses it.
const WORKLETS = './pcm-worklets.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** What the player says when it starts or runs dry: how far it played, at which time of the audio clock. */
interface PlayerReport {
  epoch: number;
  played: number;
  time: number;
  started?: boolean;
  drained?: boolean;
}

/** A run of voice in the playback stream: the samples of one assistant item, from `start` to `end`. */
interface Span {
  itemId: string;
  start: number;
  end: number;
}

export interface PcmAudioHooks {
  /** 40 ms of microphone audio at 24 kHz, PCM16, in base64 (as `input_audio_buffer.append` carries it). */
  captured(base64: string): void;
  /** The model's voice started playing, or stopped (played out, or cut). */
  playing(playing: boolean): void;
}

const rms = (analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>): number => {
  analyser.getFloatTimeDomainData(buffer);
  let sum = 0;
  for (const x of buffer) sum += x * x;
  return Math.min(1, Math.sqrt(sum / buffer.length));
};

/**
 * The audio of a call that carries PCM in events (the WebSocket transport): the microphone resampled to 24 kHz
 * PCM16 by a worklet, and the model's voice played through a jitter-buffer worklet into a media stream for the
 * page's `<audio>`. It knows how much of each item was played, so a cut reply can be truncated to what was heard.
 */
export class PcmAudio {
  readonly stream: MediaStream;
  #context: AudioContext;
  #playback: AudioWorkletNode;
  #capture: AudioWorkletNode;
  #source: MediaStreamAudioSourceNode | undefined;
  #inFilter: BiquadFilterNode;
  #inAnalyser: AnalyserNode;
  #output: AnalyserNode;
  #buffer = new Float32Array(512);
  /** Samples sent to the player since it was last cleared, and how far it played (with when it said so). */
  #queued = 0;
  #played = { samples: 0, at: 0 };
  #epoch = 0;
  #spans: Span[] = [];
  #playing = false;
  #drained: ReturnType<typeof setTimeout> | undefined;

  /** Loads the worklets (from the file beside this module) and builds the graph. */
  static async open(hooks: PcmAudioHooks): Promise<PcmAudio> {
    if (typeof AudioWorkletNode === 'undefined') throw new VoiceError('unsupported', 'no AudioWorklet');
    const context = new AudioContext({ latencyHint: 'interactive' });
    try {
      await context.audioWorklet.addModule(new URL(WORKLETS, import.meta.url));
    } catch (e) {
      void context.close();
      throw new VoiceError('load_failed', `audio worklets: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new PcmAudio(context, hooks);
  }

  private constructor(
    context: AudioContext,
    private readonly hooks: PcmAudioHooks,
  ) {
    this.#context = context;
    const lowpass = () => new BiquadFilterNode(context, { type: 'lowpass', frequency: LOWPASS_HZ });
    // No output: it only posts the microphone's frames (a node with inputs and no outputs is still processed).
    this.#capture = new AudioWorkletNode(context, 'rvc-capture', { numberOfOutputs: 0 });
    this.#capture.port.onmessage = ({ data }: MessageEvent<string>) => this.hooks.captured(data);
    this.#inAnalyser = new AnalyserNode(context, { fftSize: 512 });
    this.#inFilter = lowpass();
    this.#inFilter.connect(lowpass()).connect(this.#inAnalyser).connect(this.#capture);
    this.#playback = new AudioWorkletNode(context, 'rvc-playback', { outputChannelCount: [1] });
    this.#playback.port.onmessage = ({ data }: MessageEvent<PlayerReport>) => this.#heard(data);
    this.#output = new AnalyserNode(context, { fftSize: 512 });
    // The voice goes to a media stream the page's <audio> plays, not to context.destination: the browser's echo
    // canceller covers what media elements play, so the microphone does not send the model its own voice back.
    const destination = context.createMediaStreamDestination();
    this.#playback.connect(lowpass()).connect(this.#output).connect(destination);
    this.stream = destination.stream;
  }

  /** Whether the browser holds the audio back until the visitor interacts (autoplay rules). */
  get blocked(): boolean {
    return this.#context.state === 'suspended';
  }

  /** Lets audio run (inside a click it always may); resolves with whether it runs. */
  async resume(): Promise<boolean> {
    await this.#context.resume().catch(() => {});
    return this.#context.state === 'running';
  }

  /** Listens to `stream`'s microphone (or to nothing). */
  listen(stream: MediaStream | undefined): void {
    this.#source?.disconnect();
    this.#source = stream?.getAudioTracks().length ? this.#context.createMediaStreamSource(stream) : undefined;
    this.#source?.connect(this.#inFilter);
  }

  /** Queues `itemId`'s voice, 24 kHz PCM16 in base64 (decoded by the player, off the main thread); false if not base64. */
  play(itemId: string, base64: string): boolean {
    if (base64.length % 4 || !BASE64.test(base64)) return false;
    const samples = ((base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)) >> 1;
    if (this.#spans.at(-1)?.itemId !== itemId) this.span(this.#epoch, itemId, this.#queued);
    this.#queued += samples;
    this.#playback.port.postMessage({ epoch: this.#epoch, base64 });
    return true;
  }

  /** Where `itemId`'s voice starts in what was queued since the last stop (said by whoever queues it). */
  span(epoch: number, itemId: string, start: number): void {
    if (epoch !== this.#epoch) return;
    const last = this.#spans.at(-1);
    if (last) last.end = start;
    this.#spans.push({ itemId, start, end: Infinity });
    if (this.#spans.length > 8) this.#spans.shift();
  }

  /** The items whose voice was queued since the last stop. */
  queuedItems(): string[] {
    return this.#spans.map((span) => span.itemId);
  }

  /** Whether the visitor hears the voice now (it ran dry a moment ago at most). */
  get playing(): boolean {
    return this.#playing;
  }

  /** The player's epoch: a stop starts a new one, and audio of an older epoch is not played. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * Ports for a worker that owns the socket: the microphone's frames go to the first instead of this page, and what
   * is posted to the second is played (`{epoch, base64}`), so audio never crosses the main thread.
   */
  ports(): { capture: MessagePort; playback: MessagePort } {
    const capture = new MessageChannel();
    const playback = new MessageChannel();
    this.#capture.port.postMessage({ port: capture.port1 }, [capture.port1]);
    this.#playback.port.postMessage({ port: playback.port1 }, [playback.port1]);
    return { capture: capture.port2, playback: playback.port2 };
  }

  /** Stops the voice at once; returns the item that was playing and how many ms of it were heard. */
  stop(): { itemId: string; playedMs: number } | undefined {
    const elapsed = this.#playing ? (this.#context.currentTime - this.#played.at) * RATE : 0;
    // What was queued is known here only when this page queues it (not when a worker does).
    const played = Math.min(this.#queued || Infinity, this.#played.samples + Math.max(0, elapsed));
    const span = this.#spans.findLast((s) => s.start <= played) ?? this.#spans[0];
    const heard = span && {
      itemId: span.itemId,
      playedMs: Math.round((Math.min(played, span.end) - span.start) / (RATE / 1000)),
    };
    // A new epoch: the player starts counting from zero, and what it says of the old one is ignored.
    this.#epoch++;
    this.#playback.port.postMessage({ epoch: this.#epoch, clear: true });
    this.#queued = 0;
    this.#played = { samples: 0, at: this.#context.currentTime };
    this.#spans = [];
    this.#setPlaying(false);
    return heard && { ...heard, playedMs: Math.max(0, heard.playedMs) };
  }

  levels(): Levels {
    return { input: rms(this.#inAnalyser, this.#buffer), output: rms(this.#output, this.#buffer) };
  }

  close(): void {
    clearTimeout(this.#drained);
    this.#capture.port.onmessage = null;
    this.#playback.port.onmessage = null;
    this.#source?.disconnect();
    void this.#context.close().catch(() => {});
  }

  #heard(report: PlayerReport): void {
    if (report.epoch !== this.#epoch) return;
    this.#played = { samples: report.played, at: report.time };
    if (report.started) this.#setPlaying(true);
    // Ran dry: stopped, unless more voice starts playing soon (the player says `started` again).
    if (report.drained) {
      clearTimeout(this.#drained);
      this.#drained = setTimeout(() => this.#setPlaying(false), DRAINED_MS);
    }
  }

  #setPlaying(playing: boolean): void {
    if (playing) clearTimeout(this.#drained);
    if (this.#playing === playing) return;
    this.#playing = playing;
    this.hooks.playing(playing);
  }
}
