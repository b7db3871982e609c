import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Talker } from '../chunks/push-to-talk.js';

/** Space talks while held (push-to-talk), only while `active()`; the key handling loads with the push-to-talk chunk. */
export class SpaceToTalkController implements ReactiveController {
  #stop: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly talker: Talker,
    private readonly active: () => boolean,
    private readonly listen: () => ((talker: Talker) => () => void) | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const active = this.active();
    if (active && !this.#stop) this.#stop = this.listen()?.(this.talker);
    if (!active) this.hostDisconnected();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
