import type { PropertyDeclarations } from 'lit';
import { PacedElement } from './frame-pacer.js';
import type {
  SessionOptions,
  TokenReply,
  TokenSource,
  Tool,
  TurnDetectionMode,
  VoiceSessionOptions,
} from '../core/index.js';
import { DEFAULT_BASE_URL } from '../core/shared.js';
import type { UiStringOverrides } from './i18n/strings.js';

// `connect-timeout` is in seconds; a value above this is read as milliseconds, the attribute's former unit (deprecated).
const LEGACY_MS_ABOVE = 1000;

/** Properties that are session settings, with the setting each one sets. */
export const SESSION_SETTINGS = {
  instructions: 'instructions',
  voice: 'voice',
  turnDetection: 'turnDetection',
  vadEagerness: 'vadEagerness',
  idleTimeout: 'idleTimeoutMs',
  transcriptionModel: 'transcriptionModel',
  transcriptionLanguage: 'transcriptionLanguage',
  noiseReduction: 'noiseReduction',
  outputModalities: 'outputModalities',
  sessionConfig: 'extra',
} as const satisfies Record<string, keyof SessionOptions>;

/**
 * Every attribute and property of `<realtime-voice-chat>`, with its documentation and default. Durations are in
 * seconds (decimals allowed). None of them is a secret: keys stay on the host's server.
 */
export class ChatProperties extends PacedElement {
  static override properties: PropertyDeclarations = {
    tokenEndpoint: { attribute: 'token-endpoint' },
    callEndpoint: { attribute: 'call-endpoint' },
    baseUrl: { attribute: 'base-url' },
    transport: {},
    model: {},
    voice: {},
    instructions: {},
    prefetch: { type: Boolean },
    maxDuration: { attribute: 'max-duration', type: Number },
    greeting: {},
    eventLog: { attribute: 'event-log', type: Boolean },
    startLabel: { attribute: 'start-label' },
    endLabel: { attribute: 'end-label' },
    sendLabel: { attribute: 'send-label' },
    placeholder: {},
    panelTitle: { attribute: 'panel-title' },
    connectTimeout: { attribute: 'connect-timeout', type: Number },
    muted: { type: Boolean, reflect: true },
    turnDetection: { attribute: 'turn-detection' },
    vadEagerness: { attribute: 'vad-eagerness' },
    idleTimeout: { attribute: 'idle-timeout', type: Number },
    minInterruption: { attribute: 'min-interruption', type: Number },
    transcriptionModel: { attribute: 'transcription-model' },
    transcriptionLanguage: { attribute: 'transcription-language' },
    noiseReduction: { attribute: 'noise-reduction' },
    outputModalities: { attribute: 'output-modalities' },
    tools: { attribute: false },
    getToken: { attribute: false },
    strings: { attribute: false },
    sessionConfig: { attribute: false },
    theme: { reflect: true },
    layout: { reflect: true },
    open: { type: Boolean, reflect: true },
    linkTarget: { attribute: 'link-target' },
    persist: {},
  };

