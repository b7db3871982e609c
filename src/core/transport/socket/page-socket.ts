import type { PcmAudio } from '../../audio/pcm-audio.js';
import type { SocketHandlers, SocketHost, SocketLink } from './socket-host.js';

// When the socket backs up past this (about 2 s of audio as base64), microphone audio is dropped, and counted.
const MAX_BUFFERED_BYTES = 128 * 1024;
// What each capture carries (the worklet posts 40 ms at a time).
const CAPTURE_MS = 40;
const AUDIO_DELTA = '"response.output_audio.delta"';
// Cut items remembered, so their voice still in flight is dropped (the newest few are enough).
const MAX_CUT = 16;

/**
 * The call's socket on the page's main thread: where a worker cannot load (a script from another origin, or a policy
 * that allows none). Audio passes through this thread: the microphone's frames out, the voice in to the player.
 */
export class PageSocket implements SocketHost {
  readonly where = 'page';
  droppedAudioMs = 0;
  #socket: WebSocket | undefined;
  #audio: PcmAudio | undefined;
  #enabled = false; // until the transport says the microphone is on
  #cut: string[] = [];
  #heardAt = performance.now();
  #moved = { at: performance.now(), buffered: 0 };

  open(url: string, protocols: string[], on: SocketHandlers): void {
    this.#socket?.close(1000);
    const socket = (this.#socket = new WebSocket(url, protocols));
    // Binary frames arrive as ArrayBuffer, as on a data channel (the session reports them as invalid events).
    socket.binaryType = 'arraybuffer';
    this.#heardAt = performance.now();
    this.#moved = { at: this.#heardAt, buffered: 0 };
    const live = () => this.#socket === socket;
    socket.addEventListener('message', ({ data }: MessageEvent) => {
      if (!live()) return;
      this.#heardAt = performance.now();
      this.#receive(data, on);
    });
    socket.addEventListener('error', () => live() && on.error());
    socket.addEventListener('close', ({ code, reason }: CloseEvent) => live() && on.close(code, reason));
  }

  get link(): SocketLink {
    const buffered = this.#socket?.bufferedAmount ?? 0;
    if (buffered === 0 || buffered < this.#moved.buffered) this.#moved.at = performance.now();
    this.#moved.buffered = buffered;
    return { heardAt: this.#heardAt, stuckSince: buffered > 0 ? this.#moved.at : undefined };
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  send(text: string): void {
    this.#socket?.send(text);
  }

  attach(audio: PcmAudio): void {
    this.#audio = audio;
  }

  /** 40 ms of the microphone, from the capture worklet (through PcmAudio's hook). */
  captured(base64: string): void {
    const socket = this.#socket;
    if (!this.#enabled || socket?.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return void (this.droppedAudioMs += CAPTURE_MS);
    // Built by hand: base64 needs no escaping, and this runs 25 times a second.
    socket.send(`{"type":"input_audio_buffer.append","audio":"${base64}"}`);
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.#enabled = enabled;
  }

  cleared(_epoch: number, cut: readonly string[]): void {
    this.#cut = [...this.#cut, ...cut].slice(-MAX_CUT);
  }

  close(): void {
    this.#socket?.close(1000);
    this.#socket = undefined;
  }

  /** The voice goes to the player (as in the worker); anything else, an unplayable delta too, to the session. */
  #receive(data: unknown, on: SocketHandlers): void {
    if (typeof data === 'string' && data.includes(AUDIO_DELTA)) {
      let event: { type?: string; item_id?: unknown; delta?: unknown } | undefined;
      try {
        event = JSON.parse(data) as typeof event;
      } catch {
        // Not JSON: the session reports the message as invalid.
      }
      const voice =
        event?.type === 'response.output_audio.delta' &&
        typeof event.item_id === 'string' &&
        typeof event.delta === 'string';
      if (voice && this.#cut.includes(event!.item_id as string)) return;
      if (voice && this.#audio?.play(event!.item_id as string, event!.delta as string)) return;
    }
    on.message(data);
  }
}
