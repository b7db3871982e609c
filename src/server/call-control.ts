import { DEFAULT_BASE_URL, realtimeUrl } from '../core/api.js';

/** A tool that runs on the host's server: the browser sees the call and its output in the transcript, never its code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the host types its own arguments
export interface ServerTool<Args = any> {
  name: string;
  description?: string;
  /** JSON Schema of the arguments, as the model is told it. */
  parameters?: Record<string, unknown>;
  /** Runs with the model's arguments; what it returns (a string, or anything JSON) is the tool's output. */
  handler: (args: Args, call: { callId: string }) => unknown;
}

/** A server event as the control connection receives it. */
export type ControlEvent = { type: string; [field: string]: unknown };

/** The standard WebSocket surface the control connection needs (`ws` on Node; Bun's and Deno's own also fit). */
export type ControlSocketClass = new (url: string, options: { headers: Record<string, string> }) => {
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
};

export interface CallControlOptions {
  /** Tools the server answers; declared in each call's session beside the host's own `session.tools`. */
  tools?: readonly ServerTool[];
  /** Puts the host's instructions and server tools back whenever the browser's `session.update` changed them. */
  enforce?: boolean;
  /** Every server event of every controlled call. */
  onEvent?: (event: ControlEvent, callId: string) => void;
  /** A call left without control (the limit, a refused connection) or a server tool that threw. */
  onError?: (error: Error, callId: string) => void;
  /** Most control connections open at once in this process (default 100); calls past it go on without one. */
  maxConnections?: number;
  /** Hangs a call up after this many milliseconds (default: none; the service ends calls at 60 minutes). */
  maxCallMs?: number;
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

/**
 * The host server's control connections to its calls (`wss://…/realtime?call_id=…` with the standard key): it answers
 * the model's calls to server tools, can enforce the host's session, hangs calls up, and keeps no more connections
 * than allowed, each closed when its call ends.
 */
export class CallControl {
  readonly #sockets = new Map<string, { close(): void }>();
  readonly #tools: Map<string, ServerTool>;
  readonly #instructions: unknown;

  constructor(
    private readonly options: CallControlOptions,
    private readonly upstream: { apiKey: string; baseUrl: string; session: Record<string, unknown>; fetch: typeof fetch },
  ) {
    this.#tools = new Map((options.tools ?? []).map((tool) => [tool.name, tool]));
    this.#instructions = upstream.session.instructions;
  }

  /** How many control connections are open now. */
  get open(): number {
    return this.#sockets.size;
  }

