import { randomBytes } from 'node:crypto';
import type {
  RealtimeResponse,
  RealtimeResponseStatus,
  RealtimeResponseUsage,
  RealtimeServerEvent,
} from 'openai/resources/realtime/realtime';

// Server events are typed with OpenAI's published types (the `openai` package), so a wrong field fails `npm run
// typecheck`. Where recorded real sessions show more than the types say, the difference is written out below.

/** Seen on every text, transcript and transcription delta of recorded sessions; absent from the published types. */
type Obfuscated =
  | 'response.output_text.delta'
  | 'response.output_audio_transcript.delta'
  | 'conversation.item.input_audio_transcription.delta';

/** `response.created` carries `status_details`, `usage` and `metadata` as null until they exist. */
// The types say `conversation_id?: string`, their own doc comment `null` out of band (as the service sends it).
type ResponseObject = Omit<RealtimeResponse, 'status_details' | 'usage' | 'conversation_id'> & {
  status_details: RealtimeResponseStatus | null;
  usage: RealtimeResponseUsage | null;
  conversation_id?: string | null;
};

type Patched<E> = E extends { type: Obfuscated }
  ? E & { obfuscation: string }
  : E extends { type: 'response.created' | 'response.done' }
    ? Omit<E, 'response'> & { response: ResponseObject }
    : E;

/** One server event as the stand-in sends it; `event_id` is added on the way out. */
export type Outgoing =
  Patched<RealtimeServerEvent> extends infer E ? (E extends unknown ? Omit<E, 'event_id'> : never) : never;

/** Random padding the service adds to deltas so their length says nothing about their content. */
export const obfuscation = (): string => randomBytes(2 + Math.floor(Math.random() * 10)).toString('base64url');

/** A rough token count (the stand-in has no tokenizer): about four characters a token. */
export const textTokens = (text: string): number => Math.ceil(text.length / 4);
/** Audio tokens by duration, as the service counts them (about 10 a second). */
export const audioTokens = (ms: number): number => Math.ceil(ms / 100);

/** `response.done`'s usage in the service's shape. */
export function responseUsage(
  input: { text: number; audio: number },
  output: { text: number; audio: number },
): RealtimeResponseUsage {
  const inputTokens = input.text + input.audio;
  const outputTokens = output.text + output.audio;
  return {
    total_tokens: inputTokens + outputTokens,
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    input_token_details: {
      text_tokens: input.text,
      audio_tokens: input.audio,
      image_tokens: 0,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: output.text, audio_tokens: output.audio },
  };
}
