import { keepLast, shortened } from './bounded.js';
import { sleep, type CallContext } from './call-context.js';
import { ControlSockets } from './control-sockets.js';
import { checkClientEvent } from './client-event-check.js';
import type { ClientEventOf, ClientEventType } from './client-events.js';
import type { Outgoing } from './events.js';
import type { CallOptions, CallTransport, ServedCall } from './call-seams.js';
import type { FaultTarget, Scenario } from '../faults/fault-plan.js';
import { newId } from './ids.js';
import { InputTurns } from './input-turns.js';
import { Items, UnknownItem, type Item } from './items.js';
import { Mcp, SCENARIO_MCP_SERVER } from './mcp.js';
import { Responses } from './responses.js';
import { applySessionUpdate, ConfigError, echoed, mcpSecrets, type SessionConfig } from './session-config.js';
import { VoiceOut } from './voice-out.js';

export type { CallOptions, CallTransport, ServedCall } from './call-seams.js';

/**
 * One call on the stand-in: the Realtime protocol over a transport — session.created on open, client events checked
 * like the service checks them, items, scripted responses spoken with the GA event sequence, barge-in with
 * truncation, function and MCP calls, and the service's error events.
 */
export class RealtimeCall implements CallContext, ServedCall {
  readonly id = newId('rtc');
  readonly created = Date.now();
  readonly items = new Items();
  readonly scenario: Scenario;
  readonly replyDelayMs: number;
  /** Every client event type received but audio appends, in order (for tests and the demo's diagnostics). */
  readonly received: string[] = [];
  /** Per reply stopped while the visitor spoke, how long they had been speaking by then (ms of input audio). */
  readonly cutsWhileSpeaking: number[] = [];
  #cutSpeech: string | undefined;
  /** The host server's control connections to this call. */
  readonly controls = new ControlSockets();
  #session: SessionConfig;
  #transport: CallTransport | undefined;
  /** A fault waiting for an event type to be sent. */
  #watchers = new Map<string, (() => void)[]>();
  #life = new AbortController();
  #closed = false;
  #input: InputTurns;
  #responses: Responses;
  #voice: VoiceOut;
  #updates = 0;
  #struck = false;
  /** The fault `events-stall`: nothing more reaches the visitor's event channel. */
  #eventsStalled = false;

