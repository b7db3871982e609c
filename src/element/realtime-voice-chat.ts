import { html, type PropertyValues } from 'lit';
import { isRunning } from './element-error.js';
import { ChatApi } from './chat-api.js';
import { SESSION_SETTINGS } from './chat-properties.js';
import { AudioSinkController } from './controllers/audio-sink-controller.js';
import { DeviceListController } from './controllers/device-list-controller.js';
import { LazyParts } from './controllers/lazy-parts.js';
import { LocaleController } from './controllers/locale-controller.js';
import { ScrollFollowController } from './controllers/scroll-follow-controller.js';
import { SpaceToTalkController } from './controllers/space-to-talk-controller.js';
import { showStates } from './custom-states.js';
import { styles } from './realtime-voice-chat.styles.js';
import { visualizerStyles } from './panel/visualizer.styles.js';
import type { UiStrings } from './i18n/strings.js';
import type { SessionOptions } from '../core/index.js';
import { labelOverrides } from './i18n/label-overrides.js';
import { escapeCloses, panelView } from './panel/panel-view.js';
import { panelChunks, type PanelChunks } from './panel-chunks.js';
import { statusText } from './panel/panel-header.js';
import { TranscriptWindow } from './panel/transcript-window.js';
import { TranscriptToolsController } from './controllers/transcript-tools-controller.js';
import { visualState } from './panel/visualizer.js';

/**
 * A voice conversation with an OpenAI Realtime model, for any page.
 *
 * The element fetches a short-lived key from `token-endpoint` (or `getToken`), connects, sends the microphone, plays
 * the model's voice, shows the live transcript and an event log, and reports everything as `rvc-*` DOM events
 * (all `bubbles` and `composed`). Model output is rendered as text, never as HTML.
 *
 * @tagname realtime-voice-chat
 * @summary Voice chat with an OpenAI Realtime model.
 * @attr lang - UI language (`en`, `ja`); defaults to the nearest `lang` in the page, and follows changes to `<html lang>`.
 * @fires {RvcStateEvent} rvc-state - `{state, previous}`: `idle` | `connecting` | `live` | `reconnecting` | `ended` | `failed`.
 * @fires {RvcTranscriptEvent} rvc-transcript - `{item: {id, role, text, status}}` whenever an item appears or changes (dividers included: `role: "divider"`).
 * @fires {RvcServerEvent} rvc-server-event - `{event}`: each server event (keys redacted), but the WebSocket's audio chunks, which are played.
 * @fires {RvcClientEvent} rvc-client-event - `{event}`: each client event sent.
 * @fires {RvcErrorEvent} rvc-error - `{code, message, detail, recoverable, serverCode?, status?}`; `code` is stable.
 * @fires {RvcMetricsEvent} rvc-metrics - `{stages: {token, microphone, offer, answer, ice, channel, ready, firstAudio}, turn?: {trigger, ms}, transport: {kind, reason}}`: ms since start; `turn` is speech end (or text sent) to the reply being heard; `transport` says which carries the call and why.
 * @fires {RvcActivityEvent} rvc-activity - `{activity, previous}`: `listening` | `user-speaking` | `thinking` | `assistant-speaking` | `idle`.
 * @fires {RvcToolCallEvent} rvc-tool-call - `{name, callId, arguments, rawArguments, respond}`; cancel it and call `respond(output)` to answer instead of the tool's handler.
 * @fires {RvcToolApprovalEvent} rvc-tool-approval - `{id, server, name, arguments, respond}`: an MCP tool call needs approval; cancel it and call `respond(approve)` to decide, else the panel asks the visitor.
 * @fires {RvcUsageEvent} rvc-usage - `{usage}`: tokens used so far by kind, and the latest rate limits.
 * @fires {RvcResponseEvent} rvc-response - `{text, status, metadata, response}`: a response out of band ended (`ask()`, or the page's own `conversation: "none"`).
 * @fires {RvcCallEvent} rvc-call - `{callId, ticket?}`: a WebRTC call started (`rtc_…`); send both to your server, which may attach its control connection.
 *
 * @slot launcher-icon - With `layout="floating"`: an icon in the corner button, before its label.
 * @slot empty - What the transcript shows before the first message (default: a hint).
 * @slot header-actions - Extra buttons in the header, before Mute and Start/End.
 *
 * @csspart launcher - With `layout="floating"`: the corner button that opens and closes the panel (`aria-expanded`).
 * @csspart panel - The outer box.
 * @csspart header - The row with the status and the start/stop button.
 * @csspart visualizer - Five bars showing at a glance who has the turn (`data-activity`: `idle`, `connecting`, `listening`, `user-speaking`, `thinking`, `assistant-speaking`), scaled by `--level` (0..1); also in the floating launcher while a call runs.
 * @csspart status - The status line (a polite live region).
 * @csspart start-button - The primary button while no call runs (Start); the same button as `stop-button`.
 * @csspart stop-button - The primary button while a call runs (End).
 * @csspart mute-button - Mutes the microphone: an icon button (`aria-pressed`).
 * @csspart talk-button - Push-to-talk, shown when `turn-detection="none"`.
 * @csspart device-select - The microphone picker (when there is more than one).
 * @csspart output-select - The speaker picker (when the browser allows choosing and there is more than one).
 * @csspart volume - The volume slider for the model's voice.
 * @csspart tap-to-hear - Shown when the browser will not play the voice until the visitor taps; tapping plays it.
 * @csspart controls - The row of meters, the microphone picker and push-to-talk (while live).
 * @csspart meter - A level meter; its `--level` is 0..1.
 * @csspart input-meter - The microphone's level meter.
 * @csspart output-meter - The voice's level meter.
 * @csspart transcript - The conversation list (`role="log"`).
 * @csspart item - One message.
 * @csspart item-user - A message of the visitor's.
 * @csspart item-assistant - A message of the model's.
 * @csspart item-system - A system message.
 * @csspart item-tool - A tool call the model made (a page or MCP tool), with its arguments and answer.
 * @csspart speaker - The name above a message.
 * @csspart text - A message's text.
 * @csspart rich-text - A reply's text as rich text (paragraphs, lists, bold, italic, code, links); also `text`.
 * @csspart copy-button - Copies one message (shown on hover or focus).
 * @csspart transcript-tools - The row of transcript tools under the conversation.
 * @csspart copy-all-button - Copies the whole conversation as text.
 * @csspart download-button - Downloads the conversation as text.
 * @csspart download-json-button - Downloads the conversation as JSON (what `transcript()` returns).
 * @csspart clear-button - Clears the panel and `conversation` (the model still remembers the call).
 * @csspart cleared - The note shown after Clear.
 * @csspart interrupted - The mark after an interrupted message.
 * @csspart item-status - The mark after a reply that failed or was cut short, or an approval's answer.
 * @csspart placeholder - A voice message whose transcript has not arrived, is off, or failed.
 * @csspart approval - Approve and Deny for an MCP tool call waiting for the visitor.
 * @csspart approve-button - Approves the MCP tool call.
 * @csspart deny-button - Denies the MCP tool call.
 * @csspart divider - Where a lost call was replaced by a new one that carries the conversation on.
 * @csspart empty - The hint shown before the first message.
 * @csspart composer - The form with the text box and Send.
 * @csspart input - The text box.
 * @csspart send-button - The Send button.
 * @csspart error - The error message.
 * @csspart error-detail - The server's own words about the error, when it gave any.
 * @csspart log - The event log (`<details>`).
 * @csspart log-list - The list of logged events.
 * @csspart audio - The `<audio>` the model's voice plays in.
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
 * @cssprop [--rvc-gap=0.75rem] - Spacing (`compact`: 0.5rem).
 * @cssprop [--rvc-max-height=24rem] - Height of the transcript before it scrolls (`compact`: 8rem).
 */
