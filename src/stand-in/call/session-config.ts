import * as z from 'zod';
import { newId } from './ids.js';
import { ConfigError, refusal } from './refusal.js';

export { ConfigError } from './refusal.js';

/** The effective session (`session.created` / `session.updated`), in the GA shape. */
export type SessionConfig = Record<string, unknown> & {
  type: 'realtime';
  model: string;
  instructions: string;
  output_modalities: ('audio' | 'text')[];
  max_output_tokens: number | 'inf';
  audio: {
    input: {
      format: Record<string, unknown>;
      transcription: Record<string, unknown> | null;
      noise_reduction: Record<string, unknown> | null;
      turn_detection: TurnDetectionConfig | null;
    };
    output: { format: Record<string, unknown>; voice: string | { id: string }; speed: number };
  };
  tools: ({ type: 'function'; name: string; description?: string; parameters?: unknown } | McpToolConfig)[];
};
export type TurnDetectionConfig = { type: 'server_vad' | 'semantic_vad'; [field: string]: unknown };
export type McpToolConfig = {
  type: 'mcp';
  server_label: string;
  server_url?: string;
  connector_id?: string;
  require_approval?: unknown;
  allowed_tools?: unknown;
};

export const DEFAULT_MODEL = 'gpt-realtime-2.1';
export const MODELS = [
  'gpt-realtime-2.1',
  'gpt-realtime-2.1-mini',
  'gpt-realtime-2',
  'gpt-realtime-1.5',
  'gpt-realtime',
  'gpt-realtime-mini',
  'gpt-realtime-2025-08-28',
  'gpt-realtime-mini-2025-10-06',
  'gpt-realtime-mini-2025-12-15',
];
export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
// How long the service keeps a session open (its 60-minute cap).
const SESSION_SECONDS = 3600;

// The request shape of OpenAI's published types (RealtimeSessionCreateRequest): every object is strict, as the
// service refuses the whole update for one unknown field.
const format = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('audio/pcm'), rate: z.optional(z.number().int().min(24000).max(24000)) }),
  z.strictObject({ type: z.literal('audio/pcmu') }),
  z.strictObject({ type: z.literal('audio/pcma') }),
]);
const serverVad = z.strictObject({
  type: z.literal('server_vad'),
  threshold: z.optional(z.number().min(0).max(1)),
  prefix_padding_ms: z.optional(z.number().int().min(0)),
  silence_duration_ms: z.optional(z.number().int().min(0)),
  idle_timeout_ms: z.optional(z.nullable(z.number().int().min(0))),
  create_response: z.optional(z.boolean()),
  interrupt_response: z.optional(z.boolean()),
});
const semanticVad = z.strictObject({
  type: z.literal('semantic_vad'),
  eagerness: z.optional(z.enum(['low', 'medium', 'high', 'auto'])),
  create_response: z.optional(z.boolean()),
  interrupt_response: z.optional(z.boolean()),
});
const transcription = z.strictObject({
  model: z.optional(z.string()),
  language: z.optional(z.string()),
  languages: z.optional(z.array(z.string())),
  prompt: z.optional(z.string()),
  keywords: z.optional(z.array(z.string())),
  delay: z.optional(z.enum(['minimal', 'low', 'medium', 'high', 'xhigh'])),
});
const voice = z.union([z.enum(VOICES as [string, ...string[]]), z.strictObject({ id: z.string().min(1) })]);
const functionTool = z.strictObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.optional(z.string()),
  parameters: z.optional(z.record(z.string(), z.unknown())),
});
const approvalFilter = z.strictObject({
  read_only: z.optional(z.boolean()),
  tool_names: z.optional(z.array(z.string())),
});
const mcpTool = z.strictObject({
  type: z.literal('mcp'),
  server_label: z.string().min(1),
  server_url: z.optional(z.string()),
  connector_id: z.optional(z.string()),
  server_description: z.optional(z.string()),
  authorization: z.optional(z.string()),
  headers: z.optional(z.nullable(z.record(z.string(), z.string()))),
  allowed_tools: z.optional(z.nullable(z.union([z.array(z.string()), approvalFilter]))),
  require_approval: z.optional(
    z.nullable(
      z.union([
        z.enum(['always', 'never']),
        z.strictObject({ always: z.optional(approvalFilter), never: z.optional(approvalFilter) }),
      ]),
    ),
  ),
  defer_loading: z.optional(z.boolean()),
});
const sessionUpdate = z.strictObject({
  type: z.literal('realtime'),
  model: z.optional(z.string()),
  instructions: z.optional(z.string()),
  output_modalities: z.optional(z.tuple([z.enum(['audio', 'text'])])),
  audio: z.optional(
    z.strictObject({
      input: z.optional(
        z.strictObject({
          format: z.optional(format),
          transcription: z.optional(z.nullable(transcription)),
          noise_reduction: z.optional(
            z.nullable(
              z.strictObject({
                type: z.optional(z.enum(['near_field', 'far_field'])),
                strength: z.optional(z.number().min(0).max(1)),
              }),
            ),
          ),
          turn_detection: z.optional(z.nullable(z.discriminatedUnion('type', [serverVad, semanticVad]))),
        }),
      ),
      output: z.optional(
        z.strictObject({
          format: z.optional(format),
          voice: z.optional(voice),
          speed: z.optional(z.number().min(0.25).max(1.5)),
        }),
      ),
    }),
  ),
  tools: z.optional(z.array(z.discriminatedUnion('type', [functionTool, mcpTool]))),
  tool_choice: z.optional(
    z.union([
      z.enum(['none', 'auto', 'required']),
      z.strictObject({ type: z.literal('function'), name: z.string() }),
      z.strictObject({ type: z.literal('mcp'), server_label: z.string(), name: z.optional(z.string()) }),
    ]),
  ),
  max_output_tokens: z.optional(z.union([z.literal('inf'), z.number().int().min(1).max(4096)])),
  truncation: z.optional(
    z.union([
      z.enum(['auto', 'disabled']),
      z.strictObject({
        type: z.literal('retention_ratio'),
        retention_ratio: z.number().min(0).max(1),
        token_limits: z.optional(z.strictObject({ post_instructions: z.optional(z.number().int()) })),
      }),
    ]),
  ),
  include: z.optional(z.nullable(z.array(z.literal('item.input_audio_transcription.logprobs')))),
  prompt: z.optional(
    z.nullable(
      z.strictObject({
        id: z.string(),
        version: z.optional(z.nullable(z.string())),
        variables: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
      }),
    ),
  ),
  tracing: z.optional(
    z.nullable(
      z.union([
        z.literal('auto'),
        z.strictObject({
          group_id: z.optional(z.string()),
          metadata: z.optional(z.unknown()),
          workflow_name: z.optional(z.string()),
        }),
      ]),
    ),
  ),
  reasoning: z.optional(z.strictObject({ effort: z.optional(z.enum(['minimal', 'low', 'medium', 'high', 'xhigh'])) })),
  parallel_tool_calls: z.optional(z.boolean()),
});
type SessionUpdate = z.infer<typeof sessionUpdate>;

