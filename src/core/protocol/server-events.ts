import * as z from 'zod/mini';
import { redact, redactDeep } from '../redact.js';

// Only the fields the element reads are declared, optional and nullable where OpenAI's published types allow it;
// everything else passes through untouched in the raw event (new fields appear often).
const text = z.optional(z.nullable(z.string()));
// `type` is optional in OpenAI's published types.
const contentPart = z.object({ type: z.optional(z.string()), text, transcript: text });
const item = z.object({
  id: z.string(),
  type: z.string(),
  role: z.optional(z.string()),
  status: z.optional(z.string()),
  content: z.optional(z.array(contentPart)),
  name: z.optional(z.string()),
  call_id: z.optional(z.string()),
  arguments: z.optional(z.string()),
  output: text,
  server_label: z.optional(z.string()),
  approval_request_id: text,
  approve: z.optional(z.nullable(z.boolean())),
  error: z.optional(z.unknown()),
});
const previous = z.optional(z.nullable(z.string()));
const withItem = z.object({ item, previous_item_id: previous });
const withSession = z.object({ session: z.looseObject({}) });
const errorDetail = z.object({
  type: z.optional(z.string()),
  code: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
});
const usage = z.optional(z.nullable(z.looseObject({})));
const response = z.object({
  response: z.object({
    id: z.optional(z.nullable(z.string())),
    status: z.optional(z.nullable(z.string())),
    status_details: z.optional(
      z.nullable(
        z.looseObject({ reason: z.optional(z.nullable(z.string())), error: z.optional(z.nullable(errorDetail)) }),
      ),
    ),
    output_modalities: z.optional(z.nullable(z.array(z.string()))),
    output: z.optional(
      z.nullable(
        z.array(
          z.object({
            id: z.optional(z.string()),
            type: z.optional(z.string()),
            content: z.optional(z.array(contentPart)),
          }),
        ),
      ),
    ),
    usage,
    // `null` out of band (`conversation: "none"`); a `conv_…` id in the default conversation.
    conversation_id: z.optional(z.nullable(z.string())),
    metadata: z.optional(z.nullable(z.record(z.string(), z.string()))),
  }),
});
const responseId = z.optional(z.string());
const delta = z.object({ item_id: z.string(), delta: z.optional(z.string()), response_id: responseId });
const itemRef = z.object({ item_id: z.string(), previous_item_id: previous });
const itemId = z.object({ item_id: z.string() });
const loose = z.object({});

const schemas = {
  'session.created': withSession,
  'session.updated': withSession,
  'conversation.item.added': withItem,
  'conversation.item.done': withItem,
  'conversation.item.retrieved': z.object({ item }),
  'conversation.item.deleted': itemId,
  'conversation.item.truncated': z.object({ item_id: z.string(), audio_end_ms: z.number() }),
  'input_audio_buffer.speech_started': z.object({ item_id: z.optional(z.string()) }),
  'input_audio_buffer.speech_stopped': loose,
  'input_audio_buffer.committed': itemRef,
  'input_audio_buffer.timeout_triggered': itemId,
  'conversation.item.input_audio_transcription.delta': delta,
  'conversation.item.input_audio_transcription.completed': z.object({
    item_id: z.string(),
    transcript: z.string(),
    usage,
  }),
  'conversation.item.input_audio_transcription.failed': z.object({
    item_id: z.string(),
    error: z.optional(z.nullable(errorDetail)),
  }),
  'response.created': response,
  'response.done': response,
  'response.output_item.added': z.object({ item, response_id: responseId }),
  'response.output_item.done': z.object({ item, response_id: responseId }),
  'response.output_audio_transcript.delta': delta,
  'response.output_audio_transcript.done': z.object({
    item_id: z.string(),
    transcript: z.string(),
    response_id: responseId,
  }),
  'response.output_text.delta': delta,
  'response.output_text.done': z.object({ item_id: z.string(), text: z.string(), response_id: responseId }),
  'response.mcp_call.in_progress': itemId,
  'response.mcp_call.completed': itemId,
  'response.mcp_call.failed': itemId,
  'mcp_list_tools.in_progress': itemId,
  'mcp_list_tools.completed': itemId,
  'mcp_list_tools.failed': itemId,
  'output_audio_buffer.started': loose,
  'output_audio_buffer.stopped': loose,
  'output_audio_buffer.cleared': loose,
  'rate_limits.updated': z.object({ rate_limits: z.array(z.looseObject({})) }),
  error: z.object({ error: z.object({ type: z.optional(z.string()), code: text, message: text, event_id: text }) }),
};

/** Beta event names still seen from older servers and proxies, mapped to their GA names. */
const ALIASES: Record<string, keyof typeof schemas> = {
  'conversation.item.created': 'conversation.item.added',
  'response.audio_transcript.delta': 'response.output_audio_transcript.delta',
  'response.audio_transcript.done': 'response.output_audio_transcript.done',
  'response.text.delta': 'response.output_text.delta',
  'response.text.done': 'response.output_text.done',
};

export type KnownType = keyof typeof schemas;
/** A server event the element understands, validated, with its GA type name. */
export type KnownServerEvent = {
  [K in KnownType]: z.infer<(typeof schemas)[K]> & { type: K; event_id?: string };
}[KnownType];
/** Any server event as it arrived: a JSON object with a `type`. */
export type ServerEvent = { type: string; event_id?: string; [field: string]: unknown };

export type Classified =
  | { kind: 'known'; raw: ServerEvent; event: KnownServerEvent }
  | { kind: 'unknown'; raw: ServerEvent }
  | { kind: 'invalid'; reason: string; raw?: ServerEvent };

const envelope = z.looseObject({ type: z.string() });

/**
 * Sorts one channel message into known (validated), unknown (new types are common) or invalid. An invalid message
 * that still names its type keeps it in `raw`, so what its type alone means (a response ended) is not lost.
 */
export function classify(message: unknown): Classified {
  if (typeof message !== 'string') return { kind: 'invalid', reason: 'binary message' };
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  const head = envelope.safeParse(data);
  if (!head.success) return { kind: 'invalid', reason: 'no event type' };
  const raw = data as ServerEvent;
  const type = ALIASES[raw.type] ?? raw.type;
  const schema = (schemas as Record<string, z.ZodMiniType>)[type];
  if (!schema) return { kind: 'unknown', raw };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { kind: 'invalid', reason: `malformed ${raw.type}`, raw };
  return {
    kind: 'known',
    raw,
    event: { ...(parsed.data as object), type, event_id: raw.event_id } as KnownServerEvent,
  };
}

/**
 * Reads a message from the service. Redacted before anything reads it, and again on every parsed string when the text
 * had escapes: a key in a server message reaches no event, item, log or error, however it was written.
 */
export function receive(data: unknown): Classified {
  const text = typeof data === 'string' ? redact(data) : data;
  const result = classify(text);
  if (typeof text === 'string' && text.includes('\\') && result.kind !== 'invalid') result.raw = redactDeep(result.raw);
  return result;
}
