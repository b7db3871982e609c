import type { ClientEvent, ToolDeclaration } from '../protocol/client-events.js';

/** A function the model may call, run in the page. */
export interface Tool extends ToolDeclaration {
  /** Receives the parsed arguments; its result (any JSON value, or a string) goes back to the model. */
  handler?: ((args: unknown, call: ToolCall) => unknown) | undefined;
}

/** One call the model made. */
export interface ToolCall {
  readonly name: string;
  readonly callId: string;
  /** Parsed JSON arguments (`undefined` if the model sent invalid JSON; `rawArguments` has the text). */
  readonly arguments: unknown;
  readonly rawArguments: string;
}

/** Detail of the cancelable `toolcall` event: cancel it and call `respond` to answer instead of the handler. */
export interface ToolCallDetail {
  readonly call: ToolCall;
  respond: (output: unknown) => void;
}

const asOutput = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'));

/**
 * Runs the model's function calls and answers each with a `function_call_output`; once the response that made them is
 * done and every answer is sent, asks for one response to continue. A failing handler becomes an output that says so.
 */
export class ToolRunner {
  #pending = 0;
  #answered = 0;
  #responseDone = false;
  #continue = true;
  #generation = 0;

  constructor(
    private readonly tools: () => readonly Tool[],
    /** Fires the cancelable event; returns false when the host took the call. */
    private readonly announce: (detail: ToolCallDetail) => boolean,
    private readonly send: (event: ClientEvent) => void,
    private readonly onHandlerError: (name: string, message: string) => void,
    /** Tools the session declares that are not the page's: the host's server answers those. */
    private readonly serverTools: () => ReadonlySet<string> = () => new Set(),
  ) {}

  /** A completed `function_call` item of the running response. A call to a server tool is left to the server. */
  run(name: string, callId: string, rawArguments: string): void {
    if (!this.tools().some((t) => t.name === name) && this.serverTools().has(name)) return;
    const generation = this.#generation;
    let args: unknown;
    try {
      args = JSON.parse(rawArguments || '{}');
    } catch {
      args = undefined;
    }
    const call: ToolCall = { name, callId, arguments: args, rawArguments };
    this.#pending++;
    let settle!: (output: unknown) => void;
    const answer = new Promise<unknown>((resolve) => (settle = resolve));
    let answered = false;
    const respond = (output: unknown) => {
      if (!answered) {
        answered = true;
        settle(output);
      }
    };
    if (this.announce({ call, respond })) {
      const tool = this.tools().find((t) => t.name === name);
      if (!tool?.handler) respond({ error: `No tool named ${name} is available in this page.` });
      else if (args === undefined) respond({ error: 'The arguments were not valid JSON.' });
      else {
        const handler = tool.handler;
        Promise.resolve()
          .then(() => handler(args, call))
          .then(respond, (e: unknown) => {
            const message = e instanceof Error ? e.message : String(e);
            this.onHandlerError(name, message);
            respond({ error: `The tool failed: ${message}` });
          });
      }
    }
    void answer.then((output) => {
      if (generation !== this.#generation) return;
      this.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: callId, output: asOutput(output) },
      });
      this.#pending--;
      this.#answered++;
      this.#maybeContinue();
    });
  }

  /** The response finished; a cancelled one (the visitor spoke) is not continued, though its calls are still answered. */
  responseDone(completed: boolean): void {
    if (!this.#pending && !this.#answered) return;
    this.#responseDone = true;
    this.#continue = completed;
    this.#maybeContinue();
  }

  /** Forgets calls in flight (the call ended). */
  reset(): void {
    this.#generation++;
    this.#pending = this.#answered = 0;
    this.#responseDone = false;
    this.#continue = true;
  }

  #maybeContinue(): void {
    if (!this.#responseDone || this.#pending) return;
    const go = this.#continue && this.#answered > 0;
    this.#answered = 0;
    this.#responseDone = false;
    this.#continue = true;
    if (go) this.send({ type: 'response.create' });
  }
}