export class RealtimeVoiceChat extends ChatApi {
  static override styles = [styles, visualizerStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  #parts = new LazyParts<PanelChunks>(this);
  #chunk = <K extends keyof PanelChunks>(name: K) => this.#parts.get(name, panelChunks[name]);
  #labels = labelOverrides();
  #locale = new LocaleController(this, this.#parts, () => this.#labels(this.strings, this));
  #devices = new DeviceListController(this, () => this.state === 'live');
  #audio: AudioSinkController = new AudioSinkController(
    this,
    () => this.renderRoot.querySelector('audio'),
    () => this.controller.remoteStream,
  );
  #internals = this.attachInternals?.();
  #logOpen = false;
  #window = new TranscriptWindow();
  #tools = new TranscriptToolsController(this, {
    transcript: () => this.transcript(),
    clear: () => {
      this.controller.session?.clearConversation();
      this.kept.forget();
    },
    strings: () => this.uiStrings,
    lang: () => this.#locale.lang,
    root: () => this.renderRoot,
  });

  constructor() {
    super();
    new ScrollFollowController(this, () => this.renderRoot.querySelector('[part=transcript]'));
    new SpaceToTalkController(
      this,
      this,
      () => this.state === 'live' && this.#pushToTalk,
      () => this.#chunk('talk')?.listenForSpace,
    );
    for (const type of ['pointerenter', 'focusin', 'touchstart'])
      this.addEventListener(type, () => this.#preload(), { passive: true });
  }

  // Intent to talk: the session code, the reply renderer and (with `prefetch`) the key start loading.
  #preload(): void {
    this.controller.preload(this.prefetch && !this.callEndpoint ? this.tokenSource() : undefined);
    this.#richText();
  }

  /** Renders the model's replies as rich text: a chunk, plain text until it has loaded. */
  #richText = () => this.#chunk('rich')?.richText(this.linkTarget);

  // Mute acts at once, not at the next render: the microphone sends nothing more from the moment it is set.
  override requestUpdate(...args: Parameters<ChatApi['requestUpdate']>): void {
    super.requestUpdate(...args);
    if (args[0] === 'muted' && this.controller) this.controller.mute(this.muted);
  }

  // `updateComplete` also waits for chunks under way and for the transcript catching up after a burst of items.
  protected override async getUpdateComplete(): Promise<boolean> {
    do await super.getUpdateComplete();
    while (this.#window.catchingUp && this.isUpdatePending);
    await this.#parts.settled();
    return super.getUpdateComplete();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The UI strings in effect (language plus overrides). */
  override get uiStrings(): UiStrings {
    return this.#locale.strings;
  }
  // Transcription hears the page's language unless the page or the host named one.
  protected override settings(): SessionOptions {
    return { languageHint: this.#locale.lang, ...super.settings() };
  }
  get #pushToTalk(): boolean {
    return (this.controller.session?.sessionOptions ?? this.settings()).turnDetection === 'none';
  }

  /** Empties the transcript and `conversation` on the page. The model still remembers the call until it ends. */
  clearTranscript(): void {
    this.#tools.clear();
  }

  protected override audioHeldBack(): void {
    this.#audio.heldBack();
  }

  protected override starting(): void {
    this.#audio.unlock();
    this.#tools.cleared = false;
    this.#richText();
  }

  // Settings changed while live take one path: the session sends what differs from what it has.
  protected override willUpdate(changed: PropertyValues<RealtimeVoiceChat>): void {
    for (const [property, setting] of Object.entries(SESSION_SETTINGS))
      if (changed.has(property as keyof RealtimeVoiceChat)) delete this.overrides[setting];
    // A frame of streaming changes no property: nothing to compare.
    if (changed.size) this.controller.sync(this.tools, this.settings());
  }

  protected override updated(): void {
    if (this.#window.catchingUp) this.requestUpdate();
    showStates(
      this.#internals,
      this,
      [this.state, this.activity, this.muted ? 'muted' : '', this.talking ? 'talking' : ''].filter(Boolean),
    );
  }

  override render() {
    const t = this.uiStrings;
    const { log, error, approvals } = this.controller;
    const [state, activity, items, pushToTalk, devices] = [
      this.state,
      this.activity,
      this.conversation,
      this.#pushToTalk,
      this.#devices.devices,
    ];
    const running = isRunning(state);
    const status = statusText(t, state, activity, pushToTalk);
    const audio = () => this.#chunk('audio');
    return panelView({
      t,
      dir: this.#locale.dir,
      header: {
        status,
        shown: visualState(state, activity),
        running,
        muted: this.muted,
        toggleMute: this.#toggleMute,
        start: this.#start,
        stop: this.#stop,
      },
      launcher: this.layout === 'floating' ? { open: this.open, toggle: this.#toggleOpen } : undefined,
      controls:
        state === 'live'
          ? {
              picker:
                devices && devices.length > 1
                  ? this.#chunk('picker')?.microphonePicker(
                      html,
                      devices,
                      this.controller.session?.microphoneId,
                      t.microphone,
                      this.#choose,
                    )
                  : undefined,
              talk: pushToTalk ? this.#chunk('talk')?.talkButton(html, this, t.talk) : undefined,
              audio: audio()?.audioControls(
                html,
                this.#audio.controls({ speaker: t.speaker, volume: t.volume }, this.#devices.outputs),
              ),
            }
          : undefined,
      tapToHear: running && this.#audio.blocked ? audio()?.tapToHear(html, t.tapToHear, this.#resumeAudio) : undefined,
      error: error && { message: t.errors[error.code], detail: error.detail },
      items: this.#window.next(items),
      hasItems: items.length > 0,
      cleared: this.#tools.cleared,
      rich: items.length ? this.#richText() : undefined,
      copyOne: this.#tools.copyOne,
      approvals,
      approvalButtons: approvals.size ? this.#chunk('approvals')?.approvalButtons : undefined,
      tools: this.#tools,
      send: this.#sendText,
      log: this.eventLog
        ? {
            count: log.length,
            toggle: this.#onLogToggle,
            entries: this.#logOpen ? this.#chunk('log')?.renderLog(html, log) : undefined,
          }
        : undefined,
      onPanelKey: this.#onPanelKey,
    });
  }

  #toggleMute = () => (this.muted = !this.muted);
  #toggleOpen = () => (this.open = !this.open);
  #start = () => void this.start();
  #stop = () => this.stop();
  #sendText = (text: string) => this.sendText(text);
  #resumeAudio = () => void this.#audio.resume(() => this.controller.session?.resumeAudio() ?? Promise.resolve());

  #choose = (deviceId: string): void => {
    void Promise.resolve(this.controller.session?.setMicrophone(deviceId)).then(() => this.requestUpdate());
  };
  #onPanelKey = escapeCloses(this, () => this.layout === 'floating');

  // The log is rendered only while open: a closed pane costs nothing per event.
  #onLogToggle = (event: Event) => {
    this.#logOpen = (event.target as HTMLDetailsElement).open;
    this.requestUpdate();
  };
}
