import { sleep, type CallContext } from './call-context.js';
import { obfuscation, textTokens } from './events.js';
import { newId } from './ids.js';
import type { Item } from './items.js';
import { Playback } from './playback.js';
import { sampleFor } from './responder.js';
import { speak, type Pcm } from '../media/speech.js';

/** One response being generated. */
export interface Running {
  readonly id: string;
  /** Aborts when generation stops (cancelled by the client or by the visitor speaking). */
  readonly abort: AbortController;
  reason: 'client_cancelled' | 'turn_detected';
  readonly requestedAt: number;
  /** Output tokens allowed (`max_output_tokens`); the reply stops there, `incomplete`. */
  readonly maxTokens: number;
  tokens: { text: number; audio: number };
  /** The reply hit `maxTokens`. */
  truncated: boolean;
  /** Out of band (`conversation: "none"`): its items join no conversation. */
  outOfBand?: boolean;
}

/** Ids every event about one output item carries. */
export interface ItemIds {
  response_id: string;
  item_id: string;
  output_index: number;
}

/** The call's voice: plays an item's audio (and says so, as the transport does) and keeps it to clear later. */
export interface VoiceOut {
  /** Resolves once the item's audio is generated (over a WebSocket: its last delta sent). */
  play(playback: Playback, ids: ItemIds, requestedAt: number): Promise<void>;
}

/** Words with their trailing space, the way transcript deltas arrive. */
export const chunks = (text: string): string[] => text.match(/\S+\s*/g) ?? [];

/** A 440 Hz tone, only when text-to-speech fails: the track must still carry audio. */
const tone = (ms: number): Pcm => {
  const samples = new Int16Array(Math.round(48 * ms));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 48000));
  return { samples, rate: 48000 };
};

/** Streams the items of a response with the service's event sequence for each kind. */
export class ResponseItems {
  /** Responses out of band: their items are the response's alone, never the conversation's. */
  readonly #outOfBand = new Set<string>();

  constructor(
    private readonly call: CallContext,
    private readonly voice: VoiceOut,
  ) {}

  /** The one way an output item starts: in the conversation, then announced as the response's and the conversation's. */
  open(running: Running, index: number, item: Item): { ids: ItemIds; previous: string | null } {
    const ids = { response_id: running.id, item_id: item.id, output_index: index };
    if (running.outOfBand) {
      this.#outOfBand.add(running.id);
      this.call.send({ type: 'response.output_item.added', response_id: running.id, output_index: index, item });
      return { ids, previous: null };
    }
    const previous = this.call.items.insert(item);
    this.call.send({ type: 'response.output_item.added', response_id: running.id, output_index: index, item });
    this.call.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    return { ids, previous };
  }

