import type { PcmAudio } from '../../audio/pcm-audio.js';
import type { SocketHandlers, SocketHost, SocketLink } from './socket-host.js';
import { blobWorker, fetchText } from '../../start-worker.js';
import { nextTask } from '../../next-task.js';

// A relative URL, not a literal in `new URL()`: bundlers would inline a literal as a data: URL, which a strict CSP
// refuses (the build copies the file beside the script that uses it, as it does the worklets).
const WORKER = './socket-worker.js';
// How long a closing socket may take to say goodbye before its worker is ended anyway.
const CLOSE_MS = 1000;
// The worker's news is taken in slices of at most this long, then the page may paint and answer input: a burst of
// thousands of events (a hostile flood) never makes one long task.
const SLICE_MS = 8;

type FromWorker =
  | { type: 'ready' }
  | { type: 'closed' }
  | { type: 'message'; serial: number; data: unknown }
  | { type: 'messages'; serial: number; data: string[] }
  | { type: 'error'; serial: number }
  | { type: 'close'; serial: number; code: number; reason: string }
  | { type: 'span'; serial: number; epoch: number; itemId: string; start: number }
  | { type: 'dropped'; serial: number; ms: number }
  | { type: 'link'; serial: number; quietMs: number; stuckMs: number };

let source: Promise<string | undefined> | undefined;
let refused = false;

/**
 * The call's socket in a worker of its own: microphone frames and the voice travel between the worklets and the
 * worker directly, so the page's main thread sees only the events (not the 25 audio messages a second each way).
 */
export class WorkerSocket implements SocketHost {
  readonly where = 'worker';
  droppedAudioMs = 0;
  connected = false;
  #serial = 0;
  #handlers: SocketHandlers | undefined;
  #audio: PcmAudio | undefined;
  #link: SocketLink = { heardAt: performance.now(), stuckSince: undefined };

  /** What the worker said and the page has not taken yet, in order. */
  #inbox: FromWorker[] = [];
  #draining = false;

  private constructor(private readonly worker: Worker) {
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      this.#inbox.push(data);
      if (!this.#draining) void this.#drain();
    };
  }

  /** Takes the inbox in order, a slice at a time; events of a batch left over wait at its head for the next slice. */
  async #drain(): Promise<void> {
    this.#draining = true;
    let sliceFrom = performance.now();
    while (this.#inbox.length) {
      if (performance.now() - sliceFrom > SLICE_MS) {
        await nextTask();
        sliceFrom = performance.now();
      }
      const data = this.#inbox[0];
      if (data.type !== 'messages') {
        this.#inbox.shift();
        this.#heard(data);
        continue;
      }
      const on = this.#handlers;
      if (!on || data.serial !== this.#serial) {
        this.#inbox.shift();
        continue;
      }
      this.connected = true;
      // A handler may close the socket (or the call) midway: the rest of the batch is then no one's.
      while (data.data.length && this.#handlers === on && performance.now() - sliceFrom <= SLICE_MS)
        on.message(data.data.shift()!);
      if (!data.data.length || this.#handlers !== on) this.#inbox.shift();
    }
    this.#draining = false;
  }

  /** Starts the worker; undefined when the page cannot have one (its policy, no Worker at all). */
  static async start(): Promise<WorkerSocket | undefined> {
    // A page that refused it once refuses it again: ask once per page (each refusal is a report to the page's policy).
    if (refused) return undefined;
    const worker = await blobWorker(
      (source ??= fetchText(new URL(WORKER, import.meta.url))),
      'realtime-voice-chat socket',
    );
    if (worker) return new WorkerSocket(worker);
    refused = true;
    return undefined;
  }

  get link(): SocketLink {
    return this.#link;
  }

  open(url: string, protocols: string[], handlers: SocketHandlers): void {
    this.#serial++;
    this.#link = { heardAt: performance.now(), stuckSince: undefined };
    this.connected = false;
    this.#handlers = handlers;
    this.worker.postMessage({ type: 'open', url, protocols });
  }

  send(text: string): void {
    this.worker.postMessage({ type: 'send', text });
  }

  attach(audio: PcmAudio): void {
    if (this.#audio) return;
    this.#audio = audio;
    const { capture, playback } = audio.ports();
    this.worker.postMessage({ type: 'audio', capture, playback }, [capture, playback]);
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.worker.postMessage({ type: 'enabled', enabled });
  }

  cleared(epoch: number, cut: readonly string[]): void {
    this.worker.postMessage({ type: 'cleared', epoch, cut: [...cut] });
  }

  /** Closes the socket, then ends the worker (at once once the socket said goodbye, else after CLOSE_MS). */
  close(): void {
    this.#handlers = undefined;
    this.connected = false;
    this.#inbox = [];
    this.worker.postMessage({ type: 'close' });
    const end = setTimeout(() => this.worker.terminate(), CLOSE_MS);
    this.worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type !== 'closed') return;
      clearTimeout(end);
      this.worker.terminate();
    };
  }

  #heard(data: Exclude<FromWorker, { type: 'messages' }>): void {
    const on = this.#handlers;
    // Messages of a socket replaced since (a retry), or after close, are not this call's.
    if (data.type === 'ready' || data.type === 'closed' || !on || data.serial !== this.#serial) return;
    if (data.type === 'message') {
      this.connected = true;
      on.message(data.data);
    } else if (data.type === 'span') this.#audio?.span(data.epoch, data.itemId, data.start);
    else if (data.type === 'dropped') this.droppedAudioMs = data.ms;
    else if (data.type === 'link') {
      // The worker's clock is not the page's: its durations are turned into times here.
      const now = performance.now();
      this.#link = { heardAt: now - data.quietMs, stuckSince: data.stuckMs ? now - data.stuckMs : undefined };
    } else if (data.type === 'error') on.error();
    else {
      this.connected = false;
      on.close(data.code, data.reason);
    }
  }
}
