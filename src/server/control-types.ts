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
export type ControlSocketClass = new (
  url: string,
  options: { headers: Record<string, string> },
) => {
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
};
