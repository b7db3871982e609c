import { Call } from '../call/call.js';
import { CallSeries } from './call-series.js';
import { isAbort, VoiceError } from '../errors.js';
import { DurationLimit } from './duration-limit.js';
import { levelPollMs } from '../audio/levels.js';
import { approvalResponse, type ClientEvent } from '../protocol/client-events.js';
import { MicrophoneGate } from './microphone-gate.js';
import { talkActivity, talkEvents } from './push-to-talk.js';
import { greetingRequest } from './greeting.js';
import { handleMessage, type EffectsHost } from './server-event-effects.js';
import { isRunning, type ConnectStages, type SessionState, type Stage } from './session-events.js';
import { SessionReadout } from './session-readout.js';
import type { VoiceSessionOptions } from './session-options.js';
import { SessionSettings } from './session-settings.js';
import type { SessionOptions } from './session-update.js';
import { ToolDesk } from './tool-desk.js';
import type { Tool } from './tools.js';
import { DEFAULT_MIN_INTERRUPTION_MS, TurnTaking } from './turn-taking.js';

export type { VoiceSessionOptions } from './session-options.js';
export { MAX_MESSAGE_BYTES } from '../call/call.js';

/**
 * One voice conversation with a Realtime model. Framework-free: the element drives it, and so can any page. It speaks
 * the protocol; each {@link Call}'s transport owns the connection, the microphone and their timers. A conversation
 * ends one of two ways: {@link stop}, or a failure.
 */
