/** Any client event: a JSON object with a `type` (see the Realtime API reference for the 11 GA types). */
export type ClientEvent = { type: string; event_id?: string; [field: string]: unknown };

/** `server_vad` and `semantic_vad` detect turns on the server; `none` is push-to-talk (the client commits). */
export type TurnDetectionMode = 'server_vad' | 'semantic_vad' | 'none';

/** A function tool as the session declares it (JSON Schema parameters). */
export interface ToolDeclaration {
  name: string;
  description?: string | undefined;
  parameters?: Record<string, unknown> | undefined;
}

/** Session fields the element sets from its attributes; `extra` carries any other GA session field and wins over them.
 * The model is bound to the key, so it travels with the token request, never in `session.update`. */
export interface SessionOptions {
  voice?: string | undefined;
  instructions?: string | undefined;
  turnDetection?: TurnDetectionMode | undefined;
  /** Transcription model for the visitor's speech; `none` turns transcription off. */
  transcriptionModel?: string | undefined;
  outputModalities?: readonly ('audio' | 'text')[] | undefined;
  tools?: readonly ToolDeclaration[] | undefined;
  extra?: Record<string, unknown> | undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects; arrays and nulls replace. */
export function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = isObject(value) && isObject(out[key]) ? merge(out[key] as Json, value) : value;
  return out;
}

/** A GA `session.update` with only the fields that were given (unknown fields make the server reject the whole update). */
export function sessionUpdate(options: SessionOptions): ClientEvent {
  const session: Json = { type: 'realtime' };
  const input: Json = {};
  if (options.instructions) session.instructions = options.instructions;
  if (options.outputModalities) session.output_modalities = [...options.outputModalities];
  if (options.tools) session.tools = options.tools.map(({ name, description, parameters }) => ({ type: 'function', name, description, parameters: parameters ?? { type: 'object', properties: {} } }));
  if (options.turnDetection) input.turn_detection = options.turnDetection === 'none' ? null : { type: options.turnDetection };
  if (options.transcriptionModel) input.transcription = options.transcriptionModel === 'none' ? null : { model: options.transcriptionModel };
  const audio: Json = {};
  if (Object.keys(input).length) audio.input = input;
  if (options.voice) audio.output = { voice: options.voice };
  if (Object.keys(audio).length) session.audio = audio;
  return { type: 'session.update', session: merge(session, options.extra ?? {}) };
}

export const userText = (text: string): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

export const responseCreate = (): ClientEvent => ({ type: 'response.create' });

export const functionCallOutput = (callId: string, output: string): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'function_call_output', call_id: callId, output },
});
