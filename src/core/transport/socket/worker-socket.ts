import type { PcmAudio } from '../../audio/pcm-audio.js';
import type { SocketHandlers, SocketHost, SocketLink } from './socket-host.js';

// A relative URL, not a literal in `new URL()`: bundlers would inline a literal as a data: URL, which a strict CSP
// refuses (the build copies the file beside the script that uses it, as it does the worklets).
const WORKER = './socket-worker.js';
// A worker that neither starts nor fails within this long is given up for the page's own thread.
const START_MS = 3000;
// How long a closing socket may take to say goodbye before its worker is ended anyway.
const CLOSE_MS = 1000;

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

type ScriptUrlPolicy = { createScriptURL(url: string): unknown };
let policy: ScriptUrlPolicy | undefined;
let source: Promise<string | undefined> | undefined;
let refused = false;

/**
 * The worker as a `blob:` URL: a worker made from one takes the page's own Content-Security-Policy, so its socket is
 * held to the page's `connect-src` exactly as one on the page would be (a worker loaded from a file would carry that
 * file's policy, often none). A page whose policy allows no such worker keeps the socket on its main thread.
 */
async function workerUrl(): Promise<string | undefined> {
  const code = await (source ??= fetch(new URL(WORKER, import.meta.url))
    .then((response) => (response.ok ? response.text() : undefined))
    .catch(() => undefined));
  if (!code) return undefined;
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const types = (
    globalThis as {
      trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };
    }
  ).trustedTypes;
  if (!types) return url;
  // Trusted Types: only a blob URL this module just made passes.
  policy ??= types.createPolicy('realtime-voice-chat', {
    createScriptURL: (value) => {
      if (!value.startsWith('blob:'))
        throw new TypeError(`realtime-voice-chat loads no script but its socket worker, not ${value}`);
      return value;
    },
  });
  return policy.createScriptURL(url) as string;
}

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

  private constructor(private readonly worker: Worker) {
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => this.#heard(data);
  }

  /** Starts the worker; undefined when the page cannot have one (its policy, no Worker at all). */
  static async start(): Promise<WorkerSocket | undefined> {
    // A page that refused it once refuses it again: ask once per page (each refusal is a report to the page's policy).
    if (refused) return undefined;
    let worker: Worker;
    let url: string | undefined;
    try {
      url = await workerUrl();
      if (!url) return undefined;
      worker = new Worker(url, { name: 'realtime-voice-chat socket' });
    } catch {
      if (url) URL.revokeObjectURL(String(url));
      refused = true;
      return undefined;
    }
    const started = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_MS);
      worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
        if (data.type !== 'ready') return;
        clearTimeout(timer);
        resolve(true);
      };
      // A policy that forbids it, or a file that is not there: the page's thread carries the socket instead.
      worker.onerror = (event) => {
        event.preventDefault();
        clearTimeout(timer);
        resolve(false);
      };
    });
    worker.onerror = null;
    URL.revokeObjectURL(String(url));
    if (started) return new WorkerSocket(worker);
    worker.terminate();
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
    this.worker.postMessage({ type: 'close' });
    const end = setTimeout(() => this.worker.terminate(), CLOSE_MS);
    this.worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type !== 'closed') return;
      clearTimeout(end);
      this.worker.terminate();
    };
  }

  #heard(data: FromWorker): void {
    const on = this.#handlers;
    // Messages of a socket replaced since (a retry), or after close, are not this call's.
    if (data.type === 'ready' || data.type === 'closed' || !on || data.serial !== this.#serial) return;
    if (data.type === 'message') {
      this.connected = true;
      on.message(data.data);
    } else if (data.type === 'messages') {
      this.connected = true;
      // A handler may close the socket (or the call) midway: the rest of the batch is then no one's.
      for (const message of data.data) if (this.#handlers === on) on.message(message);
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
