import type { Call } from '../call/call.js';
import { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';
import { receive, type KnownServerEvent, type ServerEvent } from '../protocol/server-events.js';
import type { OutOfBandResponse } from './out-of-band.js';
import type { ToolDesk } from './tool-desk.js';
import type { TurnClock } from './turn-clock.js';
import { socketAudioMismatch } from '../transport/socket/socket-audio.js';
import type { TurnTaking } from './turn-taking.js';

/** The parts of a session a server event can act on. */
export interface EffectsHost {
  readonly turns: TurnClock;
  readonly desk: ToolDesk;
  /** Interruption and replies to spoken turns, when the element took them over from the service. */
  readonly turnTaking: TurnTaking;
  configure(call: Call): void;
  goLive(call: Call): void;
  fail(error: VoiceError): void;
  lose(error: VoiceError): void;
  report(error: VoiceError): void;
  send(event: ClientEvent): void;
  responseDone(completed: boolean): void;
  /** The model's voice started or stopped playing; `voice` is the session's voice when an update said it. */
  audio(playing: boolean): void;
  voice(voice: string | undefined): void;
  /** The visitor spoke over the reply and the service cut it: a transport that plays the voice stops it, truncating. */
  bargeIn(call: Call): void;
  /** Every parsed message goes to the page as it came (redacted); known ones then update the conversation. */
  serverEvent(event: ServerEvent): void;
  observe(event: KnownServerEvent): void;
  /** Whether a response runs out of band (`conversation: "none"`), and its end: the page's, not the transcript's. */
  isOutOfBand(responseId: string | null | undefined): boolean;
  outOfBand(response: OutOfBandResponse): void;
}

/** A message from the service on `call`: reported when malformed, else handed to the page and acted on. */
export function handleMessage(host: EffectsHost, call: Call, data: unknown): void {
  const result = receive(data);
  if (result.kind === 'invalid') {
    host.report(new VoiceError('server_event_invalid', result.reason, undefined, true));
    // Whatever else it carries, a response.done means the response is over: the next one may go.
    if (result.raw?.type === 'response.done') host.responseDone(false);
    return;
  }
  host.serverEvent(result.raw);
  if (result.kind === 'known' && applyEffects(host, call, result.event)) host.observe(result.event);
}

/**
 * What a server event does beyond the conversation it is folded into: the session handshake, the response gate,
 * turn timing, tools and approvals, truncation and the errors the service reports. Returns false when the call
 * ended because of it (nothing more may act on it).
 */
export function applyEffects(host: EffectsHost, call: Call, event: KnownServerEvent): boolean {
  switch (event.type) {
    case 'session.created':
      call.effective = event.session;
      if (!call.openingId) host.configure(call);
      return true;
    case 'session.updated': {
      call.effective = event.session;
      // A WebSocket call plays and sends 24 kHz PCM only: any other format would be noise, so the call ends, said why.
      const wrong = call.transport.kind === 'websocket' ? socketAudioMismatch(event.session) : undefined;
      if (wrong) {
        host.fail(new VoiceError('audio_format_unsupported', wrong));
        return false;
      }
      host.voice((event.session.audio as { output?: { voice?: string } } | undefined)?.output?.voice);
      call.configured();
      host.goLive(call);
      return true;
    }
    case 'error': {
      const { code, message, event_id: eventId } = event.error;
      const serverCode = code ?? undefined;
      if (eventId && eventId === call.openingId && call.liveAt === undefined) {
        host.fail(new VoiceError('session_rejected', message ?? code ?? '', undefined, false, serverCode));
        return false;
      }
      // The service's time limit: it hangs up next. The call is over (a replacement may carry the conversation on).
      if (code === 'session_expired') {
        host.lose(new VoiceError('session_expired', message ?? '', undefined, false, code));
        return false;
      }
      call.responses.refused(eventId, code);
      host.report(new VoiceError('server_error', message ?? code ?? 'error', undefined, true, serverCode));
      return true;
    }
    case 'input_audio_buffer.speech_started':
      host.turns.cancel();
      if (host.turnTaking.owned) host.turnTaking.started(event.item_id);
      else host.bargeIn(call);
      return true;
    case 'input_audio_buffer.speech_stopped':
      // A false start over a reply is no turn: nothing to time.
      if (host.turnTaking.stopped()) host.turns.start('speech');
      return true;
    case 'input_audio_buffer.committed':
      host.turnTaking.committed(event.item_id);
      return true;
    case 'conversation.item.input_audio_transcription.delta':
      host.turnTaking.words(event.item_id, event.delta ?? null, false);
      return true;
    case 'conversation.item.input_audio_transcription.completed':
      host.turnTaking.words(event.item_id, event.transcript, true);
      return true;
    case 'output_audio_buffer.started':
      host.audio(true);
      return true;
    case 'output_audio_buffer.stopped':
    case 'output_audio_buffer.cleared':
      host.audio(false);
      return true;
    case 'response.created':
      // Out of band, a response holds no turn: the visitor's reply neither waits for it nor is released by it.
      if (event.response.conversation_id !== null) call.responses.created();
      return true;
    case 'response.output_item.done':
      void host.desk.itemDone(event.item);
      return true;
    case 'response.done': {
      if (host.isOutOfBand(event.response.id)) {
        host.outOfBand(event.response);
        return true;
      }
      const { status, status_details: details, output_modalities: modalities } = event.response;
      host.responseDone(status === 'completed');
      if ((modalities && !modalities.includes('audio')) || status === 'failed') host.turns.cancel();
      if (status === 'failed')
        host.report(
          new VoiceError(
            'response_failed',
            details?.error?.message ?? '',
            undefined,
            true,
            details?.error?.code ?? details?.error?.type ?? undefined,
          ),
        );
      return true;
    }
    case 'conversation.item.truncated':
      // The service's copy has lost its transcript (truncation removes it): the page shows the words heard, kept here,
      // and hosts watching rvc-server-event see the service's copy as it now is.
      host.send({ type: 'conversation.item.retrieve', item_id: event.item_id });
      return true;
    case 'conversation.item.input_audio_transcription.failed':
      host.turnTaking.words(event.item_id, null, true);
      host.report(
        new VoiceError(
          'transcription_failed',
          event.error?.message ?? '',
          undefined,
          true,
          event.error?.code ?? undefined,
        ),
      );
      return true;
    default:
      return true;
  }
}
