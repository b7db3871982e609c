import { sleep, type CallContext } from './call-context.js';
import type { CallTransport } from './call-seams.js';
import type { ClientEventOf } from './client-events.js';
import type { Playback } from './playback.js';
import type { ItemIds } from './response-items.js';

const TIMED_PACKETS = 8; // a reply's first packets whose send times are kept (the bench's per-turn figure)
const KEPT_VOICES = 32; // only recent replies can still be truncated by a client: older ones are let go

export interface VoiceOutHost extends CallContext {
  readonly closed: boolean;
}

/**
 * The model's voice on one call: which item plays, the voice of recent items (what a truncation may cut), clearing and
 * truncating them as the service does, and when each reply's first packets left.
 */
export class VoiceOut {
  /** Per spoken reply, in epoch ms: when `response.create` arrived, and when its first audio packets left. */
  readonly replyTimes: { requestedAt: number; packetsAt: number[] }[] = [];
  #playback: Playback | undefined;
  #voiced = new Map<string, Playback>();
  #started = false;

  constructor(
    private readonly call: VoiceOutHost,
    private readonly transport: () => CallTransport | undefined,
    /** A reply's voice has played to its end (the idle timeout counts from here). */
    private readonly played: () => void,
  ) {}

  /** Whether any voice has played yet (some session settings are fixed from then on). */
  get started(): boolean {
    return this.#started;
  }

  get playing(): boolean {
    return this.#playback !== undefined;
  }

  /**
   * The voice of one item starts playing; over WebRTC the service says so (`output_audio_buffer.*`). Resolves once the
   * item's audio is generated: over a WebSocket, once its last delta is out (`response.output_audio.done` follows).
   */
  play(playback: Playback, ids: ItemIds, requestedAt: number): Promise<void> {
    const { call } = this;
    const transport = this.transport();
    if (!transport || call.closed) return Promise.resolve();
    this.#playback?.clear();
    this.#playback = playback;
    this.#voiced.set(playback.itemId, playback);
    if (this.#voiced.size > KEPT_VOICES) this.#voiced.delete(this.#voiced.keys().next().value!);
    this.#started = true;
    const webrtc = call.kind === 'webrtc';
    const epoch = (t: number) => performance.timeOrigin + t;
    if (webrtc) call.send({ type: 'output_audio_buffer.started', response_id: ids.response_id });
    const speaker = transport.speaker(ids, (event) => call.send(event));
    // The first packets' send times: a browser's (cached) stats may first show a later one than the first.
    const times = { requestedAt: epoch(requestedAt), packetsAt: [] as number[] };
    const startedAt = performance.now();
    const played = playback.play(speaker, () => {
      if (times.packetsAt.length >= TIMED_PACKETS) return;
      if (times.packetsAt.push(epoch(performance.now())) === 1) this.replyTimes.push(times);
    });
    // The idle timeout counts from when the voice has played: over a WebSocket that is later than its last delta.
    void played.then(async () => {
      if (this.#playback === playback) this.#playback = undefined;
      if (playback.cleared || call.closed) return;
      if (webrtc) call.send({ type: 'output_audio_buffer.stopped', response_id: ids.response_id });
      else await sleep(playback.playedMs - (performance.now() - startedAt), call.signal);
      if (!call.closed) this.played();
    });
    return webrtc ? Promise.resolve() : played;
  }

  /** Playback stops; the item keeps only what was heard (`conversation.item.truncated`). */
  clear(): void {
    const playback = this.#playback;
    if (!playback) return;
    this.#playback = undefined;
    const heardMs = playback.clear();
    this.call.send({ type: 'output_audio_buffer.cleared', response_id: playback.responseId });
    this.#cut(playback.itemId, heardMs);
  }

  /** The call ended: nothing more plays. */
  stop(): void {
    this.#playback?.clear();
  }

  /** A client's `conversation.item.truncate`, checked as the service checks it. */
  truncate(event: ClientEventOf<'conversation.item.truncate'>): void {
    const { call } = this;
    const item = call.items.find(event.item_id);
    if (!item)
      return call.error('item_not_found', `Item with item_id not found: ${event.item_id}`, event.event_id, 'item_id');
    const playback = this.#voiced.get(item.id);
    const audio = playback || (item.type === 'message' && item.content[0]?.type === 'output_audio');
    if (item.type !== 'message' || item.role !== 'assistant' || event.content_index !== 0 || !audio) {
      const message = 'Only the audio content of an assistant message can be truncated.';
      return call.error('invalid_value', message, event.event_id, 'content_index');
    }
    // The audio the item has: over a WebSocket, what was sent so far; over WebRTC, all that was generated.
    const availableMs = !playback ? 0 : call.kind === 'websocket' ? playback.playedMs : playback.generatedMs;
    if (event.audio_end_ms > availableMs) {
      const message = `Audio content of ${availableMs}ms is shorter than ${event.audio_end_ms}ms.`;
      return call.error('invalid_value', message, event.event_id, 'audio_end_ms');
    }
    if (playback && this.#playback === playback) {
      this.#playback = undefined;
      playback.clear();
    }
    this.#cut(item.id, event.audio_end_ms);
  }

  #cut(itemId: string, audioEndMs: number): void {
    const item = this.call.items.find(itemId);
    const part = item?.type === 'message' && item.role === 'assistant' ? item.content[0] : undefined;
    const playback = this.#voiced.get(itemId);
    if (playback) playback.truncatedAtMs = audioEndMs;
    // As the service does: truncation removes the item's transcript (only the client knows what was heard).
    if (part?.type === 'output_audio') part.transcript = '';
    this.call.send({
      type: 'conversation.item.truncated',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: audioEndMs,
    });
  }
}
