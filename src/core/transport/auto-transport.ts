import { AbortedError, isAbort, VoiceError } from '../errors.js';
import type { LinkReading } from '../call/link-watch.js';
import type { Levels } from '../audio/levels.js';
import type { Stage } from '../session/session-events.js';
import type { CallRoute, MicrophoneSource, Transport, TransportEvent, TransportHandlers } from './transport.js';
import { ICE_GIVE_UP_MS, ICE_WAIT_MS, type TransportChoice } from './transport-choice.js';
import { WebRtcTransport } from './webrtc-transport.js';

/**
 * A call that takes WebRTC where it can and the WebSocket where it cannot: straight away where WebRTC is missing or
 * known broken, or after WebRTC found no path (no ICE connection within {@link ICE_WAIT_MS} of the answer, or ICE
 * failed). The fallback keeps the microphone and the key, and says nothing to the visitor: the call just connects.
 * The WebSocket transport is a chunk of its own, loaded only when a call needs it.
 */
export class AutoTransport implements Transport {
  #active: Transport | undefined;
  #choice: TransportChoice;
  #enabled = true;
  #closed = false;
  #stall: { timer?: ReturnType<typeof setTimeout>; settle?: (outcome: 'open' | 'ice-timeout' | 'ice-failed') => void } =
    {};

  constructor(
    private readonly route: CallRoute,
    private readonly microphone: MicrophoneSource,
    private readonly on: TransportHandlers,
    first: TransportChoice,
  ) {
    this.#choice = first;
  }

  get kind(): Transport['kind'] {
    return this.#choice.kind;
  }
  /** The transport that carries the call, and why. */
  get choice(): TransportChoice {
    return { ...this.#choice };
  }
  get callId(): string | undefined {
    return this.#active?.callId;
  }
  get attachTicket(): string | undefined {
    return this.#active?.attachTicket;
  }
  get microphoneId(): string | undefined {
    return this.#active?.microphoneId;
  }

  async connect(): Promise<void> {
    if (this.#choice.kind === 'websocket') return this.#overWebSocket(this.microphone);
    const rtc = (this.#active = new WebRtcTransport(this.route, this.microphone, this.#watching(this.on)));
    rtc.setMicrophoneEnabled(this.#enabled);
    const outcome = new Promise<'open' | 'ice-timeout' | 'ice-failed'>((settle) => (this.#stall.settle = settle));
    await rtc.connect();
    const result = await outcome;
    clearTimeout(this.#stall.timer);
    if (this.#closed) throw new AbortedError();
    if (result === 'open') return;
    // Only a key can open the WebSocket: with just a call endpoint there is no other way in.
    if (!this.route.key) throw new VoiceError('network_blocked', result);
    const microphone = rtc.releaseMicrophone();
    rtc.close();
    this.#choice = { kind: 'websocket', reason: result };
    return this.#overWebSocket({ ...this.microphone, handedOver: microphone });
  }

  /** The WebRTC attempt's handlers: the channel opening, ICE stalling or failing decide whether it stays. */
  #watching(on: TransportHandlers): TransportHandlers {
    const settled = () => this.#stall.settle === undefined;
    const settle = (outcome: 'open' | 'ice-timeout' | 'ice-failed') => {
      this.#stall.settle?.(outcome);
      this.#stall.settle = undefined;
    };
    return {
      ...on,
      stage: (stage: Stage) => {
        // ICE gets a short while after the answer to find a path; then the WebSocket takes over (or, with no key to
        // open one, the call fails a little later).
        if (stage === 'answer')
          this.#stall.timer = setTimeout(() => settle('ice-timeout'), this.route.key ? ICE_WAIT_MS : ICE_GIVE_UP_MS);
        if (stage === 'channel') settle('open');
        on.stage(stage);
      },
      lost: (error: VoiceError) => {
        if (settled()) return on.lost(error);
        if (error.code === 'connection_failed') return settle('ice-failed');
        settle('open');
        on.lost(error);
      },
    };
  }

  async #overWebSocket(microphone: MicrophoneSource): Promise<void> {
    let module: typeof import('./socket/websocket-transport.js');
    try {
      module = await import('./socket/websocket-transport.js');
    } catch (e) {
      throw new VoiceError('load_failed', `the WebSocket transport: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.#closed) throw new AbortedError();
    const socket = (this.#active = new module.WebSocketTransport(this.route, microphone, this.on));
    socket.setMicrophoneEnabled(this.#enabled);
    try {
      await socket.connect();
    } catch (e) {
      throw isAbort(e) || this.#closed ? new AbortedError() : e;
    }
  }

  send(message: string): void {
    if (!this.#active) throw new VoiceError('not_connected', '', undefined, true);
    this.#active.send(message);
  }
  setMicrophoneEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    this.#active?.setMicrophoneEnabled(enabled);
  }
  async useMicrophone(deviceId: string | undefined): Promise<void> {
    await this.#active?.useMicrophone(deviceId);
  }
  readLevels(): Promise<Levels> {
    return this.#active?.readLevels() ?? Promise.resolve({ input: 0, output: 0 });
  }
  readLink(): Promise<LinkReading> {
    return this.#active?.readLink?.() ?? Promise.resolve({ heardAt: performance.now(), steady: false });
  }
  stopPlayback(): TransportEvent | undefined {
    return this.#active?.stopPlayback();
  }
  voiceInterrupted(): TransportEvent | undefined {
    return this.#active?.voiceInterrupted();
  }
  async resumeAudio(): Promise<void> {
    await this.#active?.resumeAudio();
  }
  close(): void {
    this.#closed = true;
    clearTimeout(this.#stall.timer);
    this.#stall.settle?.('ice-failed');
    this.#active?.close();
  }
}