  /** The session's tools: the host's own, then the server tools (a server tool wins a name clash). */
  sessionTools(tools: unknown): unknown[] {
    const own = (Array.isArray(tools) ? tools : []).filter((tool: { name?: string }) => !this.#tools.has(String(tool?.name)));
    return [...own, ...[...this.#tools.values()].map(({ name, description, parameters }) => ({ type: 'function', name, description, parameters }))];
  }

  /** Opens the control connection of a call that has just started. */
  async attach(callId: string): Promise<void> {
    if (this.#sockets.has(callId)) return;
    if (this.#sockets.size >= (this.options.maxConnections ?? 100)) return this.options.onError?.(new Error('control_limit: too many control connections open'), callId);
    const slot = { close: () => {} };
    this.#sockets.set(callId, slot);
    const url = `${this.upstream.baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/realtime?call_id=${encodeURIComponent(callId)}`;
    let socket: InstanceType<ControlSocketClass>;
    try {
      socket = new (this.options.WebSocket ?? (await defaultSocket()))(url, { headers: { authorization: `Bearer ${this.upstream.apiKey}` } });
    } catch (error) {
      this.#sockets.delete(callId);
      return this.options.onError?.(new Error(`control_unavailable: ${error instanceof Error ? error.message : error}`), callId);
    }
    // Open, or closed by us before it opened (a hangup): either way no refusal to report.
    let settled = false;
    const limit = this.options.maxCallMs ? setTimeout(() => void this.hangup(callId).catch(() => {}), this.options.maxCallMs) : undefined;
    const ended = () => {
      clearTimeout(limit);
      if (this.#sockets.get(callId) === slot) this.#sockets.delete(callId);
    };
    slot.close = () => ((settled = true), ended(), socket.close(1000));
    // A call may end while a tool runs: what would have been sent then goes nowhere.
    const send = (event: object) => {
      try {
        socket.send(JSON.stringify(event));
      } catch {
        ended();
      }
    };
    socket.addEventListener('open', () => (settled = true));
    socket.addEventListener('close', ended);
    socket.addEventListener('error', () => (settled || this.options.onError?.(new Error('control_refused: the service refused the control connection'), callId), ended()));
    socket.addEventListener('message', ({ data }) => {
      let event: ControlEvent;
      try {
        event = JSON.parse(String(data)) as ControlEvent;
      } catch {
        return;
      }
      this.options.onEvent?.(event, callId);
      if (event.type === 'response.done') void this.#answer(event, callId, send);
      if (event.type === 'session.updated' && this.options.enforce) this.#enforce(event.session as Record<string, unknown>, send);
    });
  }

  /** Runs the server tools a finished response called, sends their outputs, then asks for the reply. */
  async #answer(event: ControlEvent, callId: string, send: (event: object) => void): Promise<void> {
    const output = ((event.response as { output?: unknown[] })?.output ?? []) as { type?: string; status?: string; name?: string; call_id?: string; arguments?: string }[];
    const calls = output.filter((item) => item.type === 'function_call' && item.status === 'completed' && this.#tools.has(String(item.name)));
    if (!calls.length) return;
    for (const item of calls) {
      let result: string;
      try {
        result = asOutput(await this.#tools.get(String(item.name))!.handler(JSON.parse(item.arguments || '{}'), { callId }));
      } catch (error) {
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)), callId);
        result = JSON.stringify({ error: `the tool ${item.name} failed` });
      }
      send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: item.call_id, output: result } });
    }
    send({ type: 'response.create' });
  }

  /** The browser changed what the host fixed: put it back (the host's instructions, its server tools). */
  #enforce(session: Record<string, unknown>, send: (event: object) => void): void {
    const names = new Set((Array.isArray(session?.tools) ? session.tools : []).map((tool: { name?: string }) => tool?.name));
    const instructionsChanged = this.#instructions !== undefined && session?.instructions !== this.#instructions;
    const toolsMissing = [...this.#tools.keys()].some((name) => !names.has(name));
    if (!instructionsChanged && !toolsMissing) return;
    const update: Record<string, unknown> = { type: 'realtime', tools: this.sessionTools(session?.tools) };
    if (this.#instructions !== undefined) update.instructions = this.#instructions;
    send({ type: 'session.update', session: update });
  }

  /** Ends a call (`POST …/calls/{id}/hangup`); its control connection closes with it. */
  async hangup(callId: string): Promise<void> {
    const response = await this.upstream.fetch(`${realtimeUrl(this.upstream.baseUrl, 'calls')}/${encodeURIComponent(callId)}/hangup`, { method: 'POST', headers: { authorization: `Bearer ${this.upstream.apiKey}` } });
    await response.body?.cancel();
    this.#sockets.get(callId)?.close();
    if (!response.ok && response.status !== 404) throw new Error(`hangup answered HTTP ${response.status}`);
  }

  /** Closes every control connection (the calls go on). */
  close(): void {
    for (const socket of [...this.#sockets.values()]) socket.close();
  }
}

/** Control for calls the page starts with an ephemeral key (the token path): attach it to the id `rvc-call` reports. */
export function createCallControl(options: CallControlOptions & { apiKey: string; baseUrl?: string; session?: Record<string, unknown>; fetch?: typeof fetch }): CallControl {
  if (!options.apiKey) throw new Error('createCallControl needs an apiKey');
  return new CallControl(options, { apiKey: options.apiKey, baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, session: options.session ?? {}, fetch: options.fetch ?? fetch });
}
