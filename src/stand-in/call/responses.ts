import { sleep, type CallContext } from './call-context.js';
import { audioTokens, responseUsage, textTokens } from './events.js';
import { newId } from './ids.js';
import type { Item } from './items.js';
import type { Mcp } from './mcp.js';
import { reply, toolNamedIn } from './responder.js';
import { ResponseItems, streamPlan, type Running, type VoiceOut } from './response-items.js';

type Json = Record<string, unknown>;

// `rate_limits.updated` follows `response.done` by about this much on the service.
const RATE_LIMITS_AFTER_MS = 40;
const TOKEN_LIMIT = 1_000_000;

const textOf = (item: Item | undefined): string =>
  item?.type === 'message'
    ? item.content
        .map((part) => ('text' in part && part.text) || ('transcript' in part && part.transcript) || '')
        .join(' ')
        .trim()
    : '';

/**
 * Responses of one call: one at a time (a second `response.create` is refused as the service refuses it), each
 * `response.created` → its items → `response.done` with status, usage and `rate_limits.updated`.
 */
export class Responses {
  readonly items: ResponseItems;
  mcp: Mcp | undefined;
  #active: Running | undefined;
  #tokensUsed = 0;
  /** The session's one default conversation (out-of-band responses answer `conversation_id: null`). */
  readonly #conversationId = newId('conv');

  constructor(
    private readonly call: CallContext,
    voice: VoiceOut,
    /** How much speech a committed user item held (the stand-in answers with it). */
    private readonly heardMs: ReadonlyMap<string, number>,
  ) {
    this.items = new ResponseItems(call, voice);
  }

  get active(): Running | undefined {
    return this.#active;
  }

  /** `response.create`. */
  create(eventId: unknown, options: Json): void {
    // Out of band, a response runs beside the conversation's, as on the service.
    if (options.conversation === 'none') return void this.#run(options);
    if (this.#active) {
      const message = `Conversation already has an active response in progress: ${this.#active.id}. Wait until the response is finished before creating a new one.`;
      return this.call.error('conversation_already_has_active_response', message, eventId);
    }
    void this.#run(options);
  }

  /** `response.cancel`: generation stops; audio already generated keeps playing until the client clears it. */
  cancel(eventId: unknown, responseId: unknown): void {
    const active = this.#active;
    if (!active || (typeof responseId === 'string' && responseId !== active.id)) {
      return this.call.error('response_cancel_not_active', 'Cancellation failed: no active response found.', eventId);
    }
    active.reason = 'client_cancelled';
    active.abort.abort();
  }

