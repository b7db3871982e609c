import { DEFAULT_BASE_URL, realtimeUrl } from '../core/protocol/api.js';
import { AttachTickets, type TicketRefusal } from './attach-ticket.js';
import { ControlConnection, ControlFailure } from './control-connection.js';
import { withPageTools, type PageTool } from './page-tools.js';
import { meterCall } from './limits/call-meter.js';
import type { Admission } from './limits/limits.js';
import type { ControlEvent, ControlSocketClass, ServerTool } from './control-types.js';

export type { ControlEvent, ControlSocketClass, ServerTool } from './control-types.js';
export { ControlFailure, type ControlFailureCode } from './control-connection.js';

export interface CallControlOptions {
  /** Tools the server answers; declared in each call's session beside the host's own `session.tools`. */
  tools?: readonly ServerTool[];
  /** Puts the host's instructions and server tools back whenever the browser's `session.update` changed them. */
  enforce?: boolean;
  /** Every server event of every controlled call. */
  onEvent?: (event: ControlEvent, callId: string) => void;
  /** A call refused or hung up for want of control (the limit, a refused connection…), or a server tool that threw. */
  onError?: (error: Error, callId: string) => void;
  /** Most control connections open or opening at once in this process (default 100); calls past it are refused. */
  maxConnections?: number;
  /** Hangs a call up after this many milliseconds (default: none; the service ends calls at 60 minutes). */
  maxCallMs?: number;
  /** Gives up on a control connection the service has not opened in this long (default 5 000 ms). */
  handshakeTimeoutMs?: number;
  /** The call endpoint hangs up a call whose visitor shows no sign of life in this long (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** How often the host's session is put back in one call before the call is hung up (default 10). */
  maxReapplies?: number;
  /** Gives up on a hang-up the service has not answered in this long (default 5 000 ms). */
  hangupTimeoutMs?: number;
  /** Signs attach tickets (token path); share it between processes. Default: a random key of this process. */
  ticketSecret?: string;
  /** How long an attach ticket is good for (default 600 s, a key's default life). */
  ticketTtlSeconds?: number;
  /** The WebSocket client; default the runtime's own (Deno's and Bun's take headers), else the `ws` package (Node 20). */
  WebSocket?: ControlSocketClass;
}

// A specifier bundlers do not follow: a Worker that never opens a control connection never bundles `ws`.
const WS_PACKAGE = 'ws';
/** Deno's and Bun's own WebSocket take `{headers}` (a browser's does not, and has no business here). */
const defaultSocket = async (): Promise<ControlSocketClass> =>
  typeof globalThis.WebSocket === 'function' && !('document' in globalThis)
    ? (globalThis.WebSocket as unknown as ControlSocketClass)
    : ((await import(/* @vite-ignore */ WS_PACKAGE)) as { WebSocket: ControlSocketClass }).WebSocket;

const asOutput = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'));

/** A session's tools: the host's own, then the server tools declared (a server tool wins a name clash). */
export function withServerTools(tools: unknown, served: readonly ServerTool[]): unknown[] {
  const names = new Set(served.map((tool) => tool.name));
  const own = (Array.isArray(tools) ? (tools as { name?: unknown }[]) : []).filter(
    (tool) => !names.has(String(tool?.name)),
  );
  const declared = served.map(({ name, description, parameters }) => ({
    type: 'function',
    name,
    description,
    parameters,
  }));
  return [...own, ...declared];
}

/** Ends a call at the service (`POST …/calls/{id}/hangup` with the standard key), giving up after `timeoutMs`. */
export async function hangUpCall(
  upstream: { baseUrl: string; apiKey: string; fetch: typeof fetch },
  callId: string,
  timeoutMs = 5_000,
): Promise<void> {
  const url = `${realtimeUrl(upstream.baseUrl, 'calls')}/${encodeURIComponent(callId)}/hangup`;
  // Called on its own: Workers' fetch refuses to run as a method of another object.
  const send = upstream.fetch;
  const response = await send(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${upstream.apiKey}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok && response.status !== 404) throw new Error(`hangup answered HTTP ${response.status}`);
}

/** Calls under control in this process, whoever controls them: a second control on one call would fight the first. */
const CONTROLLED = new Set<string>();

/** How a call comes under control (see {@link CallControl.attach}). */
export interface AttachOptions {
  slot?: ControlSlot;
  awaitVisitor?: boolean;
  pageTools?: readonly PageTool[];
  admission?: Admission;
}

/** A slot held for a call about to be made, so a call is never made that could not be controlled. */
export interface ControlSlot {
  release(): void;
}

