import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { apiError } from '../http/errors.js';
import { sleep } from '../call/call-context.js';
import type { FaultPlan } from './fault-plan.js';
import type { PathShape } from '../media/path-shape.js';
import { busy, capFirstCall, drop, hang, LIVE_MS, resetMidReply, sessionCap, standInError } from './fault-strikes.js';
import { fuzzMessages, HOSTILE_MARKUP, hostileMessages } from './hostile-messages.js';
import { newId } from '../call/ids.js';
import { embeddings, LEAKS } from './key-embeddings.js';

// A train's network: some loss, a far and unsteady path, little bandwidth.
const TRAIN: PathShape = { lossPercent: 5, delayMs: 150, jitterMs: 50, kbps: 256 };

/**
 * Failures and scenarios a test (or a developer trying the element) can ask the stand-in for, one call at a time: use
 * the base URL `{origin}/fault/{name}/v1` instead of `{origin}/v1`. Everything else about the call stays real. A
 * `~tag` after the name (`calls-500-once~t1`) keeps the count of a `-once` fault apart from other tests.
 */
export const FAULTS = {
  'calls-400': {
    does: 'POST /realtime/calls answers 400 with a JSON error',
    refuse: () => apiError(400, 'invalid_offer', 'The stand-in refused this offer (fault calls-400).', 'sdp'),
  },
  'calls-401': {
    does: 'POST /realtime/calls answers 401: the key has expired',
    refuse: () => apiError(401, 'invalid_api_key', 'The ephemeral key has expired (fault calls-401).'),
  },
  'calls-429': {
    does: 'POST /realtime/calls answers 429: too many calls',
    refuse: () =>
      apiError(429, 'rate_limit_exceeded', 'Too many calls are starting (fault calls-429).', null, 'rate_limit_error'),
  },
  'calls-500': {
    does: 'POST /realtime/calls answers 500, every time',
    refuse: () =>
      apiError(
        500,
        'server_error',
        'The server had an error while processing your request (fault calls-500).',
        null,
        'server_error',
      ),
  },
  'calls-500-once': {
    does: 'POST /realtime/calls answers 500 the first time, then normally',
    once: true,
    refuse: () =>
      apiError(
        500,
        'server_error',
        'The server had an error while processing your request (fault calls-500).',
        null,
        'server_error',
      ),
  },
  'empty-400': {
    does: 'POST /realtime/client_secrets and /realtime/calls answer 400 with an empty body (seen from the service)',
    refuse: () => new Response(null, { status: 400 }),
    refuseSecrets: () => new Response(null, { status: 400 }),
  },
  'busy-429': {
    does: 'POST /realtime/client_secrets and /realtime/calls answer 429 with Retry-After and x-ratelimit-* headers',
    refuse: () => busy(),
    refuseSecrets: () => busy(),
  },
  'calls-non-sdp': {
    does: 'POST /realtime/calls answers 201 with JSON instead of SDP',
    refuse: () =>
      new Response(JSON.stringify({ id: 'rtc_fault', note: 'JSON where SDP belongs (fault calls-non-sdp)' }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      }),
  },
  'calls-hang': { does: 'POST /realtime/calls never answers', refuse: (signal) => hang(signal) },
  'secrets-hang': { does: 'POST /realtime/client_secrets never answers', refuseSecrets: (signal) => hang(signal) },
  'ice-never': { does: 'the answer names an address nobody listens on: ICE never connects', iceNever: true },
  slow: { does: 'the SDP exchange takes 1.5 s longer', slowMs: 1500 },
  drop: {
    does: 'the stand-in closes its peer 3 s after the session is live (the browser sees the connection fail)',
    live: drop,
  },
  'drop-once': {
    does: 'like `drop`, on the first call of the tag only (the replacement call stays up)',
    once: true,
    live: drop,
  },
  blip: {
    does: 'an 8 s network blackout 4 s after the session is live: every packet dropped (the browser notices after ~5 s), then the same call goes on',
    live: { afterMs: 4000, strike: (call) => call.blackout(8000) },
  },
  'reset-once': {
    does: 'a second into the first reply, the connection breaks without a goodbye (a TCP reset under a WebSocket); the first call of the tag only',
    once: true,
    live: { afterMs: 0, strike: resetMidReply },
  },
  'events-stall-once': {
    does: 'the event channel stays open but carries nothing more to the page 3 s after the session is live, while the voice goes on (an association that stopped delivering); the next call of the tag goes well',
    live: { afterMs: LIVE_MS, strike: (call) => call.stallEvents() },
    once: true,
  },
  'channel-close': {
    does: 'the data channel closes 3 s after the session is live',
    live: { afterMs: LIVE_MS, strike: (call) => call.closeEvents() },
  },
  hostile: {
    does: 'malformed, unknown, binary, mistyped and oversized messages once live; then the call goes on',
    live: { afterMs: 0, strike: (call) => hostileMessages().forEach((m) => call.sendRaw(m)) },
  },
  'hostile-flood': {
    does: 'once live, 20,000 assistant items and 100,000 text deltas as fast as the channel takes them (~small: 1,200 and 800)',
    live: {
      afterMs: 0,
      async strike(call) {
        const [items, deltas] = call.tag.endsWith('~small') ? [1_200, 800] : [20_000, 100_000];
        let previous: string | null = null;
        for (let n = 0; n < items + deltas && !call.signal.aborted; n++) {
          if (n < items) {
            const item: ConversationItem = {
              id: `item_flood${n}`,
              object: 'realtime.item',
              type: 'message',
              status: 'completed',
              role: 'assistant',
              content: [{ type: 'output_text', text: `flood ${n}` }],
            };
            call.send({ type: 'conversation.item.added', previous_item_id: previous, item });
            previous = item.id!;
          } else
            call.send({
              type: 'response.output_text.delta',
              response_id: 'resp_flood',
              item_id: previous!,
              output_index: 0,
              content_index: 0,
              delta: `w${n} `,
              obfuscation: 'fl',
            });
          // Paced in small bursts: werift's SCTP drops messages from a long unpaced one.
          if (n % 50 === 49) await sleep(1, call.signal);
        }
        call.sendRaw(JSON.stringify({ type: 'stand_in.flood_done', event_id: newId('event') }));
      },
    },
  },
  'error-event': {
    does: 'an `error` event once live; the call goes on',
    live: {
      afterMs: 0,
      strike: (call) => standInError(call, 'A test asked the stand-in for this error (fault error-event).'),
    },
  },
  'session-cap': {
    does: 'the session ends 3 s after it is live with `session_expired`, like the 60-minute cap',
    live: sessionCap,
  },
  'session-cap-once': { does: 'like `session-cap`, on the first call of the tag only', once: true, live: sessionCap },
  leaky: {
    does: 'once live, `error` events and unknown events repeat the call’s own key, as careless servers do: plain, glued to words, JSON-escaped and URL-encoded',
    live: {
      afterMs: 0,
      strike(call) {
        call.send({
          type: 'error',
          error: {
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            message: `Incorrect API key provided: ${call.key}.`,
            param: null,
            event_id: null,
          },
        });
        for (const text of embeddings(call.key, LEAKS)) {
          call.send({
            type: 'error',
            error: {
              type: 'invalid_request_error',
              code: 'invalid_api_key',
              message: text,
              param: null,
              event_id: null,
            },
          });
          call.sendRaw(
            `{"type":"stand_in.leak","event_id":"${newId('event')}","text":"${text.replace(/"/g, '\\"').replace(/\n/g, '\\n')}"}`,
          );
        }
        call.sendRaw(
          JSON.stringify({ type: 'stand_in.echo', event_id: newId('event'), authorization: `Bearer ${call.key}` }),
        );
      },
    },
  },
  xss: {
    does: 'once live, markup and script in an error message, an unknown event and an assistant message',
    live: {
      afterMs: 0,
      strike(call) {
        standInError(call, `Bad input ${HOSTILE_MARKUP}`);
        call.sendRaw(JSON.stringify({ type: HOSTILE_MARKUP, event_id: newId('event'), detail: HOSTILE_MARKUP }));
        const item: ConversationItem = {
          id: newId('item'),
          object: 'realtime.item',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: HOSTILE_MARKUP }],
        };
        call.send({ type: 'conversation.item.added', previous_item_id: null, item });
      },
    },
  },
  fuzz: {
    does: 'once live, 400 random messages (seeded by the tag): known types with wrong, missing or odd fields, junk and binary',
    live: {
      afterMs: 0,
      // Paced: werift's SCTP drops messages from a long unpaced burst.
      async strike(call) {
        for (const message of fuzzMessages(call.tag)) {
          if (call.signal.aborted) return;
          call.sendRaw(message);
          await sleep(4, call.signal);
        }
        call.sendRaw(JSON.stringify({ type: 'stand_in.fuzz_done', event_id: newId('event') }));
      },
    },
  },
  'response-failed': {
    does: 'every response fails: `response.done` status `failed`, the quota error in `status_details.error`',
    scenario: {
      failResponses: {
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        message: 'You exceeded your current quota, please check your plan and billing details.',
      },
    },
  },
  'response-incomplete': {
    does: 'every reply stops after 8 tokens: `response.done` status `incomplete`, reason `max_output_tokens`',
    scenario: { maxOutputTokens: 8 },
  },
  'lossy-5': {
    does: 'a lossy network: 5 % of packets lost each way (WebRTC, through the stand-in’s relay)',
    path: { lossPercent: 5 },
  },
  'lossy-15': {
    does: 'a very lossy network: 15 % of packets lost each way (WebRTC, through the stand-in’s relay)',
    path: { lossPercent: 15 },
  },
  jittery: {
    does: 'a far, unsteady network: 150 ms ± 50 ms each way, a 300 ms round trip (WebRTC through the relay; WebSocket messages alike)',
    path: { delayMs: 150, jitterMs: 50 },
  },
  train: {
    does: 'a train’s network: 5 % loss, 150 ms ± 50 ms each way and 256 kbit/s (WebRTC through the relay; WebSocket: the delays)',
    path: TRAIN,
  },
  'train-hour': {
    does: 'a simulated hour on a train: the `train` path for every call of the tag, and the first one ends with `session_expired` 20 s after it is live (the 60-minute cap, scaled)',
    path: TRAIN,
    live: capFirstCall(20_000),
  },
  'slow-uplink': {
    does: 'what the client sends arrives 400 ms late: a stopped reply’s voice keeps coming for that long',
    scenario: { uplinkDelayMs: 400 },
  },
  'transcription-failed': {
    does: 'transcriptions of the visitor’s speech fail (`…input_audio_transcription.failed`)',
    scenario: { failTranscription: true },
  },
  'session-update-rejected': {
    does: 'the first `session.update` is refused with an `error` naming it; nothing of it is applied',
    scenario: { rejectFirstUpdate: true },
  },
  mcp: {
    does: 'an MCP server is configured in the session: its tools are listed, a message naming one calls it after asking approval',
    scenario: { mcp: true },
  },
} satisfies Record<string, FaultPlan>;

export type Fault = keyof typeof FAULTS;

/** The fault named in a request path, and the path without it. */
export function faultIn(path: string): {
  fault: Fault | undefined;
  plan: FaultPlan | undefined;
  tag: string;
  path: string;
} {
  const match = path.match(/^\/fault\/([\w-]+)(~[\w-]+)?(\/.*)$/);
  if (!match || !Object.hasOwn(FAULTS, match[1])) return { fault: undefined, plan: undefined, tag: '', path };
  const fault = match[1] as Fault;
  return { fault, plan: FAULTS[fault], tag: fault + (match[2] ?? ''), path: match[3] };
}
