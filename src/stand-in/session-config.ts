import { newId } from './ids.js';

export type SessionConfig = Record<string, unknown> & {
  type: 'realtime';
  model: string;
  instructions: string;
  output_modalities: string[];
  audio: { input: Record<string, unknown>; output: { voice: string; speed: number; format?: unknown } };
  tools: { type: string; name: string; description?: string; parameters?: unknown }[];
};

export const DEFAULT_MODEL = 'gpt-realtime-2.1';
export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

// The GA session's top-level fields; anything else (beta names included) makes the real API refuse the whole update.
const TOP_LEVEL = ['type', 'model', 'instructions', 'output_modalities', 'audio', 'tools', 'tool_choice', 'max_output_tokens', 'truncation', 'prompt', 'tracing', 'include'];
const AUDIO_INPUT = ['format', 'transcription', 'noise_reduction', 'turn_detection'];
const AUDIO_OUTPUT = ['format', 'voice', 'speed'];

export class ConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}

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
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500, idle_timeout_ms: null, create_response: true, interrupt_response: true },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 },
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(value: Record<string, unknown>, allowed: string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ConfigError('unknown_parameter', `Unknown parameter: '${path}${key}'.`, `${path}${key}`);
  }
}

/**
 * Checks a session object the way the real API does: `type: "realtime"` required, unknown fields refused.
 * `current` is the session as it stands (for rules that depend on it); returns the merged session.
 */
export function applySessionUpdate(current: SessionConfig, update: unknown, { live = false, audioStarted = false } = {}): SessionConfig {
  const path = 'session.';
  if (!isObject(update)) throw new ConfigError('invalid_type', `Invalid type for '${path.slice(0, -1)}': expected an object.`, path.slice(0, -1));
  if (update.type === undefined) throw new ConfigError('missing_required_parameter', `Missing required parameter: '${path}type'.`, `${path}type`);
  if (update.type !== 'realtime') throw new ConfigError('invalid_value', `Invalid value: '${String(update.type)}'. Supported values are: 'realtime'.`, `${path}type`);
  unknownKeys(update, TOP_LEVEL, path);
  if (update.model !== undefined) {
    if (typeof update.model !== 'string') throw new ConfigError('invalid_type', `Invalid type for '${path}model'.`, `${path}model`);
    if (live && update.model !== current.model) throw new ConfigError('invalid_value', 'The model of a session cannot be changed.', `${path}model`);
  }
  const audio = update.audio;
  if (audio !== undefined) {
    if (!isObject(audio)) throw new ConfigError('invalid_type', `Invalid type for '${path}audio'.`, `${path}audio`);
    unknownKeys(audio, ['input', 'output'], `${path}audio.`);
    if (audio.input !== undefined) {
      if (!isObject(audio.input)) throw new ConfigError('invalid_type', `Invalid type for '${path}audio.input'.`, `${path}audio.input`);
      unknownKeys(audio.input, AUDIO_INPUT, `${path}audio.input.`);
      const turns = audio.input.turn_detection;
      if (turns !== undefined && turns !== null && (!isObject(turns) || !['server_vad', 'semantic_vad'].includes(String(turns.type)))) {
        throw new ConfigError('invalid_value', "Invalid value for 'audio.input.turn_detection.type'. Supported values are: 'server_vad' and 'semantic_vad'.", `${path}audio.input.turn_detection.type`);
      }
      const transcription = audio.input.transcription;
      if (transcription !== undefined && transcription !== null && (!isObject(transcription) || typeof transcription.model !== 'string')) {
        throw new ConfigError('missing_required_parameter', "Missing required parameter: 'session.audio.input.transcription.model'.", `${path}audio.input.transcription.model`);
      }
    }
    if (audio.output !== undefined) {
      if (!isObject(audio.output)) throw new ConfigError('invalid_type', `Invalid type for '${path}audio.output'.`, `${path}audio.output`);
      unknownKeys(audio.output, AUDIO_OUTPUT, `${path}audio.output.`);
      const voice = audio.output.voice;
      if (voice !== undefined && !VOICES.includes(String(voice))) {
        throw new ConfigError('invalid_value', `Invalid value: '${String(voice)}'. Supported values are: ${VOICES.map((v) => `'${v}'`).join(', ')}.`, `${path}audio.output.voice`);
      }
      if (voice !== undefined && voice !== current.audio.output.voice && audioStarted) {
        throw new ConfigError('cannot_update_voice', 'Cannot update a conversation\'s voice if assistant audio is present.', `${path}audio.output.voice`);
      }
    }
  }
  if (update.output_modalities !== undefined) {
    const m = update.output_modalities;
    if (!Array.isArray(m) || m.length !== 1 || !['audio', 'text'].includes(m[0])) {
      throw new ConfigError('invalid_value', "Invalid value for 'output_modalities': expected ['audio'] or ['text'].", `${path}output_modalities`);
    }
  }
  if (update.tools !== undefined) {
    if (!Array.isArray(update.tools) || !update.tools.every((t) => isObject(t) && typeof t.name === 'string' && (t.type === 'function' || t.type === 'mcp'))) {
      throw new ConfigError('invalid_value', `Invalid value for '${path}tools': each tool needs a type and a name.`, `${path}tools`);
    }
  }
  return merge(current, update) as SessionConfig;
}

/** Deep merge of plain objects; arrays and nulls replace. */
function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}
