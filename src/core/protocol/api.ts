// The Realtime API's shapes that the browser side, the server helpers and the stand-in all rely on.

export { DEFAULT_BASE_URL } from '../shared.js';

/** `{base}/realtime/{route}` for a base URL with or without a trailing slash. */
export const realtimeUrl = (baseUrl: string, route: 'calls' | 'client_secrets'): string =>
  `${baseUrl.replace(/\/+$/, '')}/realtime/${route}`;

/** Whether a body is an SDP description (an answer or offer), not an error page or JSON. */
export const isSdp = (text: string): boolean => /^v=0\r?\n/.test(text);

/** The call id (`rtc_…`) from a `/realtime/calls` answer's `Location` header. */
export const callIdFrom = (location: string | null): string | undefined => location?.split('/').pop() || undefined;

/** The Realtime WebSocket of a base URL: `wss://…/realtime?model=…` (`ws://` for a plain-HTTP stand-in). */
export const socketUrl = (baseUrl: string, model: string): string =>
  `${baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/realtime?model=${encodeURIComponent(model)}`;
