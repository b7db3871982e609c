import { BodyTooLarge, readText } from './body.js';
import type { CallControl } from './call-control.js';
import { controlUnavailable, problem, refusal, requireOrigins, type GuardOptions } from './guards.js';

export interface ControlHandlerOptions extends GuardOptions {
  /** The control to attach (from `createCallControl`, the same one the token handler was given). */
  control: CallControl;
  /** Announces this handler takes per second in all, before any other check (default 50); past it, 429. */
  maxAnnouncesPerSecond?: number;
}

// A call id and nothing else: `rtc_` and the service's id characters.
const CALL_ID = /^rtc_[A-Za-z0-9_-]{1,120}$/;

/** A fixed window of one second: cheap, and enough to keep a flood of announces off the ticket check. */
function perSecond(limit: number): () => boolean {
  let second = 0;
  let count = 0;
  return () => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) [second, count] = [now, 0];
    return ++count <= limit;
  };
}

/**
 * A Fetch-API handler for the token path: the page POSTs `{"callId": "rtc_…", "ticket": "…"}` (the element's `rvc-call`
 * event carries both; the ticket came with the key) and the server attaches its control connection to that call.
 * Only a ticket this server signed, unused and unexpired, opens a connection — a stranger's call id alone opens
 * nothing. 202 means the control is attached and the host's session pushed; a call that cannot be controlled is
 * hung up and answered 503 `control_unavailable`. The guards run first; the body is 1 KiB at most.
 */
export function createControlHandler(options: ControlHandlerOptions): (request: Request) => Promise<Response> {
  requireOrigins('createControlHandler', options);
  const admit = perSecond(options.maxAnnouncesPerSecond ?? 50);
  return async (request) => {
    if (request.method === 'POST' && !admit()) {
      return problem(429, 'rate_limited', 'too many announces; try again shortly', { 'retry-after': '1' });
    }
    const refused = await refusal(request, options);
    if (refused) return refused;
    let body: { callId?: unknown; ticket?: unknown } | undefined;
    try {
      body = JSON.parse(await readText(request, 1024)) as typeof body;
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return problem(413, 'body_too_large', 'send {"callId": "rtc_…", "ticket": "…"} only');
    }
    const callId = body?.callId;
    if (typeof callId !== 'string' || !CALL_ID.test(callId)) {
      return problem(400, 'invalid_call_id', 'send {"callId": "rtc_…", "ticket": "…"} from the rvc-call event');
    }
    const ticketRefused = await options.control.redeem(body?.ticket);
    if (ticketRefused)
      return problem(403, ticketRefused, 'this call may not be attached: send the ticket that came with its key');
    try {
      await options.control.attach(callId);
    } catch {
      await options.control.hangup(callId).catch(() => {});
      return controlUnavailable();
    }
    return new Response(null, { status: 202, headers: { 'cache-control': 'no-store' } });
  };
}
