import type { Levels } from './levels.js';

// A relative URL, not a literal in `new URL()`: bundlers would inline a literal as a data: URL, which a strict CSP
// refuses. The build copies the file beside the script that uses it.
const WORKLET = './levels-worklet.js';

/** What the worklet posts: the levels of the last ~50 ms, and when (the audio clock) the voice became audible in it. */
interface Posted extends Levels {
  time: number;
  voiceAt?: number;
}

/** Levels as the page hears them: `voiceAt` is when the model's voice became audible, on the page's clock. */
export type LevelReading = (levels: Levels, voiceAt: number | undefined) => void;

/**
 * The loudness of the microphone being sent and of the model's voice being played, measured by an audio worklet on
 * the audio thread: the page's thread only receives a message about every 50 ms while someone makes a sound, and
 * none in silence. Another listener (the visualizer's worker) may take a port of its own.
 */
export class LevelMeter {
  #context: AudioContext;
  #node: AudioWorkletNode;
  #sources: [MediaStreamAudioSourceNode | undefined, MediaStreamAudioSourceNode | undefined] = [undefined, undefined];
  #tracks: [MediaStreamTrack | undefined, MediaStreamTrack | undefined] = [undefined, undefined];
  #closed = false;

  /** Loads the worklet into `context` (once per context); rejects where it cannot be loaded. */
  static async open(context: AudioContext, heard: LevelReading): Promise<LevelMeter> {
    await context.audioWorklet.addModule(new URL(WORKLET, import.meta.url));
    return new LevelMeter(context, heard);
  }

  private constructor(context: AudioContext, heard: LevelReading) {
    this.#context = context;
    // Inputs only: a node with inputs and no outputs is still processed, and nothing it measures is heard twice.
    this.#node = new AudioWorkletNode(context, 'rvc-levels', { numberOfInputs: 2, numberOfOutputs: 0 });
    this.#node.port.onmessage = ({ data }: MessageEvent<Posted>) => {
      if (this.#closed) return;
      // The audio clock's times become the page's: the message left the audio thread a moment ago.
      const at = (time: number) => performance.now() - Math.max(0, context.currentTime - time) * 1000;
      heard({ input: data.input, output: data.output }, data.voiceAt === undefined ? undefined : at(data.voiceAt));
    };
  }

  /** Measures `node` as the microphone (input 0) or the voice (input 1). */
  measure(input: 0 | 1, node: AudioNode): void {
    node.connect(this.#node, 0, input);
  }

  /** Measures a track as the microphone (0) or the voice (1); `undefined` measures nothing there. */
  track(input: 0 | 1, track: MediaStreamTrack | undefined): void {
    if (this.#closed || this.#tracks[input] === track) return;
    this.#sources[input]?.disconnect();
    this.#tracks[input] = track;
    const source = track && this.#context.createMediaStreamSource(new MediaStream([track]));
    this.#sources[input] = source;
    source?.connect(this.#node, 0, input);
  }

  /** A port that receives the same levels (`{input, output, time}`), for a listener off the page's thread. */
  port(): MessagePort {
    const channel = new MessageChannel();
    this.#node.port.postMessage({ port: channel.port1 }, [channel.port1]);
    return channel.port2;
  }

  /** Stops measuring: the worklet ends its processing and leaves the graph. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#node.port.postMessage({ close: true });
    this.#node.port.onmessage = null;
    for (const source of this.#sources) source?.disconnect();
    this.#node.disconnect();
  }
}
