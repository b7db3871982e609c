import type { ClientEvent, ToolDeclaration } from '../protocol/client-events.js';

/** `server_vad` and `semantic_vad` detect turns on the server; `none` is push-to-talk (the client commits). */
export type TurnDetectionMode = 'server_vad' | 'semantic_vad' | 'none';

/**
 * Session settings a page chooses. Only what is set is sent; whatever the page leaves unset stays as the host's
 * token or call handler configured it. The model is bound to the key, so it is never part of an update.
 */
export interface SessionOptions {
  voice?: string | undefined;
  instructions?: string | undefined;
  turnDetection?: TurnDetectionMode | undefined;
  /** Semantic VAD's eagerness; setting it selects `semantic_vad` unless `turnDetection` says otherwise. */
  vadEagerness?: 'low' | 'medium' | 'high' | 'auto' | undefined;
  /** Server VAD's idle timeout: after this much silence following a reply, the model speaks again. */
  idleTimeoutMs?: number | undefined;
  /** Transcription model for the visitor's speech; `none` turns transcription off. */
  transcriptionModel?: string | undefined;
  /** The language the visitor speaks (ISO-639-1, e.g. `ja`), which helps transcription. */
  transcriptionLanguage?: string | undefined;
  /** The page's language (a BCP 47 tag): transcription's hint when neither the page nor the host's session names one. */
  languageHint?: string | undefined;
  /** `near_field` (headset), `far_field` (laptop, room) or `none`. */
  noiseReduction?: 'near_field' | 'far_field' | 'none' | undefined;
  outputModalities?: readonly ('audio' | 'text')[] | undefined;
  tools?: readonly ToolDeclaration[] | undefined;
  /** Any other GA session fields; they win over the settings above. */
  extra?: Record<string, unknown> | undefined;
}

/** Transcription is turned on with this model when neither the page nor the host chose one. */
export const DEFAULT_TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects; arrays and nulls replace. */
export function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch))
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key], value) : value;
  return out;
}

// Fields each kind of turn detection takes; the service refuses the other kind's.
const VAD_FIELDS: Record<'server_vad' | 'semantic_vad', readonly string[]> = {
  server_vad: [
    'type',
    'threshold',
    'prefix_padding_ms',
    'silence_duration_ms',
    'idle_timeout_ms',
    'create_response',
    'interrupt_response',
  ],
  semantic_vad: ['type', 'eagerness', 'create_response', 'interrupt_response'],
};
// Both kinds take these: the host's choice survives a change of kind.
const SHARED_VAD_FIELDS = ['create_response', 'interrupt_response'];
// Fields the service may show as null but takes only as values: left out rather than sent as null.
const pick = (value: unknown, fields?: readonly string[]): Json =>
  Object.fromEntries(
    Object.entries(isObject(value) ? value : {}).filter(
      ([key, v]) => (v !== null || key === 'idle_timeout_ms') && (!fields || fields.includes(key)),
    ),
  );

/** Settings the page gave that the session's turn detection does not take (said, not dropped silently). */
export function ignoredSettings(options: SessionOptions, effective: Json = {}): string[] {
  const input = isObject(effective.audio) && isObject(effective.audio.input) ? effective.audio.input : {};
  const current = isObject(input.turn_detection) ? input.turn_detection.type : undefined;
  const type = options.turnDetection ?? (options.vadEagerness !== undefined ? 'semantic_vad' : current);
  if (options.idleTimeoutMs === undefined || type === 'server_vad' || options.turnDetection === 'none') return [];
  return [
    `idle-timeout applies to server_vad only; this session detects turns with ${typeof type === 'string' ? type : 'none'}`,
  ];
}

const declaration = ({ name, description, parameters }: ToolDeclaration) => ({
  type: 'function',
  name,
  description,
  parameters: parameters ?? { type: 'object', properties: {} },
});
const sameTool = (a: Json, b: Json) =>
  ['name', 'description', 'parameters'].every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));

/** The session's tools that are the host's: neither the page's now nor the page's before (`pageTools`). */
function hostTools(tools: readonly ToolDeclaration[], effective: Json, pageTools: ReadonlySet<string>): Json[] {
  const declared = Array.isArray(effective.tools) ? (effective.tools as Json[]) : [];
  return declared.filter((tool) => !pageTools.has(String(tool.name)) && !tools.some((mine) => mine.name === tool.name));
}

/** The session already declares exactly the page's tools (its host's server merged them), beside the host's. */
function toolsDeclared(tools: readonly ToolDeclaration[], effective: Json, pageTools: ReadonlySet<string>): boolean {
  const declared = Array.isArray(effective.tools) ? (effective.tools as Json[]) : [];
  const stale = declared.some(
    (tool) => pageTools.has(String(tool.name)) && !tools.some((mine) => mine.name === tool.name),
  );
  return !stale && tools.every((mine) => declared.some((tool) => sameTool(tool, declaration(mine))));
}

/** Said when the page's tools could not be declared: the session has the host's own, which an update would replace. */
export function undeclaredTools(
  tools: readonly ToolDeclaration[],
  effective: Json = {},
  pageTools: ReadonlySet<string> = new Set(),
): string[] {
  if (!tools.length || toolsDeclared(tools, effective, pageTools) || !hostTools(tools, effective, pageTools).length)
    return [];
  return [
    `the page's tools (${tools.map((tool) => tool.name).join(', ')}) are not declared: the host's session has tools of its own, which a page update would replace; the host's server declares them (createTokenHandler does, from the key request)`,
  ];
}

