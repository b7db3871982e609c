/** Which transport a call may use: `auto` tries WebRTC and falls back to the WebSocket when it cannot connect. */
export type TransportMode = 'auto' | 'webrtc' | 'websocket';

/** Why a call went the way it did (reported in `rvc-metrics`). */
export type TransportReason =
  /** The page asked for this transport. */
  | 'asked'
  /** `auto`, and WebRTC connected. */
  | 'default'
  /** `auto` on a browser without WebRTC (e.g. WebKitGTK). */
  | 'no-webrtc'
  /** `auto` in Firefox: its WebRTC calls with the service drop mid-turn (openai-agents-js#1353, Mozilla bug 2037009). */
  | 'firefox'
  /** `auto`: ICE found no path within the wait (UDP blocked, most often). */
  | 'ice-timeout'
  /** `auto`: ICE failed. */
  | 'ice-failed'
  /** An earlier call of this conversation had to fall back: its replacement goes straight to the WebSocket. */
  | 'fell-back-earlier'
  /** `auto` with only a call endpoint: the unified interface has no WebSocket form. */
  | 'call-endpoint-only';

export interface TransportChoice {
  kind: 'webrtc' | 'websocket';
  reason: TransportReason;
}

// How long `auto` lets ICE find a path after the SDP answer before it takes the WebSocket. On a network that lets
// UDP through, ICE and DTLS take well under a second, even across continents.
export const ICE_WAIT_MS = 3000;
// With nothing to fall back to (only a call endpoint), ICE gets longer before the call fails with `network_blocked`.
export const ICE_GIVE_UP_MS = 10_000;

const hasWebRtc = (): boolean => typeof RTCPeerConnection !== 'undefined';
const isFirefox = (): boolean => typeof navigator !== 'undefined' && /\bFirefox\//.test(navigator.userAgent);

/** Where a call starts, from the page's mode, what it can reach (a key or only a call endpoint) and the browser. */
export function firstChoice(mode: TransportMode, canUseKey: boolean, fellBack: boolean): TransportChoice {
  if (mode !== 'auto') return { kind: mode, reason: 'asked' };
  if (!canUseKey) return { kind: 'webrtc', reason: 'call-endpoint-only' };
  if (fellBack) return { kind: 'websocket', reason: 'fell-back-earlier' };
  if (!hasWebRtc()) return { kind: 'websocket', reason: 'no-webrtc' };
  if (isFirefox()) return { kind: 'websocket', reason: 'firefox' };
  return { kind: 'webrtc', reason: 'default' };
}
