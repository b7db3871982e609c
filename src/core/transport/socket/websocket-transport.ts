import { socketUrl } from '../../protocol/api.js';
import { AbortedError, isAbort, unlessAborted, VoiceError } from '../../errors.js';
import type { Levels } from '../../audio/levels.js';
import { openMicrophone, OwnedMicrophone, stopStream, switchMicrophone } from '../../audio/microphone.js';
import { PcmAudio } from '../../audio/pcm-audio.js';
import { withRetry } from '../../keys/retry.js';
import { socketHost } from './open-socket-host.js';
import type { SocketHost } from './socket-host.js';
import type { EphemeralKey } from '../../keys/token.js';
import type { LinkReading } from '../../call/link-watch.js';
import type { CallRoute, MicrophoneSource, Transport, TransportEvent, TransportHandlers } from '../transport.js';

/** The socket refused the call after accepting it: the service's `error` event, then its close code. */
function refusal(code: number, reason: string, error: { message?: string; code?: string } | undefined): VoiceError {
  const message = error?.message ?? (reason || `the WebSocket closed (${code})`);
  const serverCode = error?.code ?? (reason.split('.').pop() || undefined);
  // 3000: the key (401, so a fresh one is tried); 4000: the request's shape (a model it does not know).
  if (code === 3000) return new VoiceError('call_rejected', message, 401, false, serverCode);
  if (code === 4000) return new VoiceError('call_rejected', message, 400, false, serverCode);
  return new VoiceError('call_unreachable', message);
}

/**
 * A call over a WebSocket, for networks and browsers where WebRTC cannot hold one: every event a text message, the
 * microphone sent as 24 kHz PCM16 in `input_audio_buffer.append`, the voice received in `response.output_audio.delta`
 * and played here — so a cut reply is truncated here too, to the milliseconds actually played. The socket lives in a
 * worker where the page allows one (see SocketHost); the voice's deltas are played, not passed on as events (as over
 * WebRTC, where the voice is not an event either).
 */
export class WebSocketTransport implements Transport {
  readonly kind = 'websocket';
  readonly callId = undefined;
  #host: SocketHost | undefined;
  #audio: PcmAudio | undefined;
  #stream: MediaStream | undefined;
  /** The microphone stream we opened (and so must stop); a host-supplied stream is never stored here. */
  #mic = new OwnedMicrophone();
  #enabled = true;
  #abort = new AbortController();
  #closed = false;

  constructor(
    private readonly route: CallRoute,
    private readonly microphone: MicrophoneSource,
    private readonly on: TransportHandlers,
  ) {}

  /** Microphone audio dropped because the socket could not keep up, in ms. */
  get droppedAudioMs(): number {
    return this.#host?.droppedAudioMs ?? 0;
  }

  /** Where the socket runs: a worker of its own, or the page's main thread. */
  get socketThread(): 'worker' | 'page' | undefined {
    return this.#host?.where;
  }

  get microphoneId(): string | undefined {
    return this.#stream?.getAudioTracks()[0]?.getSettings().deviceId;
  }

