import { BodyTooLarge, readText } from './body.js';
import type { CallControl } from './call-control.js';
import { problem, refusal, type GuardOptions } from './guards.js';

export interface ControlHandlerOptions extends GuardOptions {
  /** The control to attach (from `createCallControl`). */
  control: CallControl;
}

// A call id and nothing else: `rtc_` and the service's id characters.
const CALL_ID = /^rtc_[A-Za-z0-9_-]{1,120}$/;

/**
 * A Fetch-API handler for the token path: the page POSTs `{"callId": "rtc_…"}` (from the element's `rvc-call` event)
 * and the server attaches its control connection to that call. The same guards as the key endpoint run first; the
 * body is 1 KiB at most; only a well-formed call id is attached (the service refuses ids that are not its calls).
 */
export function createControlHandler(options: ControlHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const refused = await refusal(request, options);
    if (refused) return refused;
    let callId: unknown;
    try {
      callId = (JSON.parse(await readText(request, 1024)) as { callId?: unknown })?.callId;
    } catch (e) {
      if (e instanceof BodyTooLarge) return problem(413, 'body_too_large', 'send {"callId": "rtc_…"} only');
    }
    if (typeof callId !== 'string' || !CALL_ID.test(callId)) return problem(400, 'invalid_call_id', 'send {"callId": "rtc_…"} from the rvc-call event');
    await options.control.attach(callId);
    return new Response(null, { status: 202, headers: { 'cache-control': 'no-store' } });
  };
}
