import type { ClientEvent } from '../protocol/client-events.js';
import type { Activity } from './activity.js';

// A push-to-talk press shorter than this is a slip of the finger, not a turn.
const MIN_TALK_MS = 250;

/** What a change of the push-to-talk key means: the microphone opens, a turn is sent, or a slip is discarded. */
export type TalkChange = 'press' | 'send' | 'slip';

/** The push-to-talk key: whether it is held, and what letting go of it means. */
export class PushToTalk {
  #since: number | undefined;

  get held(): boolean {
    return this.#since !== undefined;
  }

  /** Records a press or a release; `undefined` when nothing changed. */
  change(pressed: boolean): TalkChange | undefined {
    if (pressed === this.held) return undefined;
    const slip = !pressed && performance.now() - this.#since! < MIN_TALK_MS;
    this.#since = pressed ? performance.now() : undefined;
    return pressed ? 'press' : slip ? 'slip' : 'send';
  }

  release(): void {
    this.#since = undefined;
  }
}

/** What a change sends: a press or a slip empties the input buffer; a release commits it and asks for the reply. */
export function talkEvents(change: TalkChange): ClientEvent[] {
  return change === 'send'
    ? [{ type: 'input_audio_buffer.commit' }, { type: 'response.create' }]
    : [{ type: 'input_audio_buffer.clear' }];
}

/** What the visitor is doing after a change. */
export const talkActivity = (change: TalkChange): Activity =>
  change === 'press' ? 'user-speaking' : change === 'slip' ? 'listening' : 'thinking';