  async connect(): Promise<void> {
    if (typeof WebSocket === 'undefined') throw new VoiceError('unsupported', 'no WebSocket');
    const { key } = this.route;
    if (!key) throw new VoiceError('websocket_needs_token');
    const { signal } = this.#abort;
    const audio = PcmAudio.open({
      captured: (base64) => this.#host?.captured?.(base64),
      playing: (playing) => this.#closed || this.on.playing(playing),
    }).then((opened) => {
      if (this.#closed) return opened.close();
      this.#audio = opened;
      this.#attach();
      this.on.remoteStream(opened.stream);
      if (opened.blocked) this.on.audioBlocked();
    });
    const host = socketHost().then((started) => {
      if (this.#closed) return started.close();
      // Told before the capture is attached: a microphone that is off (push-to-talk, muted) never sends a first frame.
      started.setMicrophoneEnabled(this.#enabled);
      this.#host = started;
      this.#attach();
    });
    const microphone = (async () => {
      this.#stream =
        this.microphone.stream ??
        (this.#mic.stream = this.microphone.handedOver ?? (await openMicrophone(this.microphone.constraints, signal)));
      if (signal.aborted) throw new AbortedError();
      this.on.stage('microphone');
    })();
    const socket = (async () => {
      const first = await key(false, signal);
      await host;
      this.on.stage('token');
      const open = (k: EphemeralKey) => withRetry(() => this.#open(k), signal);
      await open(first).catch(async (e: unknown) => {
        // The service no longer takes this key (expired or revoked early): one more try with a fresh one.
        if (!(e instanceof VoiceError && e.status === 401)) throw e;
        await open(await key(true, signal));
      });
    })();
    try {
      // All of them run in parallel; the first failure fails the call at once, and a stop ends the wait.
      await unlessAborted(Promise.all([audio, host, microphone, socket]), signal);
      this.#useStream(this.#stream);
    } catch (e) {
      if (isAbort(e) || this.#closed) throw new AbortedError();
      throw e instanceof VoiceError
        ? e
        : new VoiceError('connection_failed', e instanceof Error ? e.message : String(e));
    }
  }

  /** Opens the socket with `key`; resolves once the service greeted (its first event that is not a refusal). */
  #open(key: EphemeralKey): Promise<void> {
    const model = key.model ?? this.route.model;
    if (!model)
      return Promise.reject(
        new VoiceError('config_missing', 'the WebSocket needs a model: the key reply named none and the page set none'),
      );
    const host = this.#host!;
    return new Promise((resolve, reject) => {
      let accepted = false;
      let refused: { message?: string; code?: string } | undefined;
      const abort = () => {
        host.close();
        reject(new AbortedError());
      };
      this.#abort.signal.addEventListener('abort', abort, { once: true });
      host.open(socketUrl(this.route.baseUrl, model), ['realtime', `openai-insecure-api-key.${key.value}`], {
        message: (data) => {
          if (this.#closed) return;
          if (!accepted) {
            const error =
              typeof data === 'string' && data.includes('"error"')
                ? (JSON.parse(data) as { type?: string; error?: { message?: string; code?: string } })
                : undefined;
            if (error?.type === 'error') return void (refused = error.error);
            accepted = true;
            this.#abort.signal.removeEventListener('abort', abort);
            this.on.stage('channel');
            this.on.open();
            resolve();
          }
          this.on.message(data);
        },
        // A socket that never opened (the network, or a Content-Security-Policy without its origin) may fire only `error`.
        error: () => {
          if (!accepted && !this.#closed)
            reject(
              new VoiceError(
                'call_unreachable',
                'the WebSocket could not connect (the network, or a Content-Security-Policy whose connect-src lacks the service)',
              ),
            );
        },
        close: (code, reason) => {
          if (this.#closed) return;
          if (!accepted) return reject(refusal(code, reason, refused));
          // The service closing cleanly ended the call; anything else lost it.
          this.on.lost(new VoiceError(code === 1000 ? 'channel_closed' : 'connection_lost', reason));
        },
      });
    });
  }

  /** Once both are there: the socket's host gets the audio (the microphone to send, the player for the voice). */
  #attach(): void {
    if (this.#host && this.#audio) this.#host.attach(this.#audio);
  }

  send(message: string): void {
    if (!this.#host?.connected) throw new VoiceError('not_connected', '', undefined, true);
    this.#host.send(message);
  }

  // Muted (or push-to-talk released), nothing is sent: the service hears no audio rather than silence.
  setMicrophoneEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    this.#host?.setMicrophoneEnabled(enabled);
    // The track too, so the browser shows the microphone as off (WebKit still feeds a disabled track to Web Audio).
    for (const track of this.#stream?.getAudioTracks() ?? []) track.enabled = enabled;
  }

  useMicrophone(deviceId: string | undefined): Promise<void> {
    return switchMicrophone(
      deviceId,
      { source: this.microphone, owned: this.#mic, signal: this.#abort.signal, on: this.on },
      (stream) => this.#useStream(stream),
    );
  }

  /** Listens to `stream` and keeps following it: a microphone that goes away (unplugged) is replaced by the default. */
  #useStream(stream: MediaStream | undefined): void {
    this.#stream = stream;
    this.setMicrophoneEnabled(this.#enabled);
    this.#audio?.listen(stream);
    const track = stream?.getAudioTracks()[0];
    track?.addEventListener('ended', () => {
      if (!this.#closed && this.#stream === stream) void this.useMicrophone(undefined);
    });
  }

  readLevels(): Promise<Levels> {
    const levels = this.#audio?.levels() ?? { input: 0, output: 0 };
    // Muted, or push-to-talk not held: the meter shows what is sent, which is nothing.
    return Promise.resolve(this.#enabled ? levels : { ...levels, input: 0 });
  }

  // The service says nothing between turns: only a reply owed, or a send buffer that does not move, shows a stall.
  // Its voice comes ahead of time: while some still plays, a pause on the wire (TCP resending) goes unnoticed.
  readLink(): Promise<LinkReading> {
    return Promise.resolve({
      ...(this.#host?.link ?? { heardAt: performance.now(), stuckSince: undefined }),
      steady: false,
      playing: this.#audio?.playing ?? false,
    });
  }

  // The voice plays here: stop it, and tell the service how much of the item was heard.
  stopPlayback(): TransportEvent | undefined {
    const cut = this.#audio?.queuedItems() ?? [];
    const heard = this.#audio?.stop();
    if (this.#audio) this.#host?.cleared(this.#audio.epoch, cut);
    return (
      heard && {
        type: 'conversation.item.truncate',
        item_id: heard.itemId,
        content_index: 0,
        audio_end_ms: heard.playedMs,
      }
    );
  }

  voiceInterrupted(): TransportEvent | undefined {
    return this.stopPlayback();
  }

  async resumeAudio(): Promise<void> {
    await this.#audio?.resume();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.#host?.close();
    this.#audio?.close();
    stopStream(this.#mic.stream);
  }
}
