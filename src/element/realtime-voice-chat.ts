import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { DEFAULT_BASE_URL, getEphemeralKey, isRunning, redact, responseCreate, userText, VoiceError, type Activity, type ClientEvent, type EphemeralKey, type ConnectStages, type Conversation, type ConversationItem, type Levels, type SessionOptions, type SessionState, type TokenReply, type TokenSource, type Tool, type TurnDetectionMode } from '../core/index.js';
import { appendText } from './append-text.js';
import { styles } from './realtime-voice-chat.styles.js';
import { SessionController } from './session-controller.js';
import { loadLanguage, stringsFor, type UiStrings } from './strings.js';

/** UI parts only some visitors use: each is a chunk of its own, loaded the first time it is shown. */
interface LazyParts {
  log: typeof import('./log-pane.js');
  picker: typeof import('./microphone-picker.js');
  talk: typeof import('./push-to-talk.js');
}

// Sites switch language by changing <html lang>: every element on the page re-renders in the new one.
const onPage = new Set<RealtimeVoiceChat>();
let pageLang: MutationObserver | undefined;

/**
 * A voice conversation with an OpenAI Realtime model over WebRTC, for any page.
 *
 * The element fetches a short-lived key from `token-endpoint` (or `getToken`), connects, sends the microphone, plays
 * the model's voice, shows the live transcript and an event log, and reports everything as `rvc-*` DOM events
 * (all `bubbles` and `composed`). Model output is rendered as text, never as HTML.
 *
 * @tagname realtime-voice-chat
 * @summary Voice chat with an OpenAI Realtime model.
 * @attr lang - UI language (`en`, `ja`); defaults to the nearest `lang` in the page, and follows changes to `<html lang>`.
 *
 * @fires {RvcStateEvent} rvc-state - `{state, previous}`: `idle` | `connecting` | `live` | `reconnecting` | `ended` | `failed`.
 * @fires {RvcTranscriptEvent} rvc-transcript - `{item: {id, role, text, status}}` whenever an item appears or changes.
 * @fires {RvcServerEvent} rvc-server-event - `{event}`: each server event from the data channel.
 * @fires {RvcClientEvent} rvc-client-event - `{event}`: each client event sent.
 * @fires {RvcErrorEvent} rvc-error - `{code, message, detail, recoverable, serverCode?, status?}`; `code` is stable.
 * @fires {RvcMetricsEvent} rvc-metrics - `{stages: {token, microphone, offer, answer, ice, channel, ready, firstAudio}, turn?: {trigger, ms}}`: ms since start; `turn` is speech end (or text sent) to the reply being heard.
 * @fires {RvcActivityEvent} rvc-activity - `{activity, previous}`: `listening` | `user-speaking` | `thinking` | `assistant-speaking` | `idle`.
 * @fires {RvcToolCallEvent} rvc-tool-call - `{name, callId, arguments, rawArguments, respond}`; cancel it and call `respond(output)` to answer instead of the tool's handler.
 *
 * @csspart launcher - With `layout="floating"`: the corner button that opens and closes the panel (`aria-expanded`).
 * @csspart panel - The outer box.
 * @csspart header - The row with the status and the start/stop button.
 * @csspart status - The status line (a polite live region).
 * @csspart start-button - The Start button.
 * @csspart mute-button - Mutes the microphone (`aria-pressed`).
 * @csspart talk-button - Push-to-talk, shown when `turn-detection="none"`.
 * @csspart device-select - The microphone picker (when there is more than one).
 * @csspart controls - The row of meters, the microphone picker and push-to-talk (while live).
 * @csspart meter - A level meter; its `--level` is 0..1.
 * @csspart input-meter - The microphone's level meter.
 * @csspart output-meter - The voice's level meter.
 * @csspart stop-button - The Stop button.
 * @csspart transcript - The conversation list (`role="log"`).
 * @csspart item - One message.
 * @csspart item-user - A message of the visitor's.
 * @csspart item-assistant - A message of the model's.
 * @csspart speaker - The name above a message.
 * @csspart text - A message's text.
 * @csspart empty - The hint shown before the first message.
 * @csspart composer - The form with the text box and Send.
 * @csspart input - The text box.
 * @csspart send-button - The Send button.
 * @csspart error - The error message.
 * @csspart error-detail - The server's own words about the error, when it gave any.
 * @csspart interrupted - The mark after an interrupted message.
 * @csspart item-tool - A tool call the model made, with its arguments and the page's answer.
 * @csspart divider - Where a lost call was replaced by a new one that carries the conversation on.
 * @csspart placeholder - A voice message whose transcript has not arrived (or is off).
 * @csspart log - The event log (`<details>`).
 * @csspart log-list - The list of logged events.
 *
 * @cssstate idle - No conversation yet.
 * @cssstate connecting - Start was pressed; the call is being set up.
 * @cssstate live - In a conversation.
 * @cssstate reconnecting - The connection dropped; the call is being restored or replaced.
 * @cssstate ended - The conversation ended.
 * @cssstate failed - The conversation could not start or go on (the error is shown).
 * @cssstate listening - Live and waiting for the visitor.
 * @cssstate user-speaking - The visitor is speaking.
 * @cssstate thinking - The model is preparing a reply.
 * @cssstate assistant-speaking - The model's voice is playing.
 * @cssstate muted - The microphone is muted.
 * @cssstate talking - Push-to-talk is held.
 *
 * @cssprop [--rvc-font=system-ui, sans-serif] - Font family.
 * @cssprop [--rvc-bg=light-dark(#fff, #1b1b1f)] - Background (light, dark: the colour scheme or `theme` picks).
 * @cssprop [--rvc-fg=light-dark(#1b1b1f, #e3e3e8)] - Text colour.
 * @cssprop [--rvc-muted=light-dark(#5c5f66, #b4b7bf)] - Secondary text.
 * @cssprop [--rvc-border=light-dark(#d5d7dc, #44474e)] - Borders.
 * @cssprop [--rvc-accent=light-dark(#0b57d0, #a8c7fa)] - Buttons and focus rings.
 * @cssprop [--rvc-accent-fg=light-dark(#fff, #062e6f)] - Text on the accent colour.
 * @cssprop [--rvc-danger=light-dark(#b3261e, #f2b8b5)] - Error text.
 * @cssprop [--rvc-user-bg=light-dark(#e8f0fe, #1f3760)] - Background of the visitor's messages.
 * @cssprop [--rvc-assistant-bg=light-dark(#f1f3f4, #2b2d31)] - Background of the assistant's messages.
 * @cssprop [--rvc-radius=12px] - Corner radius.
 * @cssprop [--rvc-gap=0.75rem] - Spacing.
 * @cssprop [--rvc-max-height=24rem] - Height of the transcript before it scrolls (`compact`: 8rem).
 */