  constructor(private readonly options: CallOptions) {
    this.#session = structuredClone(options.session);
    this.scenario = options.fault?.plan.scenario ?? {};
    this.replyDelayMs = options.replyDelayMs ?? 0;
    if (this.scenario.mcp) this.#session.tools = [...this.#session.tools, SCENARIO_MCP_SERVER];
    this.#input = new InputTurns(this, {
      speechStarted: () => this.#bargeIn(),
      turnEnded: (respond) => respond && !this.#responses.active && this.#responses.create(null, {}),
    });
    this.#voice = new VoiceOut(
      this,
      () => this.#transport,
      () =>
        this.#input.armIdleTimeout(
          () => this.#responses.create(null, {}),
          () => !!this.#responses.active,
        ),
    );
    this.#responses = new Responses(
      this,
      { play: (playback, ids, requestedAt) => this.#voice.play(playback, ids, requestedAt) },
      this.#input.heardMs,
    );
    this.#responses.mcp = new Mcp(this, this.#responses.items);
  }

  get session(): SessionConfig {
    return this.#session;
  }
  get signal(): AbortSignal {
    return this.#life.signal;
  }
  get kind(): CallTransport['kind'] {
    return this.#transport?.kind ?? 'webrtc';
  }
  get closed(): boolean {
    return this.#closed;
  }

  /** The transport is up and its event channel open: the service greets with `session.created`. */
  open(transport: CallTransport): void {
    if (this.#closed) return void transport.close();
    this.#transport = transport;
    this.send({ type: 'session.created', session: echoed(this.#session) as never });
    void this.#responses.mcp?.listTools();
  }

  /** One frame of the visitor's microphone (its level, RMS 0..1, and length). */
  hear(level: number, ms: number): void {
    if (!this.#closed) this.#input.hear(level, ms);
  }

  send(event: Outgoing): void {
    if (this.#closed) return;
    const stamped = { event_id: newId('event'), ...event };
    this.options.onEvent?.(stamped);
    this.#watchers
      .get(event.type)
      ?.splice(0)
      .forEach((resolve) => resolve());
    const message = JSON.stringify(stamped);
    if (!this.#eventsStalled) this.#transport?.send(message);
    this.controls.send(message);
  }

  error(
    code: string,
    message: string,
    eventId: unknown,
    param: string | null = null,
    type = 'invalid_request_error',
  ): void {
    this.send({
      type: 'error',
      error: { type, code, message, param, event_id: typeof eventId === 'string' ? eventId : null },
    });
  }

  /** One message from the client: checked like the service checks it, then applied. */
  receive(data: string | Buffer): void {
    const delay = this.scenario.uplinkDelayMs;
    if (delay) return void sleep(delay, this.signal).then(() => this.#receive(data));
    this.#receive(data);
  }

  #receive(data: string | Buffer): void {
    if (this.#closed) return;
    const checked = checkClientEvent(data);
    if ('json' in checked) this.options.onClientEvent?.(checked.json);
    // Appends arrive 25 times a second over a WebSocket: counted in `heard`, not listed.
    if (checked.type && checked.type !== 'input_audio_buffer.append') keepLast(this.received, shortened(checked.type));
    if (!checked.ok) {
      const { code, message, eventId, param } = checked.refused;
      return this.error(code, message, eventId, param);
    }
    this.#apply(checked.type, checked.event);
  }

  #apply<K extends ClientEventType>(type: K, event: ClientEventOf<K>): void {
    const e = event as ClientEventOf<ClientEventType> & Record<string, unknown>;
    switch (type) {
      case 'session.update':
        return this.#update(e.event_id, e.session);
      case 'conversation.item.create':
        return this.#createItem(e as ClientEventOf<'conversation.item.create'>);
      case 'conversation.item.delete': {
        if (!this.items.remove(e.item_id)) return this.#noItem(e.item_id, e.event_id);
        return this.send({ type: 'conversation.item.deleted', item_id: e.item_id as string });
      }
      case 'conversation.item.retrieve': {
        const item = this.items.find(e.item_id);
        if (!item) return this.#noItem(e.item_id, e.event_id);
        return this.send({ type: 'conversation.item.retrieved', item });
      }
      case 'conversation.item.truncate':
        this.#noteCut();
        return this.#voice.truncate(e as ClientEventOf<'conversation.item.truncate'>);
      case 'response.create':
        return this.#responses.create(e.event_id, (e.response as Record<string, unknown> | undefined) ?? {});
      case 'response.cancel':
        this.#noteCut();
        return this.#responses.cancel(e.event_id, e.response_id);
      case 'output_audio_buffer.clear':
        if (this.kind !== 'webrtc')
          return this.error(
            'invalid_value',
            'output_audio_buffer.clear is only supported over WebRTC.',
            e.event_id,
            'type',
          );
        this.#noteCut();
        return this.#voice.clear();
      case 'input_audio_buffer.clear':
        return this.#input.clear();
      case 'input_audio_buffer.commit':
        return void this.#input.commit(e.event_id);
      case 'input_audio_buffer.append':
        if (!this.#transport?.append)
          return this.error(
            'invalid_value',
            'Over WebRTC the microphone travels on the audio track, not in input_audio_buffer.append.',
            e.event_id,
            'type',
          );
        if (!this.#transport.append(e.audio as string))
          return this.error(
            'invalid_value',
            "Invalid 'audio'. Expected base64-encoded 16-bit PCM audio.",
            e.event_id,
            'audio',
          );
        return;
    }
  }

  #update(eventId: unknown, update: unknown): void {
    try {
      if (this.scenario.rejectFirstUpdate && this.#updates++ === 0)
        throw new ConfigError(
          'unknown_parameter',
          "Unknown parameter: 'session.audio.input.transcription.prompt'.",
          'session.audio.input.transcription.prompt',
        );
      this.#session = applySessionUpdate(this.#session, update, { live: true, audioStarted: this.#voice.started });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return this.error(e.code, e.message, eventId, e.param);
    }
    this.#input.configure();
    this.send({ type: 'session.updated', session: echoed(this.#session) as never });
    void this.#responses.mcp?.listTools();
    this.#strike();
  }

  #noItem(itemId: unknown, eventId: unknown): void {
    this.error('item_not_found', `Item with item_id not found: ${String(itemId)}`, eventId, 'item_id');
  }

  #createItem(event: ClientEventOf<'conversation.item.create'>): void {
    if (event.item.id && this.items.find(event.item.id))
      return this.error(
        'item_already_exists',
        `Item with id '${event.item.id}' already exists.`,
        event.event_id,
        'item.id',
      );
    const item = {
      ...event.item,
      id: event.item.id ?? newId('item'),
      object: 'realtime.item',
      ...('status' in event.item || event.item.type === 'mcp_approval_response' ? {} : { status: 'completed' }),
    } as Item;
    let previous: string | null;
    try {
      previous = this.items.insert(item, event.previous_item_id);
    } catch (e) {
      if (!(e instanceof UnknownItem)) throw e;
      return this.error('item_not_found', e.message, event.event_id, 'previous_item_id');
    }
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    // An approval answer is all OpenAI's own client sends: the service goes on by itself.
    if (item.type === 'mcp_approval_response' && !this.#responses.active) this.#responses.create(null, {});
  }

  /** The visitor spoke over the reply: it stops, and over WebRTC the service cuts the item to what was heard. */
  #bargeIn(): void {
    this.#noteCut();
    this.#responses.interrupt();
    if (this.kind === 'webrtc') this.#voice.clear();
  }

  /** A reply is being stopped: how long the visitor had been speaking by then, when they were. */
  #noteCut(): void {
    const ms = this.#input.speakingMs;
    if (
      (!this.#responses.active && !this.#voice.playing) ||
      ms === undefined ||
      this.#cutSpeech === this.#input.speechId
    )
      return;
    this.#cutSpeech = this.#input.speechId;
    keepLast(this.cutsWhileSpeaking, Math.round(ms));
  }

  /** The fault a test asked for strikes once, after the first `session.updated`. */
  #strike(): void {
    const live = this.options.fault?.plan.live;
    if (!live || this.#struck) return;
    this.#struck = true;
    const target: FaultTarget = {
      key: this.options.key,
      tag: this.options.fault!.tag,
      signal: this.signal,
      send: (event) => this.send(event),
      sendRaw: (message) => {
        this.options.onRaw?.();
        this.#transport?.send(message);
      },
      close: () => this.close(),
      closeEvents: () => this.#transport?.closeEvents(),
      stallEvents: () => (this.#eventsStalled = true),
      blackout: (ms) => this.#transport?.blackout(ms),
      reset: () => this.#transport?.reset(),
      sent: (type) =>
        new Promise((resolve) => this.#watchers.set(type, [...(this.#watchers.get(type) ?? []), resolve])),
    };
    void sleep(live.afterMs, this.signal).then(() => this.#closed || live.strike(target));
  }

  /** What the stand-in heard on the microphone and how the call stands (`GET /v1/stand-in/calls/{id}`). */
  report() {
    return {
      id: this.id,
      heard: this.#transport?.heard() ?? { packets: 0, heardMs: 0, voicedMs: 0, peak: 0 },
      closed: this.#closed,
      received: this.received.slice(-200),
      items: this.items.size,
      replyTimes: [...this.#voice.replyTimes],
      cutsWhileSpeaking: [...this.cutsWhileSpeaking],
      session: echoed(this.#session),
      mcpSecrets: mcpSecrets(this.#session),
    };
  }

  /** Ends the call; resolves once its transport has closed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#life.abort();
    this.#responses.interrupt();
    this.#voice.stop();
    this.options.onClose?.();
    this.controls.close();
    await this.#transport?.close();
  }
}