  /** The one way an output item ends: the conversation's `item.done` first, then the response's. */
  close(item: Item, ids: ItemIds, previous: string | null): Item {
    if (!this.#outOfBand.delete(ids.response_id))
      this.call.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    else this.#outOfBand.add(ids.response_id);
    this.call.send({
      type: 'response.output_item.done',
      response_id: ids.response_id,
      output_index: ids.output_index,
      item,
    });
    return item;
  }

  /** An assistant message, spoken (with its transcript streamed a little ahead of the voice) or written. */
  async message(running: Running, index: number, text: string, audio: boolean): Promise<Item> {
    const { signal } = running.abort;
    const item: Item = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    const { ids, previous } = this.open(running, index, item);
    const part = { ...ids, content_index: 0 };
    this.call.send({
      type: 'response.content_part.added',
      ...part,
      part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' },
    });
    // The item holds what has been generated so far (a client may retrieve it mid-reply).
    const content: { type: 'output_audio'; transcript: string } | { type: 'output_text'; text: string } = audio
      ? { type: 'output_audio', transcript: '' }
      : { type: 'output_text', text: '' };
    item.content = [content];
    const words = chunks(text);
    let pace = 40;
    let playback: Playback | undefined;
    let generated = Promise.resolve();
    if (audio) {
      const pcm = await speak(text).catch(() => tone(800));
      await sleep(this.call.replyDelayMs - (performance.now() - running.requestedAt), signal);
      if (!signal.aborted && !this.call.signal.aborted) {
        playback = new Playback(running.id, item.id, pcm, text);
        generated = this.voice.play(playback, ids, running.requestedAt);
        running.tokens.audio += Math.ceil(playback.totalMs / 100);
        // The transcript streams a little ahead of the voice, as the service's does.
        pace = (playback.totalMs / Math.max(1, words.length)) * 0.8;
      }
    }
    let streamed = '';
    for (const word of words) {
      if (signal.aborted) break;
      if (running.tokens.text + textTokens(streamed + word) > running.maxTokens) {
        running.truncated = true;
        break;
      }
      this.call.send({
        type: audio ? 'response.output_audio_transcript.delta' : 'response.output_text.delta',
        ...part,
        delta: word,
        obfuscation: obfuscation(),
      });
      streamed += word;
      if (content.type === 'output_audio') content.transcript = streamed;
      else content.text = streamed;
      await sleep(pace, signal);
    }
    running.tokens.text += textTokens(streamed);
    const complete = streamed.length === text.length;
    // Generation stopped early: only the audio generated so far (about as far as the transcript got) is ever heard.
    if (!complete) playback?.stopGenerating(words.length ? chunks(streamed).length / words.length : 0);
    const final = complete ? text : streamed;
    if (audio) {
      if (playback) {
        await generated;
        this.call.send({ type: 'response.output_audio.done', ...part });
      }
      this.call.send({ type: 'response.output_audio_transcript.done', ...part, transcript: final });
      this.call.send({ type: 'response.content_part.done', ...part, part: { type: 'audio', transcript: final } });
    } else {
      this.call.send({ type: 'response.output_text.done', ...part, text: final });
      this.call.send({ type: 'response.content_part.done', ...part, part: { type: 'text', text: final } });
    }
    // A truncated item has lost its transcript, as on the service.
    const kept = playback?.truncatedAtMs === undefined ? final : '';
    Object.assign(item, {
      status: complete ? 'completed' : 'incomplete',
      content: [audio ? { type: 'output_audio', transcript: kept } : { type: 'output_text', text: final }],
    });
    return this.close(item, ids, previous);
  }

  /** A long text reply at a set delta rate, with bursts (the render benchmark's load). */
  async textStream(running: Running, index: number, plan: StreamPlan): Promise<Item> {
    const { signal } = running.abort;
    const item: Item = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    const { ids, previous } = this.open(running, index, item);
    const part = { ...ids, content_index: 0 };
    this.call.send({ type: 'response.content_part.added', ...part, part: { type: 'text', text: '' } });
    const start = performance.now();
    let due = 0;
    let text = '';
    for (let n = 0; n < plan.deltas && !signal.aborted; n++) {
      const inBurst = plan.burstEvery > 0 && due % plan.burstEvery < plan.burstMs;
      due += 1000 / (inBurst ? plan.burstRate : plan.rate);
      const word = `w${n} `;
      this.call.send({ type: 'response.output_text.delta', ...part, delta: word, obfuscation: obfuscation() });
      text += word;
      const wait = start + due - performance.now();
      if (wait > 1) await sleep(wait, signal);
    }
    running.tokens.text += textTokens(text);
    this.call.send({ type: 'response.output_text.done', ...part, text });
    this.call.send({ type: 'response.content_part.done', ...part, part: { type: 'text', text } });
    Object.assign(item, {
      status: signal.aborted ? 'incomplete' : 'completed',
      content: [{ type: 'output_text', text }],
    });
    return this.close(item, ids, previous);
  }

  /** A function call whose arguments fit the tool's JSON Schema; the client answers with `function_call_output`. */
  async functionCall(running: Running, index: number, tool: { name: string; parameters?: unknown }): Promise<Item> {
    const item: Item = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'function_call',
      status: 'in_progress',
      name: tool.name,
      call_id: newId('call'),
      arguments: '',
    };
    const { ids, previous } = this.open(running, index, item);
    const call = { ...ids, call_id: item.call_id! };
    const args = JSON.stringify(sampleFor(tool.parameters as never));
    const half = Math.ceil(args.length / 2);
    for (const delta of [args.slice(0, half), args.slice(half)]) {
      if (running.abort.signal.aborted) break;
      this.call.send({ type: 'response.function_call_arguments.delta', ...call, delta });
      await sleep(20, running.abort.signal);
    }
    const complete = !running.abort.signal.aborted;
    if (complete)
      this.call.send({ type: 'response.function_call_arguments.done', ...call, name: tool.name, arguments: args });
    running.tokens.text += textTokens(args);
    Object.assign(item, { status: complete ? 'completed' : 'incomplete', arguments: complete ? args : '' });
    return this.close(item, ids, previous);
  }
}

export interface StreamPlan {
  deltas: number;
  rate: number;
  burstRate: number;
  burstEvery: number;
  burstMs: number;
}

/** `response.metadata` (string values, as the API requires) can ask the stand-in for a delta stream of a given rate. */
export function streamPlan(metadata: unknown): StreamPlan | undefined {
  const m = (metadata ?? {}) as Record<string, unknown>;
  const deltas = Number(m.stand_in_deltas);
  if (!Number.isInteger(deltas) || deltas <= 0) return undefined;
  const num = (key: string, fallback: number) =>
    Number.isFinite(Number(m[key])) && Number(m[key]) > 0 ? Number(m[key]) : fallback;
  return {
    deltas: Math.min(deltas, 100_000),
    rate: num('stand_in_rate', 100),
    burstRate: num('stand_in_burst_rate', 200),
    burstEvery: num('stand_in_burst_every_ms', 0),
    burstMs: num('stand_in_burst_ms', 0),
  };
}
