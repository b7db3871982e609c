import { createCallControl, type CallControl, type CallControlOptions } from './call-control.js';
import { FetchUpgradeSocket } from './fetch-upgrade-socket.js';
import { controlUnavailable, problem } from './guards.js';
import type { HeldAdmission, Limits } from './limits/limits.js';
import { pageTools } from './page-tools.js';

/** What a call's Durable Object controls it with: the call control's options, the key, and the site's limits. */
export interface ControlObjectOptions extends CallControlOptions {
  apiKey: string;
  baseUrl?: string;
  /** The host's session (its instructions are pushed and enforced; its tools declared beside the server tools). */
  session?: Record<string, unknown>;
  /** The same limits the call endpoint admits calls with: the object charges the call's minutes and tokens. */
  limits?: Limits;
}

/** The part of a Durable Object namespace binding the call endpoint asks a call's object through. */
export interface ControlNamespace {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** What the call endpoint sends the call's object: the call, the page's tools, the call's part of its admission. */
interface AttachRequest {
  callId?: unknown;
  pageTools?: unknown;
  admission?: HeldAdmission;
}

/**
 * A Durable Object class that holds calls' control connections on Cloudflare, where a Worker cannot keep a socket
 * past its request: one object per call, started by the call endpoint (`createCallHandler({ controlObject })`). It
 * answers server tools, enforces the host's session, charges the call's minutes and tokens, and hangs it up when a
 * budget is spent — the call control of a long-lived process, in the one place the call lives. `configure` reads the
 * Worker's env; export the class from the Worker and bind it in wrangler.toml.
 */
export function callControlObject<Env>(configure: (env: Env) => ControlObjectOptions) {
  return class CallControlObject {
    readonly #control: CallControl;
    readonly #limits: Limits | undefined;

    constructor(_state: unknown, env: Env) {
      const { limits, ...options } = configure(env);
      this.#limits = limits;
      // Workers' fetch must be called as itself, never as a method of another object.
      this.#control = createCallControl({
        WebSocket: FetchUpgradeSocket,
        fetch: (input, init) => fetch(input, init),
        ...options,
      });
    }

    async fetch(request: Request): Promise<Response> {
      const asked = (await request.json().catch(() => ({}))) as AttachRequest;
      const callId = asked.callId;
      if (typeof callId !== 'string' || !callId) return problem(400, 'invalid_call', 'a call id is needed');
      if (new URL(request.url).pathname === '/hangup') {
        await this.#control.hangup(callId);
        return new Response(null, { status: 204 });
      }
      const admission = asked.admission && this.#limits?.resume(asked.admission);
      try {
        await this.#control.attach(callId, {
          awaitVisitor: true,
          pageTools: pageTools({ tools: asked.pageTools }),
          admission,
        });
        return new Response(null, { status: 204 });
      } catch {
        await this.#control.hangup(callId).catch(() => {});
        return controlUnavailable();
      }
    }
  };
}

/** Hands a call the endpoint just made to its own object; rejects when the object could not take control of it. */
export async function attachInObject(
  namespace: ControlNamespace,
  request: { callId: string; pageTools: unknown; admission?: HeldAdmission },
): Promise<void> {
  const object = namespace.get(namespace.idFromName(request.callId) as never);
  const answer = await object.fetch('https://call-control/attach', {
    method: 'POST',
    body: JSON.stringify(request),
  });
  await answer.body?.cancel();
  if (answer.status !== 204) throw new Error(`the call's object answered HTTP ${answer.status}`);
}
