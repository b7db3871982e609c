import type { Call } from '../call/call.js';
import { PushToTalk } from './push-to-talk.js';
import type { SessionSettings } from './session-settings.js';

/** The visitor's microphone on the current call: open unless muted and, with push-to-talk, only while the key is held. */
export class MicrophoneGate {
  readonly key = new PushToTalk();

  constructor(
    public muted: boolean,
    private readonly settings: Pick<SessionSettings, 'pushToTalk'>,
    private readonly call: () => Call | undefined,
  ) {}

  /** Opens or closes the current call's microphone track as the settings and the key say. */
  apply(): void {
    this.call()?.transport.setMicrophoneEnabled(!this.muted && (!this.settings.pushToTalk || this.key.held));
  }
}