export class VoiceSession extends SessionReadout {
  #options: VoiceSessionOptions;
  #state: SessionState = 'idle';
  #call: Call | undefined;
  #stages: ConnectStages = {};
  #settings: SessionSettings;
  #series: CallSeries;
  #eventCounter = 0;
  #mic: MicrophoneGate;
  #audioPlaying = false;
  #limit = new DurationLimit();
  #desk = new ToolDesk({
    tools: () => this.tools,
    serverTools: () => this.serverTools,
    dispatch: (event) => this.dispatchEvent(event),
    send: (event) => this.#call && this.send(event),
    report: (error) => this.#report(error),
    approve: (id, approve) => this.respondToApproval(id, approve),
  });
  #turnTaking = new TurnTaking({
    replying: () => !!this.#call?.responses.active || this.#audioPlaying,
    cut: () => this.interrupt(),
    reply: () => this.send({ type: 'response.create' }),
    discard: (itemId) => this.send({ type: 'conversation.item.delete', item_id: itemId }),
    transcribes: () => !!this.#call?.transcribes,
  });
  #effects: EffectsHost = {
    turns: this.model.turns,
    desk: this.#desk,
    turnTaking: this.#turnTaking,
    configure: (call) => {
      call.configure(this.#withId(this.#settings.opening(call.effective), 'open'));
      for (const message of this.#settings.ignored(call.effective)) this.emit('warning', { message });
    },
    goLive: (call) => this.#goLive(call),
    fail: (error) => this.#fail(error),
    lose: (error) => this.#lose(error),
    report: (error) => void this.#report(error),
    send: (event) => this.send(event),
    responseDone: (completed) => this.#responseDone(completed),
    audio: (playing) => void ((this.#audioPlaying = playing) && this.#settings.lockVoice(true)),
    voice: (voice) => this.#settings.heardVoice(voice),
    bargeIn: (call) => {
      // The service stops the reply only when the session says so; then the voice stops here too, cut to what was heard.
      const cut = this.#audioPlaying && call.interruptsResponse ? call.transport.voiceInterrupted() : undefined;
      if (cut) this.send(cut);
    },
    serverEvent: (event) => this.emit('serverevent', { event }),
    observe: (event) => this.model.observe(event, this.#state === 'live' && !this.talking),
    isOutOfBand: (id) => this.model.conversation.isOutOfBand(id),
    outOfBand: (response) => this.answered(response),
  };

  constructor(options: VoiceSessionOptions) {
    super();
    this.#options = options;
    this.#turnTaking.minMs = options.minInterruptionMs ?? DEFAULT_MIN_INTERRUPTION_MS;
    this.#settings = new SessionSettings(options.session ?? {}, options.tools ?? [], this.#turnTaking);
    this.#mic = new MicrophoneGate(!!options.muted, this.#settings, () => this.#call);
    this.#series = new CallSeries(options);
  }

  protected get call(): Call | undefined {
    return this.#call;
  }
  protected get settings(): SessionSettings {
    return this.#settings;
  }

  get muted(): boolean {
    return this.#mic.muted;
  }
  /** Mutes the microphone: its track is disabled, so the server hears silence. */
  set muted(muted: boolean) {
    this.#mic.muted = muted;
    this.#mic.apply();
  }
  get state(): SessionState {
    return this.#state;
  }
  /** Connect-stage times of the current (or last) call. */
  get metrics(): ConnectStages {
    return { ...this.#stages };
  }
  /** Whether push-to-talk is held. */
  get talking(): boolean {
    return this.#mic.key.held;
  }

  /** Starts a conversation. Does nothing while one is connecting or live. Resolves when connected (or failed). */
  async start(): Promise<void> {
    if (isRunning(this.#state)) return;
    const restored = this.#options.restored ?? [];
    this.model.reset(restored);
    this.#settings.lockVoice(false);
    this.#series.reset(restored.length > 0);
    return this.#open(false, restored.length > 0);
  }

  /** Opens a call: the first, or one replacing a lost call (`resume`); `seed` carries what was said into it. */
  async #open(resume: boolean, seed = resume): Promise<void> {
    this.#stages = {};
    this.#setState(resume ? 'reconnecting' : 'connecting');
    if (!this.#options.token && !this.#options.callEndpoint) return this.#fail(new VoiceError('config_missing'));
    const call = (this.#call = Call.for(this.#options, this.#series.firstKey(), this.#series.fellBack));
    this.#stages = call.stages;
    // A blip before the call was live is part of connecting, not a reconnection.
    const wasLive = () => call.liveAt !== undefined;
    call
      .on('stage', (stage) => this.#mark(stage))
      .on('message', (data) => handleMessage(this.#effects, call, data))
      .on('interrupted', () => wasLive() && this.#setState('reconnecting'))
      .on('restored', () => wasLive() && this.#state === 'reconnecting' && this.#setState('live'))
      .on('lost', (error) => this.#lose(error))
      .on('remoteStream', (stream) => this.emit('remotestream', { stream }))
      .on('microphoneError', (error) => this.#report(error))
      .on('playing', (playing) => this.#voicePlaying(playing))
      .on('audioBlocked', () => this.emit('audioblocked', {}))
      .on('timeout', (error) => this.#fail(error))
      .on('sent', (event) => this.emit('clientevent', { event }));
    for (const event of seed ? this.model.reseed() : []) call.put(this.#withId(event));
    this.#mic.apply();
    try {
      if (await call.connect()) this.#goLive(call);
    } catch (e) {
      if (this.#call === call && !isAbort(e))
        this.#fail(e instanceof VoiceError ? e : new VoiceError('connection_failed', String(e)));
    }
  }

  /** Stops the reply: cancels the running response and stops its voice. Returns whether there was a reply to stop. */
  interrupt(): boolean {
    const call = this.#call;
    if (this.#state !== 'live' || !call || !(call.responses.active || this.#audioPlaying)) return false;
    call.responses.clear();
    if (call.responses.active) this.send({ type: 'response.cancel' });
    const stop = this.#audioPlaying ? call.transport.stopPlayback() : undefined;
    if (stop) this.send(stop);
    return true;
  }

  /**
   * Push-to-talk (turn detection `none`): pressing clears the input buffer, stops any reply and opens the microphone;
   * releasing commits what was said and asks for a reply. A press under 250 ms is discarded.
   */
  talk(pressed: boolean): void {
    const change = this.#state === 'live' && this.#settings.pushToTalk ? this.#mic.key.change(pressed) : undefined;
    if (!change) return;
    if (change === 'press') this.interrupt();
    for (const event of talkEvents(change)) this.send(event);
    if (change === 'send') this.model.turns.start('speech');
    this.model.setActivity(talkActivity(change));
    this.#mic.apply();
  }

  /**
   * Changes session settings: sent at once when a call is running (merged over the session as the service has it),
   * and kept for every later call. The voice cannot change once the model has spoken (`voice_locked`).
   */
  updateSession(options: SessionOptions): void {
    let update: ClientEvent;
    try {
      update = this.#settings.change(options, this.#call?.effective);
    } catch (e) {
      throw e instanceof VoiceError ? this.#report(e) : e;
    }
    if (this.#call?.openingId) this.send(update);
    if (!this.#settings.pushToTalk) this.#mic.key.release();
    this.#mic.apply();
  }

  /** Updates the page's tools; declared to the model at once when a call is running. */
  setTools(tools: readonly Tool[]): void {
    const update = this.#settings.changeTools(tools, this.#call?.effective);
    if (this.#call?.openingId) this.send(update);
  }

  /** Switches to another microphone without interrupting the call; `undefined` means the default device. */
  async setMicrophone(deviceId: string | undefined): Promise<void> {
    await this.#call?.transport.useMicrophone(deviceId);
    this.#mic.apply();
  }

  /** Answers an MCP tool's approval request; the model goes on (or is told no). */
  respondToApproval(requestId: string, approve: boolean): void {
    const request = this.model.conversation.get(requestId);
    if (!this.#call || request?.kind !== 'mcp_approval_request' || request.approval) return;
    this.model.changed(this.model.conversation.setApproval(requestId, approve));
    this.send(approvalResponse(requestId, approve));
  }

  /** Ends the conversation and releases everything. Safe to call at any time, any number of times. */
  stop(): void {
    if (!isRunning(this.#state)) return;
    this.#close();
    this.#setState('ended');
  }

  /**
   * Sends a client event. Held while the call is being set up; `response.create` waits until no response is active
   * (the service refuses a second one with `conversation_already_has_active_response`).
   */
  send(event: ClientEvent): void {
    if (!event || typeof event !== 'object' || typeof event.type !== 'string')
      throw new TypeError('a client event needs a string `type`');
    if (!isRunning(this.#state) || !this.#call)
      throw this.#report(new VoiceError('not_connected', '', undefined, true));
    const withId = this.#withId(event);
    try {
      this.#call.put(withId);
    } catch (e) {
      throw e instanceof VoiceError ? this.#report(e) : e;
    }
    this.model.sent(withId);
  }

  #withId(event: ClientEvent, tag = 'rvc'): ClientEvent {
    return event.event_id ? event : { ...event, event_id: `evt_${tag}_${++this.#eventCounter}` };
  }

  /** Live once both are there: the session applied, and the microphone on the call (no "speak now" before it is). */
  #goLive(call: Call): void {
    if (this.#call !== call || !call.ready) return;
    call.live(
      () => void this.#pollLevels(call),
      () => levelPollMs(this.model.turns.running),
    );
    this.#series.live(call.choice);
    // The host's limit's end is not a failure, but said so.
    this.#limit.arm(this.#options.maxDurationMs, () => {
      this.stop();
      this.#report(new VoiceError('session_expired', 'max-duration', undefined, true));
    });
    // Listeners of the stage and of the state may stop the call: nothing after them may bring it back.
    this.#mark('ready');
    if (this.#call === call) this.#setState('live');
    if (this.#call === call) this.model.setActivity('listening');
    const greeting = this.#call === call ? this.#series.greeting() : undefined;
    if (greeting !== undefined) this.send(greetingRequest(greeting));
  }

  /** The transport plays the voice itself (WebSocket): what `output_audio_buffer.*` says over WebRTC. */
  #voicePlaying(playing: boolean): void {
    this.#effects.audio(playing);
    if (playing) this.#mark('firstAudio');
    this.model.voice(playing, this.#state === 'live' && !this.talking);
  }

  /** Lets held-back audio play (autoplay rules); call it inside a click, e.g. on a "tap to hear" prompt. */
  async resumeAudio(): Promise<void> {
    await this.#call?.transport.resumeAudio();
  }

  /** Levels for the meters, and the per-turn clock: a turn ends when the model's voice is actually audible. */
  async #pollLevels(call: Call): Promise<void> {
    const levels = await call.transport.readLevels().catch(() => undefined);
    if (!levels || this.#call !== call) return;
    const turn = this.model.heard(levels, this.#mic.muted);
    if (turn) this.emit('metrics', { stages: this.metrics, turn, transport: call.choice });
  }

  #responseDone(completed: boolean): void {
    this.#call?.responses.done();
    this.#desk.responseDone(completed);
  }

  #mark(stage: Stage): void {
    if (this.#call?.mark(stage)) this.emit('metrics', { stages: this.metrics, transport: this.#call.choice });
  }

  /** The conversation cannot go on: everything is released and the error shown. */
  #fail(error: VoiceError): void {
    if (!isRunning(this.#state)) return;
    this.#close();
    this.#report(error);
    this.#setState('failed');
  }

  /** A call is gone: if it was live, a replacement call carries the conversation on (within the policy's limits). */
  #lose(error: VoiceError): void {
    const call = this.#call;
    if (call?.liveAt === undefined || !this.#series.mayReplace(performance.now() - call.liveAt))
      return this.#fail(error);
    this.#teardown();
    this.model.changed(this.model.conversation.addDivider(`divider_${++this.#eventCounter}`));
    this.#report(new VoiceError(error.code, error.detail, undefined, true, error.serverCode));
    this.#setState('reconnecting');
    const replace = () => void this.#open(true);
    this.#series.whenReachable(replace, () => this.#fail(error));
  }

  #report(error: VoiceError): VoiceError {
    this.emit('error', { error });
    return error;
  }

  /** The conversation is over (not just its call): the host's time limit goes too. */
  #close(): void {
    this.#limit.clear();
    this.forgetQuestions();
    this.#teardown();
  }

  /** The one place a call's resources are released: stop, failures, replacement and element removal all end here. */
  #teardown(): void {
    this.#series.stopWaiting();
    const call = this.#call;
    this.#call = undefined;
    this.#desk.reset();
    this.#turnTaking.reset();
    this.#mic.key.release();
    this.#audioPlaying = false;
    this.model.idle();
    call?.close();
  }

  #setState(state: SessionState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.emit('statechange', { state, previous });
  }
}
