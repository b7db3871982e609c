import type { KnownServerEvent } from '../protocol/server-events.js';

/** Tokens used by the call so far, by kind, and the service's rate limits as it last reported them. */
export interface Usage {
  /** Responses counted. */
  responses: number;
  totalTokens: number;
  input: { text: number; audio: number; image: number; cached: number };
  output: { text: number; audio: number };
  /** Tokens the service spent transcribing the visitor's speech. */
  transcription: { input: number; output: number };
  /** `rate_limits.updated`'s list: `{name, limit, remaining, reset_seconds}`. */
  rateLimits: readonly Record<string, unknown>[];
}

export const emptyUsage = (): Usage => ({
  responses: 0,
  totalTokens: 0,
  input: { text: 0, audio: 0, image: 0, cached: 0 },
  output: { text: 0, audio: 0 },
  transcription: { input: 0, output: 0 },
  rateLimits: [],
});

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);
const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** Adds what one event reports to `usage`; returns the new totals, or undefined when the event reports none. */
export function addUsage(usage: Usage, event: KnownServerEvent): Usage | undefined {
  switch (event.type) {
    case 'response.done': {
      const u = event.response.usage;
      if (!u) return undefined;
      const input = obj(u.input_token_details);
      const output = obj(u.output_token_details);
      return {
        ...usage,
        responses: usage.responses + 1,
        totalTokens: usage.totalTokens + num(u.total_tokens),
        input: {
          text: usage.input.text + num(input.text_tokens),
          audio: usage.input.audio + num(input.audio_tokens),
          image: usage.input.image + num(input.image_tokens),
          cached: usage.input.cached + num(input.cached_tokens),
        },
        output: {
          text: usage.output.text + num(output.text_tokens),
          audio: usage.output.audio + num(output.audio_tokens),
        },
      };
    }
    case 'conversation.item.input_audio_transcription.completed': {
      const u = event.usage;
      if (!u || u.type !== 'tokens') return undefined;
      return {
        ...usage,
        totalTokens: usage.totalTokens + num(u.total_tokens),
        transcription: {
          input: usage.transcription.input + num(u.input_tokens),
          output: usage.transcription.output + num(u.output_tokens),
        },
      };
    }
    case 'rate_limits.updated':
      return { ...usage, rateLimits: event.rate_limits.map((limit) => ({ ...limit })) };
    default:
      return undefined;
  }
}
