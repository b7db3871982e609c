import type { ClientEvent } from '../../protocol/client-events.js';

/** Over a WebSocket the voice travels as 24 kHz PCM16 both ways: what the capture sends and the player plays. */
export const SOCKET_AUDIO_FORMAT = { type: 'audio/pcm', rate: 24_000 } as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The opening update with both formats pinned, over whatever the host or the page chose (anything else is noise). */
export function pinSocketAudio(update: ClientEvent): ClientEvent {
  const session = isObject(update.session) ? update.session : {};
  const audio = isObject(session.audio) ? session.audio : {};
  const side = (key: 'input' | 'output') => ({
    ...(isObject(audio[key]) ? audio[key] : {}),
    format: { ...SOCKET_AUDIO_FORMAT },
  });
  return { ...update, session: { ...session, audio: { ...audio, input: side('input'), output: side('output') } } };
}

/** What the session says its audio is, when that is not what a WebSocket call can play or send (undefined: fine). */
export function socketAudioMismatch(session: Json): string | undefined {
  const audio = isObject(session.audio) ? session.audio : {};
  for (const key of ['input', 'output'] as const) {
    const format = isObject(audio[key]) ? audio[key].format : undefined;
    if (
      !isObject(format) ||
      format.type !== SOCKET_AUDIO_FORMAT.type ||
      (format.rate ?? SOCKET_AUDIO_FORMAT.rate) !== SOCKET_AUDIO_FORMAT.rate
    ) {
      return `${key} audio is ${JSON.stringify(format ?? null).slice(0, 80)}, not 24 kHz PCM`;
    }
  }
  return undefined;
}