/**
 * The host server's control connections to its calls (`wss://…/realtime?call_id=…` with the standard key): it answers
 * the model's calls to server tools, pushes and enforces the host's session, hangs calls up, and fails closed — a
 * call it cannot control is refused or hung up, never left to the visitor's own session.
 */
export class CallControl {
  readonly #connections = new Map<string, ControlConnection>();
  readonly #tools: Map<string, ServerTool>;
  readonly #instructions: unknown;
  readonly #tickets: AttachTickets;
  #reserved = 0;

  constructor(
    private readonly options: CallControlOptions,
    private readonly upstream: {
      apiKey: string;
      baseUrl: string;
      session: Record<string, unknown>;
      fetch: typeof fetch;
    },
  ) {
    this.#tools = new Map((options.tools ?? []).map((tool) => [tool.name, tool]));
    this.#instructions = upstream.session.instructions;
    this.#tickets = new AttachTickets(options.ticketSecret, (options.ticketTtlSeconds ?? 600) * 1000);
  }

  /** How many control connections are open (or opening) now. */
  get open(): number {
    return this.#connections.size;
  }

  /** Whether a new call would be refused for want of a control slot. */
  get full(): boolean {
    return this.#connections.size + this.#reserved >= (this.options.maxConnections ?? 100);
  }

  /** The session's tools: the host's own, then the server tools (a server tool wins a name clash). */
  sessionTools(tools: unknown): unknown[] {
    return withServerTools(tools, [...this.#tools.values()]);
  }

  /** Holds a slot for a call about to be made; undefined when none is free. */
  reserve(): ControlSlot | undefined {
    if (this.full) return undefined;
    this.#reserved++;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.#reserved--;
      },
    };
  }

  /** A ticket for one attach (the token path hands it to the page with its key). */
  ticket(): Promise<string> {
    return this.#tickets.issue();
  }

  /** Spends a ticket: undefined when good, else why not. */
  redeem(ticket: unknown): Promise<TicketRefusal | undefined> {
    return this.#tickets.redeem(ticket);
  }

