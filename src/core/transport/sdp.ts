import { callIdFrom, isSdp } from '../protocol/api.js';
import { AbortedError, VoiceError } from '../errors.js';
import type { ToolDeclaration } from '../protocol/client-events.js';
import { readText, refusalError } from '../keys/token.js';

export interface SdpAnswer {
  sdp: string;
  /** The call id from the `Location` header (`/v1/realtime/calls/rtc_…`), when the server exposed it. */
  callId?: string;
}

/**
 * POSTs the offer as `application/sdp` and returns the answer. Any 2xx with an SDP body is an answer; anything else
 * becomes a {@link VoiceError} carrying the server's message — an error body is never handed to setRemoteDescription.
 * To a host's call endpoint (no key) with the page's `tools`, it goes as `multipart/form-data` (`sdp`, `tools`), so the
 * host's server can declare them beside its own.
 */
export async function exchangeSdp(
  url: string,
  offerSdp: string,
  key: string | undefined,
  signal: AbortSignal,
  tools?: readonly ToolDeclaration[],
): Promise<SdpAnswer> {
  const headers: Record<string, string> = key || !tools?.length ? { 'content-type': 'application/sdp' } : {};
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | FormData = offerSdp;
  if (!key && tools?.length) {
    body = new FormData();
    body.set('sdp', offerSdp);
    body.set('tools', JSON.stringify(tools.map((tool) => ({ type: 'function', ...tool }))));
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers, signal, credentials: key ? 'omit' : 'same-origin' });
  } catch (e) {
    if (signal.aborted) throw new AbortedError();
    throw new VoiceError('call_unreachable', e instanceof Error ? e.message : String(e));
  }
  const text = await readText(response, signal);
  // Without a key the offer went to the host's call endpoint, not the service.
  if (!response.ok)
    throw refusalError(response.status, text, 'call_rejected', !key, response.headers.get('retry-after'));
  if (!isSdp(text)) throw new VoiceError('call_invalid_answer', '', response.status);
  const answer: SdpAnswer = { sdp: text };
  const callId = callIdFrom(response.headers.get('location'));
  if (callId) answer.callId = callId;
  return answer;
}