/** The whole `turn_detection` to send, or undefined when the page set none of it. */
function turnDetection(options: SessionOptions, current: unknown): Json | null | undefined {
  const { turnDetection: mode, vadEagerness, idleTimeoutMs } = options;
  if (mode === 'none') return null;
  if (!mode && vadEagerness === undefined && idleTimeoutMs === undefined) return undefined;
  const currentType = isObject(current) ? current.type : undefined;
  const type =
    mode ??
    (vadEagerness !== undefined ? 'semantic_vad' : currentType === 'semantic_vad' ? 'semantic_vad' : 'server_vad');
  // The host's tuning carries over when the kind stays the same; fields only the other kind takes are dropped.
  const kept = pick(current, currentType === type ? VAD_FIELDS[type] : SHARED_VAD_FIELDS);
  const next: Json = { ...kept, type };
  if (type === 'semantic_vad' && vadEagerness !== undefined) next.eagerness = vadEagerness;
  if (type === 'server_vad' && idleTimeoutMs !== undefined)
    next.idle_timeout_ms = idleTimeoutMs > 0 ? Math.round(idleTimeoutMs) : null;
  return next;
}

/** The whole `transcription` to send, or undefined to leave the session's as it is. */
function transcription(
  options: SessionOptions,
  current: unknown,
  transcribeByDefault: boolean,
): Json | null | undefined {
  const { transcriptionModel: model, transcriptionLanguage: language } = options;
  if (model === 'none') return null;
  const transcribes = isObject(current);
  // The page's language is a hint only: the page's own setting and the host's session win, and it turns nothing on.
  const hint = language || (transcribes && current.language) ? undefined : primaryLanguage(options.languageHint);
  if (!model && !language && !(hint && (transcribes || transcribeByDefault)))
    return transcribes || !transcribeByDefault ? undefined : { model: DEFAULT_TRANSCRIPTION_MODEL };
  const next = pick(current);
  next.model = model ?? next.model ?? DEFAULT_TRANSCRIPTION_MODEL;
  if (language ?? hint) next.language = language ?? hint;
  return next;
}

/** A BCP 47 tag's language as transcription takes it (ISO-639-1: `pt-BR` → `pt`), if it has a two-letter one. */
function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

function noiseReduction(options: SessionOptions, current: unknown): Json | null | undefined {
  if (!options.noiseReduction) return undefined;
  return options.noiseReduction === 'none' ? null : { ...pick(current), type: options.noiseReduction };
}

/**
 * A GA `session.update` with what the page set, merged over `effective` (the session as the service last described
 * it: `session.created`, then each `session.updated`). The service replaces `turn_detection`, `transcription` and
 * `noise_reduction` whole, so each is sent whole: the host's language, prompt and VAD tuning survive the page's
 * choices. Tools are the session's own (the host's win on a name clash) plus the page's.
 */
export function sessionUpdate(
  options: SessionOptions,
  effective: Json = {},
  { transcribeByDefault = false, pageTools = new Set<string>() } = {},
): ClientEvent {
  const input = isObject(isObject(effective.audio) ? effective.audio.input : undefined)
    ? ((effective.audio as Json).input as Json)
    : {};
  const extra = options.extra ?? {};
  const extraInput = isObject(extra.audio) && isObject(extra.audio.input) ? extra.audio.input : {};
  const session: Json = { type: 'realtime' };
  const audioIn: Json = {};
  if (options.instructions) session.instructions = options.instructions;
  if (options.outputModalities) session.output_modalities = [...options.outputModalities];
  // The host's tools are never sent back from the echo (it may omit an MCP tool's `authorization` or `headers`): the
  // page declares its own only while the session has none of the host's, else its host's server merges them.
  if (
    options.tools &&
    !toolsDeclared(options.tools, effective, pageTools) &&
    !hostTools(options.tools, effective, pageTools).length
  ) {
    session.tools = options.tools.map(declaration);
  }
  const settings = {
    turn_detection: turnDetection(options, input.turn_detection),
    transcription: transcription(options, input.transcription, transcribeByDefault),
    noise_reduction: noiseReduction(options, input.noise_reduction),
  };
  for (const [key, value] of Object.entries(settings)) {
    // A partial object in `sessionConfig` is completed from the settings above or the session, like the page's own.
    const given = extraInput[key];
    const base = value === undefined ? pick(input[key]) : value;
    const sameKind = !isObject(given) || !isObject(base) || given.type === undefined || given.type === base.type;
    const whole = isObject(given)
      ? { ...(isObject(base) && sameKind ? base : {}), ...given }
      : given !== undefined
        ? given
        : value;
    if (whole !== undefined) audioIn[key] = whole;
  }
  const audio: Json = {};
  if (Object.keys(audioIn).length) audio.input = audioIn;
  if (options.voice) audio.output = { voice: options.voice };
  if (Object.keys(audio).length) session.audio = audio;
  const merged = merge(session, extra);
  if (isObject(merged.audio) && isObject(merged.audio.input)) Object.assign(merged.audio.input, audioIn);
  return { type: 'session.update', session: merged };
}
