import type { KnownServerEvent } from '../protocol/server-events.js';

/** Who is doing what in a live call; `idle` when there is no call. */
export type Activity = 'idle' | 'listening' | 'user-speaking' | 'thinking' | 'assistant-speaking';

/** Folds one server event into the activity. Pure; unrelated events return `current`. */
export function nextActivity(current: Activity, event: KnownServerEvent): Activity {
  switch (event.type) {
    case 'input_audio_buffer.speech_started':
      return 'user-speaking';
    case 'input_audio_buffer.speech_stopped':
    case 'input_audio_buffer.committed':
      return current === 'assistant-speaking' ? current : 'thinking';
    case 'response.created':
      // A visitor still talking (over the reply, or holding push-to-talk) stays the one speaking.
      return current === 'listening' ? 'thinking' : current;
    case 'output_audio_buffer.started':
    case 'response.output_text.delta':
      return withVoice(current, true);
    case 'output_audio_buffer.stopped':
    case 'output_audio_buffer.cleared':
      return withVoice(current, false);
    case 'response.done':
      // With audio, the voice plays on after the response is done; text-only replies end here.
      return current === 'thinking' ||
        (current === 'assistant-speaking' && !event.response.output_modalities?.includes('audio'))
        ? 'listening'
        : current;
    default:
      return current;
  }
}

/** The model's voice started or stopped playing (a visitor speaking over it stays the one speaking). */
export function withVoice(current: Activity, playing: boolean): Activity {
  if (current === 'user-speaking') return current;
  return playing ? 'assistant-speaking' : 'listening';
}
