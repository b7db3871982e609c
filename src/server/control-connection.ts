import type { ControlEvent, ControlSocketClass } from './control-types.js';

/** Why a call could not be (or stay) under control (503 `control_unavailable` up front), or was hung up. */
export type ControlFailureCode =
  | 'control_limit'
  | 'control_timeout'
  | 'control_refused'
  | 'control_duplicate'
  | 'control_no_show'
  | 'control_loop'
  | 'budget_exhausted';

export class ControlFailure extends Error {
  constructor(
    readonly code: ControlFailureCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** What one call's connection needs from the {@link CallControl} that owns it. */
export interface ConnectionPlan {
  url: string;
  apiKey: string;
  socket: () => Promise<ControlSocketClass>;
  /** The host's session, pushed the moment the socket opens (undefined: nothing to push). */
  pushed: Record<string, unknown> | undefined;
  /** The update that puts the host's session back, when `session` strays from it (undefined: it does not). */
  restore: (session: Record<string, unknown>) => Record<string, unknown> | undefined;
  handshakeTimeoutMs: number;
  /** Hang up when the visitor shows no sign of life in this long (the call endpoint: offers that never connect). */
  connectTimeoutMs: number | undefined;
  maxCallMs: number | undefined;
  maxReapplies: number;
  onEvent: (event: ControlEvent) => void;
  answer: (event: ControlEvent, send: (event: object) => void) => void;
  /** Ends the call at the service (the connection closes with it). */
  hangup: (why: ControlFailure) => void;
  /** The connection is gone: its slot is free. */
  ended: () => void;
}

// Events the service sends whether or not a visitor ever connected: they prove nobody is there.
const NOT_THE_VISITOR = new Set(['session.created', 'rate_limits.updated']);

/**
 * One control connection (`wss://…/realtime?call_id=…`): bounded handshake, the host's session pushed at once,
 * re-applied when the visitor strays (at most `maxReapplies` times: two controls or a hostile page cannot make it
 * loop), and the call hung up when it outlives its limits.
 */
export class ControlConnection {
  /** Resolves when the socket is open and the host's session is on its way; rejects with a {@link ControlFailure}. */
  readonly opened: Promise<void>;
  #socket: InstanceType<ControlSocketClass> | undefined;
  #closed = false;
  /** Our `session.update`s not yet answered: the next `session.updated`s are ours, not the visitor's. */
  #ours = 0;
  #reapplies = 0;
  #timers: ReturnType<typeof setTimeout>[] = [];
  #noShow: ReturnType<typeof setTimeout> | undefined;
  /** The ids of our updates, to recognise the service's refusal of one. */
  #eventIds = new Set<string>();

  constructor(private readonly plan: ConnectionPlan) {
    this.opened = this.#open();
    // The owner awaits `opened`; a rejection nobody awaited is no crash.
    this.opened.catch(() => {});
  }

  async #open(): Promise<void> {
    const Socket = await this.plan.socket();
    if (this.#closed) throw new ControlFailure('control_refused', 'closed before it opened');
    let socket: InstanceType<ControlSocketClass>;
    try {
      socket = new Socket(this.plan.url, { headers: { authorization: `Bearer ${this.plan.apiKey}` } });
    } catch (error) {
      this.close();
      throw new ControlFailure('control_refused', error instanceof Error ? error.message : String(error));
    }
    this.#socket = socket;
    socket.addEventListener('message', ({ data }) => this.#receive(data));
    socket.addEventListener('close', () => this.close());
    await new Promise<void>((resolve, reject) => {
      const give = (failure: ControlFailure) => {
        this.close();
        reject(failure);
      };
      const timeout = `the service did not open the control connection in ${this.plan.handshakeTimeoutMs} ms`;
      this.#after(this.plan.handshakeTimeoutMs, () => give(new ControlFailure('control_timeout', timeout)));
      socket.addEventListener('error', () => give(new ControlFailure('control_refused', 'the service refused it')));
      socket.addEventListener('close', () => give(new ControlFailure('control_refused', 'closed before it opened')));
      socket.addEventListener('open', () => resolve());
    });
    this.#clearTimers();
    if (this.plan.pushed) this.#update(this.plan.pushed);
    if (this.plan.maxCallMs)
      this.#after(this.plan.maxCallMs, () => this.plan.hangup(new ControlFailure('control_limit', 'maxCallMs')));
    const { connectTimeoutMs } = this.plan;
    if (connectTimeoutMs) {
      const why = `no visitor connected in ${connectTimeoutMs} ms`;
      this.#noShow = this.#after(connectTimeoutMs, () => this.plan.hangup(new ControlFailure('control_no_show', why)));
    }
  }

  /** Sends a client event; a call that ended meanwhile takes nothing. */
  send = (event: object): void => {
    try {
      this.#socket?.send(JSON.stringify(event));
    } catch {
      this.close();
    }
  };

  #update(session: Record<string, unknown>): void {
    this.#ours++;
    const eventId = `event_control_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
    this.#eventIds.add(eventId);
    this.send({ type: 'session.update', event_id: eventId, session });
  }

  #receive(data: unknown): void {
    let event: ControlEvent;
    try {
      event = JSON.parse(String(data)) as ControlEvent;
    } catch {
      return;
    }
    if (!event || typeof event.type !== 'string') return;
    this.plan.onEvent(event);
    if (event.type === 'error') return this.#refused(event);
    if (event.type === 'session.updated') return this.#updated(event.session as Record<string, unknown>);
    if (!NOT_THE_VISITOR.has(event.type)) this.#visitorSeen();
    if (event.type === 'response.done') this.plan.answer(event, this.send);
  }

  /** An update of ours the service refused still counts as answered. */
  #refused(event: ControlEvent): void {
    const id = (event.error as { event_id?: unknown } | undefined)?.event_id;
    if (typeof id === 'string' && this.#eventIds.delete(id)) this.#ours = Math.max(0, this.#ours - 1);
  }

  #updated(session: Record<string, unknown>): void {
    if (this.#ours > 0) this.#ours--;
    else this.#visitorSeen();
    const restore = this.plan.restore(session ?? {});
    // Ours still in flight will decide; re-applying now would only race them.
    if (!restore || this.#ours > 0) return;
    if (++this.#reapplies > this.plan.maxReapplies) {
      return this.plan.hangup(new ControlFailure('control_loop', `the session strayed ${this.#reapplies} times`));
    }
    this.#update(restore);
  }

  #visitorSeen(): void {
    clearTimeout(this.#noShow);
    this.#noShow = undefined;
  }

  #after(ms: number, run: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(run, ms);
    this.#timers.push(timer);
    return timer;
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }

  /** Closes the connection (the call goes on unless it was hung up); idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimers();
    try {
      this.#socket?.close(1000);
    } catch {
      // a socket still connecting may refuse close(); it is dropped either way
    }
    this.plan.ended();
  }
}
