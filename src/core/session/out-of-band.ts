import { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';
import type { KnownServerEvent } from '../protocol/server-events.js';

/** A finished out-of-band response, as `response.done` describes it. */
export type OutOfBandResponse = Extract<KnownServerEvent, { type: 'response.done' }>['response'];

/** What a page asks beside the conversation (`ask()`): instructions, and optionally its own input and metadata. */
export interface AskOptions {
  /** Items the response reads instead of the conversation (messages or `{type: "item_reference", id}`). */
  input?: readonly Record<string, unknown>[];
  /** Up to 16 string pairs, given back on the response (`rvc_ask` is ours). */
  metadata?: Record<string, string>;
}

/** An out-of-band response as the page gets it: its text, status and metadata. */
export interface OutOfBandAnswer {
  text: string;
  status: string;
  metadata: Record<string, string>;
  response: OutOfBandResponse;
}

/** Whether a `response.create` asks for a response out of band, which no response gate holds back. */
export const isOutOfBandRequest = (event: ClientEvent): boolean =>
  event.type === 'response.create' &&
  (event.response as { conversation?: unknown } | undefined)?.conversation === 'none';

/** The text of a finished response's messages. */
export function answerOf(response: OutOfBandResponse): OutOfBandAnswer {
  const text = (response.output ?? [])
    .flatMap((item) => item.content ?? [])
    .map((part) => part.text ?? part.transcript ?? '')
    .join('');
  return { text, status: response.status ?? 'completed', metadata: { ...response.metadata }, response };
}

let asked = 0;

/** The page's questions beside the conversation, each waiting for its own response (told apart by metadata). */
export class Asks {
  readonly #waiting = new Map<string, { resolve: (answer: OutOfBandAnswer) => void; reject: (error: Error) => void }>();

  /** The `response.create` for a question, and the promise of its answer. */
  ask(instructions: string, options: AskOptions = {}): { event: ClientEvent; answer: Promise<OutOfBandAnswer> } {
    const id = `ask_${++asked}`;
    const response: Record<string, unknown> = {
      conversation: 'none',
      output_modalities: ['text'],
      instructions,
      metadata: { ...options.metadata, rvc_ask: id },
    };
    if (options.input) response.input = options.input;
    const answer = new Promise<OutOfBandAnswer>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    return { event: { type: 'response.create', response }, answer };
  }

  /** An out-of-band response ended: the question it answers is answered (a failed one rejects). */
  done(answer: OutOfBandAnswer): void {
    const id = answer.metadata.rvc_ask;
    const waiting = id === undefined ? undefined : this.#waiting.get(id);
    if (!waiting || id === undefined) return;
    this.#waiting.delete(id);
    if (answer.status === 'completed') waiting.resolve(answer);
    else waiting.reject(new VoiceError('response_failed', answer.status, undefined, true));
  }

  /** The conversation ended: nothing waiting will be answered. */
  cancelAll(): void {
    for (const { reject } of this.#waiting.values()) reject(new VoiceError('not_connected', '', undefined, true));
    this.#waiting.clear();
  }
}
