import type { PcmAudio } from '../../audio/pcm-audio.js';

/** What a call's socket tells the transport. Nothing arrives from a socket after another was opened. */
export interface SocketHandlers {
  message(data: unknown): void;
  /** It could not connect, or failed (a `close` follows when it was open). */
  error(): void;
  close(code: number, reason: string): void;
}

/** How the socket's path is doing (`performance.now()` times): see LinkReading. */
export interface SocketLink {
  heardAt: number;
  stuckSince: number | undefined;
}

/**
 * Where a call's WebSocket lives: in a worker of its own when the page allows one (audio then never crosses the
 * main thread), else on the page. One socket at a time; `open` again replaces it (a retry).
 */
export interface SocketHost {
  readonly where: 'worker' | 'page';
  /** Microphone audio dropped because the socket could not keep up, in ms. */
  readonly droppedAudioMs: number;
  open(url: string, protocols: string[], handlers: SocketHandlers): void;
  /** When anything last arrived, and since when what we send has not moved (as far as this thread knows). */
  readonly link: SocketLink;
  /** Whether the socket is open for sending (as far as this thread knows). */
  readonly connected: boolean;
  send(text: string): void;
  /** 40 ms of the microphone from the page's capture hook (only where the socket is on the page). */
  captured?(base64: string): void;
  /** The call's audio: the microphone's frames to send, and the player for the voice that arrives. */
  attach(audio: PcmAudio): void;
  setMicrophoneEnabled(enabled: boolean): void;
  /**
   * The player was stopped (a new epoch): voice queued from now on starts counting again, and voice still arriving
   * for the `cut` items (sent ahead of real time, already on its way) is dropped.
   */
  cleared(epoch: number, cut: readonly string[]): void;
  close(): void;
}