  /** URL the element POSTs to for an ephemeral key (`{value, expires_at}`); same-origin credentials are sent. */
  declare tokenEndpoint: string | undefined;
  /**
   * The host's endpoint for the unified interface (`createCallHandler`): the element POSTs its offer SDP there and the
   * host relays it with its own key, so the browser never holds any key and the call starts one round trip sooner.
   * Wins over `token-endpoint`; `model` goes along as `?model=`.
   */
  declare callEndpoint: string | undefined;
  /** Base URL of the Realtime API, or of any service speaking the same protocol. */
  declare baseUrl: string;
  /**
   * How the call reaches the service. `auto` (default): WebRTC, falling back to the WebSocket when WebRTC cannot
   * connect within 3 s (UDP blocked), and the WebSocket straight away where WebRTC is missing or known broken with the
   * service (Firefox). `webrtc` or `websocket`: only that one. The WebSocket needs a token path (`token-endpoint` or
   * `getToken`); with only `call-endpoint` the call stays on WebRTC. Any other value is read as `auto`.
   */
  declare transport: 'auto' | 'webrtc' | 'websocket';
  /** Model to ask the token endpoint for (`{"model": …}` in the POST body); the endpoint decides. */
  declare model: string | undefined;
  /** Voice of the model (e.g. `marin`, `cedar`); fixed once the model has spoken. Unset: the host's choice. */
  declare voice: string | undefined;
  /** System instructions for the session. Unset: the host's. */
  declare instructions: string | undefined;
  /** Fetch the key as soon as the visitor points at or focuses the element, so Start connects sooner. */
  declare prefetch: boolean;
  /** Host function returning a key (string, `{value, expires_at}` or `{client_secret: {value}}`); wins over `token-endpoint`. */
  declare getToken: ((signal: AbortSignal) => Promise<TokenReply> | TokenReply) | undefined;
  /** Overrides for any UI text (merged over the language's strings; groups may override only some entries). */
  declare strings: UiStringOverrides | undefined;
  /** Extra GA session fields sent in `session.update` (e.g. `{audio: {output: {speed: 1.2}}}`); they win over attributes. */
  declare sessionConfig: Record<string, unknown> | undefined;
  /** Seconds a conversation may last; then it ends (`rvc-error` `session_expired`, recoverable, detail `max-duration`). */
  declare maxDuration: number | undefined;
  /**
   * The assistant speaks first when a conversation goes live: these words, or with an empty `greeting` attribute a
   * greeting of its own from its instructions. Once per conversation (not again after a reconnect).
   */
  declare greeting: string | undefined;
  /**
   * Seconds the visitor's speech over a reply must last (or words it must produce) before it cuts the reply (default
   * 0.5): a cough, a door or a keyboard lets the reply play on. `0` lets the service cut at the first sound.
   */
  declare minInterruption: number | undefined;
  /** Shows the event log pane (every client and server event, keys redacted): for developers, not visitors. */
  declare eventLog: boolean;
  /** The Start button's words (over the language's and `strings`), for a pasted snippet with no script. */
  declare startLabel: string | undefined;
  /** The End button's words. */
  declare endLabel: string | undefined;
  /** The Send button's words. */
  declare sendLabel: string | undefined;
  /** The text box's placeholder. */
  declare placeholder: string | undefined;
  /** The panel's name (the floating button's words, and the panel's accessible name). */
  declare panelTitle: string | undefined;
  /**
   * Seconds a start may take before it fails with `connect_timeout` (default 30). Deprecated: a value above 1000 is
   * read as milliseconds, the attribute's former unit; give seconds.
   */
  declare connectTimeout: number | undefined;
  /** The microphone is muted (its track disabled: the model hears silence). */
  declare muted: boolean;
  /** `server_vad`, `semantic_vad`, or `none` for push-to-talk (hold the button or Space). Unset: the host's choice. */
  declare turnDetection: TurnDetectionMode | undefined;
  /** Semantic VAD's eagerness (`low`, `medium`, `high`, `auto`); setting it selects `semantic_vad` unless `turn-detection` says otherwise. */
  declare vadEagerness: 'low' | 'medium' | 'high' | 'auto' | undefined;
  /** Seconds of silence after a reply before the model speaks again (server VAD only); `0` turns it off. */
  declare idleTimeout: number | undefined;
  /**
   * Model that transcribes the visitor's speech for the transcript; `none` turns it off. Unset: the host's choice, or
   * `gpt-4o-mini-transcribe` when the session would not transcribe at all.
   */
  declare transcriptionModel: string | undefined;
  /** The language the visitor speaks (ISO-639-1, e.g. `ja`): better transcripts. Unset: the host's, else the page's `lang`. */
  declare transcriptionLanguage: string | undefined;
  /** Noise reduction for the microphone: `near_field` (headset), `far_field` (laptop, room) or `none`. Unset: the host's. */
  declare noiseReduction: 'near_field' | 'far_field' | 'none' | undefined;
  /** `audio` or `text` (text-only replies need no speaker). Unset: the host's (audio by default). */
  declare outputModalities: 'audio' | 'text' | undefined;
  /** Functions the model may call in the page: `{name, description, parameters, handler}`. */
  declare tools: readonly Tool[];
  /** `light` or `dark`; unset follows the visitor's `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** `full` (default), `compact` (no log pane or text box, a short transcript), or `floating` (a corner button that opens the panel). */
  declare layout: 'full' | 'compact' | 'floating' | undefined;
  /** With `layout="floating"`: the panel is open. A conversation goes on while it is closed. */
  declare open: boolean;
  /** Where links in the model's replies open (`_blank` by default, always with `rel="noopener noreferrer"`); `_self` keeps the page. */
  declare linkTarget: string;
  /**
   * Keeps the conversation for the visitor's next page (opt-in): `tab` (this tab, sessionStorage) or `site` (every tab
   * of the site in this browser, localStorage, forgotten after a day unused). The newest 50 messages, keys redacted;
   * Start carries them on, End and Clear forget them.
   */
  declare persist: 'tab' | 'site' | undefined;