export class RealtimeVoiceChat extends LitElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    tokenEndpoint: { attribute: 'token-endpoint' },
    callEndpoint: { attribute: 'call-endpoint' },
    baseUrl: { attribute: 'base-url' },
    model: {},
    voice: {},
    instructions: {},
    prefetch: { type: Boolean },
    maxDuration: { attribute: 'max-duration', type: Number },
    connectTimeout: { attribute: 'connect-timeout', type: Number },
    muted: { type: Boolean, reflect: true },
    turnDetection: { attribute: 'turn-detection' },
    transcriptionModel: { attribute: 'transcription-model' },
    outputModalities: { attribute: 'output-modalities' },
    tools: { attribute: false },
    getToken: { attribute: false },
    strings: { attribute: false },
    sessionConfig: { attribute: false },
    theme: { reflect: true },
    layout: { reflect: true },
    open: { type: Boolean, reflect: true },
  };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

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
  /** Model to ask the token endpoint for (`{"model": …}` in the POST body); the endpoint decides. */
  declare model: string | undefined;
  /** Voice of the model (e.g. `marin`, `cedar`); fixed once the model has spoken. */
  declare voice: string | undefined;
  /** System instructions for the session. */
  declare instructions: string | undefined;
  /** Fetch the key as soon as the visitor points at or focuses the element, so Start connects sooner. */
  declare prefetch: boolean;
  /** Host function returning a key (string, `{value, expires_at}` or `{client_secret: {value}}`); wins over `token-endpoint`. */
  declare getToken: ((signal: AbortSignal) => Promise<TokenReply> | TokenReply) | undefined;
  /** Overrides for any UI text (merged over the language's strings). */
  declare strings: Partial<UiStrings> | undefined;
  /** Extra GA session fields sent in `session.update` (e.g. `{audio: {input: {noise_reduction: {type: "far_field"}}}}`); they win over attributes. */
  declare sessionConfig: Record<string, unknown> | undefined;
  /** Seconds a conversation may last; then it ends (`rvc-error` `session_expired`, recoverable, detail `max-duration`). */
  declare maxDuration: number | undefined;
  /** Milliseconds a start may take before it fails with `connect_timeout` (default 30000). */
  declare connectTimeout: number | undefined;
  /** The microphone is muted (its track disabled: the model hears silence). */
  declare muted: boolean;
  /** `server_vad` (the API's default), `semantic_vad`, or `none` for push-to-talk (hold the button or Space). */
  declare turnDetection: TurnDetectionMode | undefined;
  /** Model that transcribes the visitor's speech for the transcript; `none` turns it off. */
  declare transcriptionModel: string | undefined;
  /** `audio` (default) or `text`: text-only replies need no speaker. */
  declare outputModalities: 'audio' | 'text' | undefined;
  /** Functions the model may call in the page: `{name, description, parameters, handler}`. */
  declare tools: readonly Tool[];
  /** `light` or `dark`; unset follows the visitor's `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** `full` (default), `compact` (no log pane or text box, a short transcript), or `floating` (a corner button that opens the panel). */
  declare layout: 'full' | 'compact' | 'floating' | undefined;
  /** With `layout="floating"`: the panel is open. A conversation goes on while it is closed. */
  declare open: boolean;

  #controller = new SessionController(this, (levels) => this.#paintLevels(levels));
  #internals = this.attachInternals();
  /** Microphones to choose from; undefined until listed for this call. */
  #devices: MediaDeviceInfo[] | undefined;
  /** What the running call was given, so changes made during it can be sent as updates. */
  #applied: { options: SessionOptions; tools: readonly Tool[]; outputModalities: string | undefined } | undefined;
  #prefetched: { key: Promise<EphemeralKey | undefined>; abort: AbortController } | undefined;
  #logOpen = false;

  constructor() {
    super();
    this.baseUrl = DEFAULT_BASE_URL;
    this.prefetch = false;
    this.muted = false;
    this.open = false;
    this.tools = [];
    for (const type of ['pointerenter', 'focusin', 'touchstart']) this.addEventListener(type, this.#prefetchKey, { passive: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    onPage.add(this);
    if (!pageLang) {
      pageLang = new MutationObserver(() => onPage.forEach((el) => el.requestUpdate()));
      pageLang.observe(document.documentElement, { attributeFilter: ['lang'] });
    }
    navigator.mediaDevices?.addEventListener('devicechange', this.#listDevices);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    onPage.delete(this);
    this.#stopSpace?.();
    this.#stopSpace = undefined;
    navigator.mediaDevices?.removeEventListener('devicechange', this.#listDevices);
    this.#prefetched?.abort.abort();
    this.#prefetched = undefined;
  }

  // Streaming brings many deltas per frame: render at most once per animation frame, not once per event.
  protected override async scheduleUpdate(): Promise<void> {
    if (!document.hidden) await new Promise((resolve) => requestAnimationFrame(resolve));
    super.scheduleUpdate();
  }

  #tokenSource(): TokenSource | undefined {
    if (this.getToken) return { getToken: this.getToken };
    if (this.tokenEndpoint) return { endpoint: this.tokenEndpoint, body: this.model ? { model: this.model } : undefined };
    return undefined;
  }

  #prefetchKey = () => {
    const source = this.#tokenSource();
    if (!this.prefetch || this.#prefetched || !source || this.callEndpoint || isRunning(this.state)) return;
    const abort = new AbortController();
    // A failed prefetch is not an error the visitor sees: start() simply fetches again.
    this.#prefetched = { key: getEphemeralKey(source, abort.signal).catch(() => undefined), abort };
  };

  /** The session state: `idle`, `connecting`, `live`, `ended` or `failed`. */
  get state(): SessionState {
    return this.#controller.state;
  }

  /** The conversation items so far, in order. */
  get conversation(): Conversation {
    return this.#controller.items;
  }

  /** Connect-stage times of the current (or last) call, in ms since start. */
  get metrics(): ConnectStages {
    return { ...this.#controller.stages };
  }

  /** The server's id of the current call (`rtc_…`), e.g. for a server-side hangup or sideband connection. */
  get callId(): string | undefined {
    return this.#controller.session?.callId;
  }

  /** Who is speaking: `listening`, `user-speaking`, `thinking`, `assistant-speaking`, or `idle` with no call. */
  get activity(): Activity {
    return this.#controller.activity;
  }

  /** Microphone and voice loudness, 0..1, while live. */
  get levels(): Levels {
    return this.#controller.session?.levels ?? { input: 0, output: 0 };
  }

  /** The UI strings in effect (language plus overrides). */
  get uiStrings(): UiStrings {
    const lang = this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
    const loading = loadLanguage(lang);
    if (loading) this.#await(loading);
    return stringsFor(lang, this.strings);
  }

  /** Chunks on their way (a language, the log pane, the picker, push-to-talk); each re-renders when it lands. */
  #pending = new Set<Promise<unknown>>();
  #parts: Partial<LazyParts> = {};
  #stopSpace: (() => void) | undefined;

  #await(promise: Promise<unknown>): void {
    const done = promise.then(() => {
      this.#pending.delete(done);
      this.requestUpdate();
    });
    this.#pending.add(done);
  }

  /** A lazily loaded part, or undefined while it loads (the first call starts loading it). */
  #part<K extends keyof LazyParts>(name: K, load: () => Promise<LazyParts[K]>): LazyParts[K] | undefined {
    if (!(name in this.#parts)) {
      this.#parts[name] = undefined;
      this.#await(load().then((module) => (this.#parts[name] = module)));
    }
    return this.#parts[name];
  }

  // `updateComplete` also waits for chunks under way, so the text and parts are final when it resolves.
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#pending.size) {
      await Promise.all(this.#pending);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** Starts a conversation (asks for the microphone). Resolves once connected or failed; does nothing if already running. */
  start(): Promise<void> {
    // Safari only lets audio play if play() is first called inside the click that started the call.
    this.renderRoot.querySelector('audio')?.play().catch(() => {});
    const prefetched = this.#prefetched?.key;
    this.#prefetched = undefined;
    return this.#controller.start({
      token: this.#tokenSource(),
      callEndpoint: this.#callUrl(),
      prefetchedKey: prefetched,
      baseUrl: this.baseUrl || DEFAULT_BASE_URL,
      session: (this.#applied = { options: this.#sessionOptions(), tools: this.tools, outputModalities: this.outputModalities }).options,
      tools: this.tools,
      muted: this.muted,
      connectTimeoutMs: this.connectTimeout || undefined,
      maxDurationMs: this.maxDuration ? this.maxDuration * 1000 : undefined,
    });
  }

  #callUrl(): string | undefined {
    if (!this.callEndpoint) return undefined;
    if (!this.model) return this.callEndpoint;
    const url = new URL(this.callEndpoint, document.baseURI);
    url.searchParams.set('model', this.model);
    return url.href;
  }

  #sessionOptions(): SessionOptions {
    return {
      instructions: this.instructions,
      voice: this.voice,
      turnDetection: this.turnDetection,
      transcriptionModel: this.transcriptionModel,
      outputModalities: this.outputModalities ? [this.outputModalities] : undefined,
      extra: this.sessionConfig,
    };
  }

  /** Stops the model's reply (cancels the response, clears unplayed audio). Returns whether a reply was stopped. */
  interrupt(): boolean {
    return this.#controller.session?.interrupt() ?? false;
  }

  /** Whether push-to-talk is held. */
  get talking(): boolean {
    return !!this.#controller.session?.talking;
  }

  /** Push-to-talk by code: `true` opens the turn, `false` sends it (with `turn-detection="none"`). */
  pushToTalk(pressed: boolean): void {
    this.#controller.session?.talk(pressed);
    this.requestUpdate();
  }

  /** Changes session fields mid-call (and for later calls). A new voice after the model has spoken fails with `voice_locked`. */
  updateSession(options: SessionOptions): void {
    this.#controller.session?.updateSession(options);
  }

  /** Ends the conversation: microphone released, connection closed. */
  stop(): void {
    this.#controller.stop();
  }

  /** Sends a user text message and asks for a reply. Throws (and fires `rvc-error`) when not connected. */
  sendText(text: string): void {
    this.send(userText(text));
    this.send(responseCreate());
  }

  /** Sends any client event (queued until the channel opens). Throws (and fires `rvc-error`) when not connected. */
  send(event: ClientEvent): void {
    const session = this.#controller.session;
    if (!session || !isRunning(this.state)) {
      const error = new VoiceError('not_connected', '', undefined, true);
      this.#controller.report(error);
      throw error;
    }
    session.send(event);
  }

  override render() {
    const t = this.uiStrings;
    const { state, items, log, error, activity } = this.#controller;
    const running = isRunning(state);
    const live = state === 'live';
    const pushToTalk = this.turnDetection === 'none';
    const status = live ? (pushToTalk && activity === 'listening' ? t.pushToTalk : (t.activities[activity as Exclude<Activity, 'idle'>] ?? t.states.live)) : t.states[state];
    const microphone = this.#controller.session?.microphoneId;
    const floating = this.layout === 'floating';
    return html`
      ${floating
        ? html`<button part="launcher" type="button" aria-expanded=${this.open} aria-controls="panel" @click=${this.#toggleOpen}>
            ${this.open ? t.close : running ? `${t.open} · ${status}` : t.open}
          </button>`
        : nothing}
      <section part="panel" id="panel" aria-label=${t.open} ?hidden=${floating && !this.open} @keydown=${this.#onPanelKey}>
        <div part="header">
          <p part="status" role="status">${status}</p>
          ${running ? html`<button part="mute-button" type="button" aria-pressed=${this.muted} @click=${this.#toggleMute}>${t.mute}</button>` : nothing}
          ${running
            ? html`<button part="stop-button" type="button" @click=${this.stop}>${t.stop}</button>`
            : html`<button part="start-button" type="button" @click=${this.#onStart}>${t.start}</button>`}
        </div>
        ${live
          ? html`<div part="controls">
              <span part="meter input-meter"></span><span part="meter output-meter"></span>
              ${this.#devices && this.#devices.length > 1
                ? this.#part('picker', () => import('./microphone-picker.js'))?.microphonePicker(html, this.#devices, microphone, t.microphone, this.#choose)
                : nothing}
              ${pushToTalk ? this.#part('talk', () => import('./push-to-talk.js'))?.talkButton(html, this, t.talk) : nothing}
            </div>`
          : nothing}
        ${error
          ? html`<p part="error" role="alert">
              ${t.errors[error.code]}
              ${error.detail ? html`<span part="error-detail">(${error.detail})</span>` : nothing}
            </p>`
          : nothing}
        <div part="transcript" role="log" aria-live="polite" aria-label=${t.transcriptLabel} tabindex="0">
          ${items.length === 0 ? html`<p part="empty">${t.empty}</p>` : nothing}
          ${items.map((item) => (item.role === 'divider' ? html`<p part="divider" role="separator">${t.resumed}</p>` : this.#renderItem(item, t)))}
        </div>
        <form part="composer" @submit=${this.#onSubmit}>
          <label class="visually-hidden" for="input">${t.inputLabel}</label>
          <input id="input" part="input" name="text" autocomplete="off" placeholder=${t.inputPlaceholder} ?disabled=${!running} />
          <button part="send-button" type="submit" ?disabled=${!running}>${t.send}</button>
        </form>
        <details part="log" @toggle=${this.#onLogToggle}>
          <summary>${t.logLabel} (${log.length})</summary>
          <ol part="log-list" tabindex="0" aria-label=${t.logLabel}>
            ${this.#logOpen ? this.#part('log', () => import('./log-pane.js'))?.renderLog(html, redact, log) : nothing}
          </ol>
        </details>
        <audio part="audio" autoplay></audio>
      </section>
    `;
  }

  /** One message. */
  #renderItem(item: ConversationItem, t: UiStrings) {
    const { role } = item;
    const text =
      role === 'tool'
        ? `${item.name}(${item.text})${item.output === undefined ? '' : ` → ${item.output}`}`
        : item.text
          ? appendText(item.text)
          : role === 'user'
            ? html`<i part="placeholder">${t.voiceMessage}</i>`
            : '';
    return html`<p part="item item-${role}" data-id=${item.id} data-role=${role} data-status=${item.status}><span part="speaker"
        >${role === 'user' ? t.you : role === 'assistant' ? t.assistant : role === 'tool' ? t.tool : t.system}</span
      ><span part="text">${text}</span>${item.status === 'interrupted' ? html` <span part="interrupted">${t.interrupted}</span>` : nothing}</p>`;
  }

  /** The transcript was scrolled to its end before this render: it follows new text (unless the visitor scrolled up). */
  #following = true;

  get #transcript(): HTMLElement | null {
    return this.renderRoot.querySelector('[part=transcript]');
  }

  protected override willUpdate(): void {
    const box = this.#transcript;
    // Read before the DOM changes: the layout is still the one from the last frame, so this costs nothing.
    if (box) this.#following = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
    const session = this.#controller.session;
    const applied = this.#applied;
    if (!session || !applied || !isRunning(this.state)) return;
    session.muted = this.muted;
    if (this.tools !== applied.tools) session.setTools((applied.tools = this.tools));
    // Settings changed mid-call go to the server at once; only what differs from what the call already has.
    const options = this.#sessionOptions();
    const changed = (Object.keys(options) as (keyof SessionOptions)[]).filter((key) => options[key] !== applied.options[key] && key !== 'outputModalities');
    if (this.outputModalities !== applied.outputModalities) changed.push('outputModalities');
    if (!changed.length) return;
    this.#applied = { ...applied, options, outputModalities: this.outputModalities };
    try {
      session.updateSession(Object.fromEntries(changed.map((key) => [key, options[key]])));
    } catch {
      // Reported as rvc-error (voice_locked) and shown.
    }
  }

  #paintLevels(levels: Levels): void {
    for (const [part, level] of [['input-meter', levels.input], ['output-meter', levels.output]] as const) {
      // Speech sits around 0.05–0.3 linear: the square root spreads it over the meter.
      (this.renderRoot.querySelector(`[part~=${part}]`) as HTMLElement | null)?.style.setProperty('--level', Math.min(1, Math.sqrt(level) * 1.5).toFixed(2));
    }
  }

  #listDevices = async () => {
    if (this.state !== 'live') return;
    this.#devices = [];
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    // The platform's "default" and "communications" entries are aliases of real devices.
    this.#devices = devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== 'communications');
    this.requestUpdate();
  };

  #choose = async (deviceId: string) => {
    await this.#controller.session?.setMicrophone(deviceId);
    this.requestUpdate();
  };

  #toggleOpen = () => {
    this.open = !this.open;
  };

  // Escape closes the floating panel and gives focus back to its button, as a disclosure should.
  #onPanelKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.layout !== 'floating' || !this.open) return;
    this.open = false;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('[part=launcher]') as HTMLElement | null)?.focus());
  };

  #toggleMute = () => {
    this.muted = !this.muted;
  };

  protected override updated(): void {
    const box = this.#transcript!;
    if (this.#following) box.scrollTop = box.scrollHeight;
    // Assigned only on change: a binding would re-assign it every render (Lit re-commits objects) and reset playback.
    const audio = this.renderRoot.querySelector('audio')!;
    if (audio.srcObject !== this.#controller.remoteStream) {
      audio.srcObject = this.#controller.remoteStream;
      if (audio.srcObject) audio.play().catch(() => {});
    }
    // CSS :state() for the session state, who is speaking, muted and push-to-talk.
    const states = this.#internals.states;
    states.clear();
    for (const state of [this.state, this.#controller.activity, this.muted && 'muted', this.talking && 'talking']) if (state) states.add(state);
    if (this.state !== 'live') this.#devices = undefined;
    else if (!this.#devices) void this.#listDevices();
    const space = this.state === 'live' && this.turnDetection === 'none';
    if (space && !this.#stopSpace) this.#stopSpace = this.#part('talk', () => import('./push-to-talk.js'))?.listenForSpace(this);
    if (!space && this.#stopSpace) {
      this.#stopSpace();
      this.#stopSpace = undefined;
    }
  }

  // The log is rendered only while open: a closed pane costs nothing per event.
  #onLogToggle = (event: Event) => {
    this.#logOpen = (event.target as HTMLDetailsElement).open;
    this.requestUpdate();
  };

  #onStart = () => {
    void this.start();
  };

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    if (!input.value.trim()) return;
    try {
      this.sendText(input.value);
      input.value = '';
    } catch {
      // Reported as rvc-error and shown in the UI; the typed text stays so nothing is lost.
    }
  };
}
