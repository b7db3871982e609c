import * as z from 'zod';

// The 11 client events of the GA protocol with the fields OpenAI's published types give them, strict: a field the
// service does not know is refused (`unknown_parameter`), as a wrong shape is (`invalid_value`, `invalid_type`).
const id = z.optional(z.string().max(64));
const eventId = { event_id: z.optional(z.string().max(64)) };
const userContent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('input_text'), text: z.string() }),
  z.strictObject({
    type: z.literal('input_audio'),
    audio: z.optional(z.string()),
    transcript: z.optional(z.nullable(z.string())),
  }),
  z.strictObject({
    type: z.literal('input_image'),
    image_url: z.string(),
    detail: z.optional(z.enum(['auto', 'low', 'high'])),
  }),
]);
const assistantContent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('output_text'), text: z.string() }),
  z.strictObject({
    type: z.literal('output_audio'),
    audio: z.optional(z.string()),
    transcript: z.optional(z.string()),
  }),
]);
const status = z.optional(z.enum(['completed', 'incomplete', 'in_progress']));
const base = { id, object: z.optional(z.literal('realtime.item')), status };
const message = z.discriminatedUnion('role', [
  z.strictObject({ ...base, type: z.literal('message'), role: z.literal('user'), content: z.array(userContent) }),
  z.strictObject({
    ...base,
    type: z.literal('message'),
    role: z.literal('assistant'),
    content: z.array(assistantContent),
  }),
  z.strictObject({
    ...base,
    type: z.literal('message'),
    role: z.literal('system'),
    content: z.array(z.strictObject({ type: z.literal('input_text'), text: z.string() })),
  }),
]);
const item = z.discriminatedUnion('type', [
  message,
  z.strictObject({
    ...base,
    type: z.literal('function_call'),
    name: z.string(),
    arguments: z.string(),
    call_id: z.optional(z.string()),
  }),
  z.strictObject({ ...base, type: z.literal('function_call_output'), call_id: z.string(), output: z.string() }),
  z.strictObject({
    id,
    type: z.literal('mcp_approval_response'),
    approval_request_id: z.string(),
    approve: z.boolean(),
    reason: z.optional(z.nullable(z.string())),
  }),
]);
const responseOptions = z.strictObject({
  instructions: z.optional(z.string()),
  output_modalities: z.optional(z.tuple([z.enum(['audio', 'text'])])),
  tools: z.optional(z.array(z.record(z.string(), z.unknown()))),
  tool_choice: z.optional(z.unknown()),
  conversation: z.optional(z.union([z.enum(['auto', 'none']), z.string()])),
  input: z.optional(z.array(z.record(z.string(), z.unknown()))),
  metadata: z.optional(z.nullable(z.record(z.string(), z.string().max(512)))),
  max_output_tokens: z.optional(z.union([z.literal('inf'), z.number().int().min(1).max(4096)])),
  audio: z.optional(
    z.strictObject({
      output: z.optional(z.strictObject({ voice: z.optional(z.unknown()), format: z.optional(z.unknown()) })),
    }),
  ),
  prompt: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  // For reasoning models (gpt-realtime-2) in OpenAI's types; the stand-in takes them and reasons no differently.
  reasoning: z.optional(z.strictObject({ effort: z.optional(z.enum(['minimal', 'low', 'medium', 'high', 'xhigh'])) })),
  parallel_tool_calls: z.optional(z.boolean()),
});

export const CLIENT_EVENTS = {
  'session.update': z.strictObject({ type: z.literal('session.update'), ...eventId, session: z.unknown() }),
  'input_audio_buffer.append': z.strictObject({
    type: z.literal('input_audio_buffer.append'),
    ...eventId,
    audio: z.string(),
  }),
  'input_audio_buffer.clear': z.strictObject({ type: z.literal('input_audio_buffer.clear'), ...eventId }),
  'input_audio_buffer.commit': z.strictObject({ type: z.literal('input_audio_buffer.commit'), ...eventId }),
  'output_audio_buffer.clear': z.strictObject({ type: z.literal('output_audio_buffer.clear'), ...eventId }),
  'conversation.item.create': z.strictObject({
    type: z.literal('conversation.item.create'),
    ...eventId,
    previous_item_id: z.optional(z.nullable(z.string())),
    item,
  }),
  'conversation.item.retrieve': z.strictObject({
    type: z.literal('conversation.item.retrieve'),
    ...eventId,
    item_id: z.string(),
  }),
  'conversation.item.truncate': z.strictObject({
    type: z.literal('conversation.item.truncate'),
    ...eventId,
    item_id: z.string(),
    content_index: z.number().int().min(0),
    audio_end_ms: z.number().int().min(0),
  }),
  'conversation.item.delete': z.strictObject({
    type: z.literal('conversation.item.delete'),
    ...eventId,
    item_id: z.string(),
  }),
  'response.create': z.strictObject({
    type: z.literal('response.create'),
    ...eventId,
    response: z.optional(responseOptions),
  }),
  'response.cancel': z.strictObject({
    type: z.literal('response.cancel'),
    ...eventId,
    response_id: z.optional(z.string()),
  }),
};

export type ClientEventType = keyof typeof CLIENT_EVENTS;
export type ClientEventOf<K extends ClientEventType> = z.infer<(typeof CLIENT_EVENTS)[K]>;

export const isClientEventType = (type: string): type is ClientEventType => Object.hasOwn(CLIENT_EVENTS, type);