  /** The visitor spoke over the reply: generation stops (`turn_detected`). */
  interrupt(): void {
    if (!this.#active) return;
    this.#active.reason = 'turn_detected';
    this.#active.abort.abort();
  }

  async #run(options: Json): Promise<void> {
    const limit = (options.max_output_tokens ?? this.call.session.max_output_tokens) as number | 'inf';
    const maxTokens = Math.min(
      typeof limit === 'number' ? limit : Infinity,
      this.call.scenario.maxOutputTokens ?? Infinity,
    );
    const outOfBand = options.conversation === 'none';
    const running: Running = {
      id: newId('resp'),
      abort: new AbortController(),
      reason: 'client_cancelled',
      requestedAt: performance.now(),
      maxTokens,
      tokens: { text: 0, audio: 0 },
      truncated: false,
      outOfBand,
    };
    if (!outOfBand) this.#active = running;
    const modalities =
      (options.output_modalities as ('audio' | 'text')[] | undefined) ?? this.call.session.output_modalities;
    const response = {
      object: 'realtime.response' as const,
      id: running.id,
      status: 'in_progress' as 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'incomplete',
      status_details: null as Json | null,
      output: [] as Item[],
      conversation_id: outOfBand ? null : this.#conversationId,
      output_modalities: modalities,
      max_output_tokens: limit,
      audio: { output: { format: { type: 'audio/pcm' as const, rate: 24000 as const }, voice: this.#voiceName() } },
      usage: null as ReturnType<typeof responseUsage> | null,
      metadata: (options.metadata as Record<string, string> | undefined) ?? null,
    };
    this.call.send({ type: 'response.created', response: structuredClone(response) });
    const failure = this.call.scenario.failResponses;
    if (failure) await sleep(50, this.call.signal);
    else response.output = await this.#generate(running, options, modalities.includes('audio'));
    if (!outOfBand) this.#active = undefined;
    if (this.call.signal.aborted) return;
    const cancelled = running.abort.signal.aborted;
    if (failure) Object.assign(response, { status: 'failed', status_details: { type: 'failed', error: failure } });
    else if (cancelled)
      Object.assign(response, { status: 'cancelled', status_details: { type: 'cancelled', reason: running.reason } });
    else if (running.truncated)
      Object.assign(response, {
        status: 'incomplete',
        status_details: { type: 'incomplete', reason: 'max_output_tokens' },
      });
    else response.status = 'completed';
    response.usage = this.#usage(running);
    this.call.send({ type: 'response.done', response });
    await sleep(RATE_LIMITS_AFTER_MS, this.call.signal);
    if (this.call.signal.aborted) return;
    const remaining = Math.max(0, TOKEN_LIMIT - this.#tokensUsed);
    this.call.send({
      type: 'rate_limits.updated',
      rate_limits: [
        { name: 'requests', limit: 1000, remaining: 999, reset_seconds: 0.06 },
        { name: 'tokens', limit: TOKEN_LIMIT, remaining, reset_seconds: 0.5 },
      ],
    });
  }

  /** What the stand-in says: a stream the test asked for, an MCP or function call a message names, or a reply. */
  async #generate(running: Running, options: Json, audio: boolean): Promise<Item[]> {
    const output: Item[] = [];
    // With `input`, the response reads only those items (or the items they refer to), not the conversation.
    const last = Array.isArray(options.input) ? this.#inputItem(options.input.at(-1)) : this.call.items.last;
    const userText = last?.type === 'message' && last.role === 'user' ? textOf(last) : '';
    const stream = streamPlan(options.metadata);
    if (stream) return [await this.items.textStream(running, 0, stream)];
    let text = reply.greeting();
    const answered = last && (await this.mcp?.answer(running, 0, last));
    const server = userText ? this.mcp?.serverFor(userText) : undefined;
    const tool = userText ? toolNamedIn(userText, this.call.session) : undefined;
    if (answered) {
      output.push(answered.item);
      text = reply.toToolOutput(String((answered.item as { name?: string }).name), answered.output ?? '');
    } else if (last?.type === 'mcp_approval_response') text = reply.toDenial();
    else if (server) {
      const used = await this.mcp!.use(running, 0, server, userText);
      if (used.output === undefined) return [used.item];
      output.push(used.item);
      text = reply.toToolOutput(String((used.item as { name?: string }).name), used.output);
    } else if (tool) return [await this.items.functionCall(running, 0, tool)];
    else if (last?.type === 'function_call_output') {
      const call = this.call.items.callOf(last.call_id);
      text = reply.toToolOutput(call?.type === 'function_call' ? call.name : 'unknown', last.output);
    } else if (userText) text = reply.toText(userText);
    else if (last && this.heardMs.has(last.id)) text = reply.toSpeech(this.heardMs.get(last.id)!);
    else if (typeof options.instructions === 'string') text = reply.toInstructions(options.instructions);
    if (!running.abort.signal.aborted) output.push(await this.items.message(running, output.length, text, audio));
    return output;
  }

  /** An item of a response's `input`: itself, or the conversation's item an `item_reference` names. */
  #inputItem(entry: unknown): Item | undefined {
    const item = entry as { type?: string; id?: string } | undefined;
    return item?.type === 'item_reference' ? this.call.items.find(String(item.id)) : (item as Item | undefined);
  }

  #usage(running: Running): ReturnType<typeof responseUsage> {
    let text = 0;
    let audio = 0;
    for (const item of this.call.items.all) {
      text += textTokens(textOf(item));
      audio += audioTokens(this.heardMs.get(item.id) ?? 0);
    }
    const usage = responseUsage({ text, audio }, running.tokens);
    this.#tokensUsed += usage.total_tokens ?? 0;
    return usage;
  }

  #voiceName(): string {
    const voice = this.call.session.audio.output.voice;
    return typeof voice === 'string' ? voice : voice.id;
  }
}