const SERVER_VAD_DEFAULTS = {
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 200,
  idle_timeout_ms: null,
  create_response: true,
  interrupt_response: true,
};
const SEMANTIC_VAD_DEFAULTS = { eagerness: 'auto', create_response: true, interrupt_response: true };

/** The session a new key or call starts with: the service's defaults (as `session.created` shows them). */
export function defaultSession(): SessionConfig {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: newId('sess'),
    model: DEFAULT_MODEL,
    output_modalities: ['audio'],
    instructions: 'You are the local stand-in for the Realtime API.',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    include: null,
    expires_at: Math.floor(Date.now() / 1000) + SESSION_SECONDS,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: { type: 'server_vad', ...SERVER_VAD_DEFAULTS },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1 },
    },
  };
}

/**
 * Applies a `session` object (a `session.update`, or the session of a key or call) the way the service does: the
 * whole of it is checked first and nothing is applied if any field is wrong; the containers (`audio`, `input`,
 * `output`) are merged, every other object (`turn_detection`, `transcription`, `noise_reduction`, `format`, …) is
 * replaced whole, its unset fields back at their defaults.
 */
export function applySessionUpdate(
  current: SessionConfig,
  update: unknown,
  { live = false, audioStarted = false } = {},
): SessionConfig {
  const parsed = sessionUpdate.safeParse(update);
  if (!parsed.success) throw refusal(parsed.error.issues[0], 'session', update);
  const next: SessionUpdate = parsed.data;
  if (next.model !== undefined) {
    if (!MODELS.includes(next.model))
      throw new ConfigError(
        'invalid_model',
        `The model '${next.model}' does not exist or you do not have access to it.`,
        'session.model',
      );
    if (live && next.model !== current.model)
      throw new ConfigError('invalid_value', 'The model of a session cannot be changed.', 'session.model');
  }
  const voice = next.audio?.output?.voice;
  if (voice !== undefined && audioStarted && JSON.stringify(voice) !== JSON.stringify(current.audio.output.voice)) {
    throw new ConfigError(
      'cannot_update_voice',
      "Cannot update a conversation's voice if assistant audio is present.",
      'session.audio.output.voice',
    );
  }
  const { audio, ...top } = next;
  const input = audio?.input ?? {};
  const turns = input.turn_detection;
  return {
    ...current,
    ...top,
    audio: {
      input: {
        ...current.audio.input,
        ...input,
        ...(turns
          ? {
              turn_detection: {
                ...(turns.type === 'server_vad' ? SERVER_VAD_DEFAULTS : SEMANTIC_VAD_DEFAULTS),
                ...turns,
              },
            }
          : {}),
      },
      output: { ...current.audio.output, ...audio?.output },
    },
  };
}

/**
 * The session as the service shows it (`session.created`/`updated`, a minted key's reply): an MCP server's
 * `authorization` and `headers` are kept, never shown — so a client that sends the echo back would strip them.
 */
export function echoed(session: SessionConfig): SessionConfig {
  const tools = session.tools.map((tool) => {
    if (tool.type !== 'mcp') return tool;
    const {
      authorization: _authorization,
      headers: _headers,
      ...shown
    } = tool as McpToolConfig & { authorization?: string; headers?: unknown };
    return shown;
  });
  return { ...session, tools };
}

/** The MCP servers whose secrets (`authorization`, `headers`) the session holds. */
export const mcpSecrets = (session: SessionConfig): string[] =>
  session.tools
    .filter((tool) => tool.type === 'mcp' && ('authorization' in tool || 'headers' in tool))
    .map((tool) => (tool as McpToolConfig).server_label);