  /**
   * Opens the control connection of a call and pushes the host's session. Rejects with a {@link ControlFailure} when
   * it cannot (no slot, another control has the call, the service refused or did not answer in time); the caller
   * then hangs the call up. `awaitVisitor`: the visitor has not connected yet (the call endpoint), so a call nobody
   * joins in `connectTimeoutMs` is hung up. `admission`: the limits the call was let through by; its minutes and
   * tokens are charged as it goes (hung up when a budget is spent), and its places given back when it ends.
   */
  async attach(callId: string, options: AttachOptions = {}): Promise<void> {
    const mine = this.#connections.get(callId);
    // Announced again (a page retrying): the same control already has it, and this announcement holds nothing.
    if (mine) {
      options.slot?.release();
      await options.admission?.cancel();
      return mine.opened;
    }
    const slot = options.slot ?? this.reserve();
    try {
      if (!slot) throw new ControlFailure('control_limit', 'too many control connections open');
      if (CONTROLLED.has(callId)) throw new ControlFailure('control_duplicate', 'another control has this call');
      slot.release();
      CONTROLLED.add(callId);
      const connection = this.#connect(callId, options);
      this.#connections.set(callId, connection);
      await connection.opened;
    } catch (error) {
      slot?.release();
      // A call refused before its connection existed gives its places back here (a connection does when it ends).
      if (!this.#connections.has(callId)) await options.admission?.end();
      const failure = error instanceof ControlFailure ? error : new ControlFailure('control_refused', String(error));
      this.options.onError?.(failure, callId);
      throw failure;
    }
  }

  #connect(callId: string, { awaitVisitor = false, pageTools, admission }: AttachOptions): ControlConnection {
    const { baseUrl, apiKey } = this.upstream;
    const hangUp = (why: ControlFailure) => {
      this.options.onError?.(why, callId);
      void this.hangup(callId).catch(() => connection.close());
    };
    const meter =
      admission?.metered &&
      meterCall(admission, () =>
        hangUp(new ControlFailure('budget_exhausted', 'a budget this call counts against is spent')),
      );
    const connection: ControlConnection = new ControlConnection({
      url: `${baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/realtime?call_id=${encodeURIComponent(callId)}`,
      apiKey,
      socket: async () => this.options.WebSocket ?? (await defaultSocket()),
      pushed: this.#pushed(pageTools),
      restore: (session) => (this.options.enforce ? this.#restore(session, pageTools) : undefined),
      handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? 5_000,
      connectTimeoutMs: awaitVisitor ? (this.options.connectTimeoutMs ?? 10_000) : undefined,
      maxCallMs: this.options.maxCallMs,
      maxReapplies: this.options.maxReapplies ?? 10,
      onEvent: (event) => {
        if (meter) meter.event(event);
        this.options.onEvent?.(event, callId);
      },
      answer: (event, send) => void this.#answer(event, callId, send),
      hangup: hangUp,
      ended: () => {
        if (this.#connections.get(callId) === connection) this.#connections.delete(callId);
        CONTROLLED.delete(callId);
        if (meter) meter.stop();
        void admission?.end();
      },
    });
    return connection;
  }

  /**
   * The tools a call has, from what this server knows (never sent back from an echo, which may leave out an MCP
   * server's `authorization` and `headers`): the host's, the page's it declared with the offer, the server tools.
   */
  #knownTools(pageTools: readonly PageTool[] = []): unknown[] {
    return this.sessionTools(withPageTools(this.upstream.session, pageTools).tools);
  }

  /**
   * The host's session as pushed when a connection opens: its instructions, and its tools where this server made the
   * call (the call endpoint: `pageTools` known). A key's call already has its tools from the key.
   */
  #pushed(pageTools?: readonly PageTool[]): Record<string, unknown> | undefined {
    const hasTools = pageTools !== undefined && (this.#tools.size > 0 || Array.isArray(this.upstream.session.tools));
    if (this.#instructions === undefined && !hasTools) return undefined;
    const update: Record<string, unknown> = { type: 'realtime' };
    if (this.#instructions !== undefined) update.instructions = this.#instructions;
    if (hasTools) update.tools = this.#knownTools(pageTools);
    return update;
  }

  /** The browser changed what the host fixed: the update that puts it back (the instructions, the tools). */
  #restore(session: Record<string, unknown>, pageTools?: readonly PageTool[]): Record<string, unknown> | undefined {
    const names = new Set(
      (Array.isArray(session.tools) ? session.tools : []).map((tool: { name?: string }) => tool?.name),
    );
    const instructionsChanged = this.#instructions !== undefined && session.instructions !== this.#instructions;
    const toolsMissing = [...this.#tools.keys()].some((name) => !names.has(name));
    if (!instructionsChanged && !toolsMissing) return undefined;
    const update: Record<string, unknown> = { type: 'realtime' };
    if (toolsMissing) update.tools = this.#knownTools(pageTools);
    if (instructionsChanged) update.instructions = this.#instructions;
    return update;
  }

  /** Runs the server tools a finished response called, sends their outputs, then asks for the reply. */
  async #answer(event: ControlEvent, callId: string, send: (event: object) => void): Promise<void> {
    type Output = { type?: string; status?: string; name?: string; call_id?: string; arguments?: string };
    const output = ((event.response as { output?: unknown[] })?.output ?? []) as Output[];
    const calls = output.filter(
      (item) => item.type === 'function_call' && item.status === 'completed' && this.#tools.has(String(item.name)),
    );
    if (!calls.length) return;
    for (const item of calls) {
      let result: string;
      try {
        const args: unknown = JSON.parse(item.arguments || '{}');
        result = asOutput(await this.#tools.get(String(item.name))!.handler(args, { callId }));
      } catch (error) {
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)), callId);
        result = JSON.stringify({ error: `the tool ${item.name} failed` });
      }
      send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: item.call_id, output: result },
      });
    }
    send({ type: 'response.create' });
  }

  /** Ends a call (`POST …/calls/{id}/hangup`, bounded in time); its control connection closes with it. */
  async hangup(callId: string): Promise<void> {
    try {
      await hangUpCall(this.upstream, callId, this.options.hangupTimeoutMs ?? 5_000);
    } finally {
      this.#connections.get(callId)?.close();
    }
  }

  /** Closes every control connection (the calls go on). */
  close(): void {
    for (const connection of [...this.#connections.values()]) connection.close();
  }
}

/** Control for calls the page starts with an ephemeral key (the token path): attach it to the id `rvc-call` reports. */
export function createCallControl(
  options: CallControlOptions & {
    apiKey: string;
    baseUrl?: string;
    session?: Record<string, unknown>;
    fetch?: typeof fetch;
  },
): CallControl {
  if (!options.apiKey) throw new Error('createCallControl needs an apiKey');
  return new CallControl(options, {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    session: options.session ?? {},
    fetch: options.fetch ?? fetch,
  });
}
