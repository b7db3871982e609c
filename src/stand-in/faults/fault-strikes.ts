import { sleep } from '../call/call-context.js';
import { apiError } from '../http/errors.js';
import type { FaultPlan, FaultTarget } from './fault-plan.js';

// The strikes several faults share.

/** Never answers; gives up only when the client does (or after two minutes). */
export async function hang(signal: AbortSignal): Promise<Response> {
  await sleep(120_000, signal);
  return apiError(504, 'timeout', 'The stand-in hung on purpose.');
}

/** A 429 the way the service sends one: the error envelope, when to retry, and the limits. */
export function busy(): Response {
  const response = apiError(
    429,
    'rate_limit_exceeded',
    'Rate limit reached for requests. Please try again in 7s.',
    null,
    'requests',
  );
  response.headers.set('retry-after', '7');
  response.headers.set('x-ratelimit-limit-requests', '100');
  response.headers.set('x-ratelimit-remaining-requests', '0');
  response.headers.set('x-ratelimit-reset-requests', '7s');
  return response;
}

export const standInError = (call: FaultTarget, message: string) =>
  call.send({
    type: 'error',
    error: { type: 'server_error', code: 'stand_in_fault', message, param: null, event_id: null },
  });

// 3 s, not less: the call must be live, and the page must have seen it live, when these strike.
export const LIVE_MS = 3000;
export const drop: FaultPlan['live'] = { afterMs: LIVE_MS, strike: (call) => void call.close() };
export const sessionCap: FaultPlan['live'] = {
  afterMs: LIVE_MS,
  async strike(call) {
    call.send({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        code: 'session_expired',
        message: 'Your session hit the maximum duration of 60 minutes.',
        param: null,
        event_id: null,
      },
    });
    // The service hangs up right after saying so.
    await sleep(200, call.signal);
    await call.close();
  },
};

// Tags whose first call met its cap: the calls after it run on to the end of the (simulated) hour.
const capped = new Set<string>();
/** The session cap, `afterMs` into the first call of a tag only (the fault's path still shapes every call). */
export const capFirstCall = (afterMs: number): FaultPlan['live'] => ({
  afterMs,
  async strike(call) {
    if (capped.has(call.tag)) return;
    capped.add(call.tag);
    await sessionCap.strike(call);
  },
});

/** A second into the first reply, the connection breaks: the reply is cut where it had come to. */
export async function resetMidReply(call: FaultTarget): Promise<void> {
  await call.sent('response.output_audio_transcript.delta');
  await sleep(1000, call.signal);
  if (!call.signal.aborted) call.reset();
}
