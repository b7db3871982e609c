import { shortened } from './bounded.js';
import { CLIENT_EVENTS, isClientEventType, type ClientEventOf, type ClientEventType } from './client-events.js';
import { refusal } from './refusal.js';

/** What the service answers a message it refuses: an `error` event with these fields. */
export interface Refused {
  code: string;
  message: string;
  eventId: unknown;
  param?: string | null;
}

/**
 * One client message, checked as the service checks it. `json` is the message as parsed (when it was JSON), `type` its
 * `type` when that is a string; then either the event, typed, or what the service would refuse it with.
 */
export type CheckedClientEvent = { json?: unknown; type?: string } & (
  { ok: true; type: ClientEventType; event: ClientEventOf<ClientEventType> } | { ok: false; refused: Refused }
);

export function checkClientEvent(data: string | Buffer): CheckedClientEvent {
  if (typeof data !== 'string') {
    const message = 'Binary frames are not supported: send each event as a JSON text message.';
    return { ok: false, refused: { code: 'invalid_event', message, eventId: null } };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    const message =
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)";
    return { ok: false, refused: { code: 'invalid_json', message, eventId: null } };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return {
      json,
      ok: false,
      refused: { code: 'invalid_event', message: 'The event must be a JSON object.', eventId: null },
    };
  const { type, event_id: eventId } = json as { type?: unknown; event_id?: unknown };
  if (typeof type !== 'string')
    return { json, ok: false, refused: { code: 'invalid_event', message: "The 'type' field is missing.", eventId } };
  if (!isClientEventType(type)) {
    const supported = Object.keys(CLIENT_EVENTS)
      .map((t) => `'${t}'`)
      .join(', ');
    const message = `Invalid value: '${shortened(type)}'. Supported values are: ${supported}.`;
    return { json, type, ok: false, refused: { code: 'invalid_value', message, eventId, param: 'type' } };
  }
  const parsed = CLIENT_EVENTS[type].safeParse(json);
  if (!parsed.success) {
    const { code, message, param } = refusal(parsed.error.issues[0], '', json);
    return { json, type, ok: false, refused: { code, message, eventId, param } };
  }
  return { json, type, ok: true, event: parsed.data };
}