  constructor() {
    super();
    this.baseUrl = DEFAULT_BASE_URL;
    this.transport = 'auto';
    this.prefetch = false;
    this.muted = false;
    this.open = false;
    this.eventLog = false;
    this.linkTarget = '_blank';
    this.tools = [];
  }

  /** The session settings the attributes and properties describe. */
  protected sessionSettings(): SessionOptions {
    return {
      instructions: this.instructions,
      voice: this.voice,
      turnDetection: this.turnDetection,
      vadEagerness: this.vadEagerness,
      idleTimeoutMs: this.idleTimeout === undefined ? undefined : this.idleTimeout * 1000,
      transcriptionModel: this.transcriptionModel,
      transcriptionLanguage: this.transcriptionLanguage,
      noiseReduction: this.noiseReduction,
      outputModalities: this.outputModalities ? [this.outputModalities] : undefined,
      extra: this.sessionConfig,
    };
  }

  /** Where keys come from: `getToken`, else `token-endpoint` (POSTed with the `model`, if one is set). */
  protected tokenSource(): TokenSource | undefined {
    if (this.getToken) return { getToken: this.getToken };
    if (this.tokenEndpoint) return { endpoint: this.tokenEndpoint, body: this.keyRequestBody() };
    return undefined;
  }

  /**
   * What a key request asks: the model, and the page's tools, so the host's server declares them beside its own (an
   * update from the page would replace the host's). Tools too large for a key request (64 KiB) are left out.
   */
  private keyRequestBody(): Record<string, unknown> | undefined {
    // JSON leaves the handlers out: what goes is each tool's name, description and parameters.
    const tools = this.tools?.length && JSON.stringify(this.tools).length < 6e4 ? this.tools : undefined;
    return this.model || tools ? { model: this.model || undefined, tools } : undefined;
  }

  /** `call-endpoint` with the `model` as `?model=`. */
  protected callUrl(): string | undefined {
    if (!this.callEndpoint || !this.model) return this.callEndpoint || undefined;
    const url = new URL(this.callEndpoint, document.baseURI);
    url.searchParams.set('model', this.model);
    return url.href;
  }

  /** The `transport` attribute, with anything unknown read as `auto`. */
  protected get transportMode(): 'auto' | 'webrtc' | 'websocket' {
    return this.transport === 'webrtc' || this.transport === 'websocket' ? this.transport : 'auto';
  }

  /** `connect-timeout` in milliseconds (seconds, or milliseconds for a value above 1000: see its deprecation). */
  protected get connectTimeoutMs(): number | undefined {
    const value = this.connectTimeout;
    if (!value || value <= 0) return undefined;
    return value > LEGACY_MS_ABOVE ? value : value * 1000;
  }

  /** How the attributes start a conversation: where keys or calls go, the transport, limits, the greeting. */
  protected callOptions(): Omit<VoiceSessionOptions, 'session'> {
    return {
      token: this.tokenSource(),
      callEndpoint: this.callUrl(),
      baseUrl: this.baseUrl || undefined,
      transport: this.transportMode,
      model: this.model,
      tools: this.tools,
      muted: this.muted,
      connectTimeoutMs: this.connectTimeoutMs,
      maxDurationMs: this.maxDuration ? this.maxDuration * 1000 : undefined,
      greeting: this.greeting ?? undefined,
      // NaN (an unreadable attribute) and negative values keep the default.
      minInterruptionMs: this.minInterruption! >= 0 ? this.minInterruption! * 1000 : undefined,
    };
  }
}
