import { oneEvent } from '@open-wc/testing';
import type { RealtimeVoiceChat } from '../../src/index.js';
import type { SessionState } from '../../src/core/index.js';

/** The one place that knows the element's shadow DOM; tests read like a visitor's actions. */
export class ChatHarness {
  constructor(readonly el: RealtimeVoiceChat) {}

  #part<T extends Element = HTMLElement>(name: string): T | null {
    return this.el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  }

  get startButton() {
    return this.#part<HTMLButtonElement>('start-button');
  }
  get stopButton() {
    return this.#part<HTMLButtonElement>('stop-button');
  }
  get status(): string {
    return this.#part('status')?.textContent?.trim() ?? '';
  }
  get error(): string {
    return this.#part('error')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }
  get input() {
    return this.#part<HTMLInputElement>('input')!;
  }
  get transcript() {
    return this.#part('transcript')!;
  }
  get audio() {
    return this.#part<HTMLAudioElement>('audio')!;
  }
  /** The messages shown, in order. */
  get items(): { role: string; text: string; status: string }[] {
    return [...this.el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].map((li) => ({
      role: li.dataset.role ?? '',
      text: li.querySelector('[part~="text"]')?.textContent ?? '',
      status: li.dataset.status ?? '',
    }));
  }
  /** Shows the event log (as a page does with `event-log`), opens it (it renders only while open), returns its text. */
  async readLog(): Promise<string> {
    if (!this.el.eventLog) {
      this.el.eventLog = true;
      await this.el.updateComplete;
    }
    const details = this.#part<HTMLDetailsElement>('log')!;
    if (!details.open) {
      const toggled = new Promise((resolve) => details.addEventListener('toggle', resolve, { once: true }));
      details.querySelector('summary')!.click();
      await toggled;
    }
    await this.el.updateComplete;
    return this.#part('log-list')?.textContent ?? '';
  }

  clickStart(): void {
    this.startButton!.click();
  }
  clickStop(): void {
    this.stopButton!.click();
  }
  async type(text: string): Promise<void> {
    this.input.value = text;
    this.input.form!.requestSubmit();
    await this.el.updateComplete;
  }

  /** Resolves when the element's entrance animations are over (axe measures colours mid-fade otherwise). */
  async settled(): Promise<void> {
    await this.el.updateComplete;
    await Promise.all(
      this.el.shadowRoot!.getAnimations().map((animation) => animation.finished.catch(() => undefined)),
    );
  }

  /** The next reply of the assistant's to complete. */
  completedReply(): Promise<GlobalEventHandlersEventMap['rvc-transcript']> {
    return until(
      this.el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
  }
  /** Resolves when the element reaches `state` (immediately if it is there). */
  async reach(state: SessionState): Promise<void> {
    while (this.el.state !== state) {
      const event = await oneEvent(this.el, 'rvc-state');
      if (event.detail.state === 'failed' && state !== 'failed') throw new Error(`failed instead of ${state}`);
    }
    await this.el.updateComplete;
  }
}

/** Resolves when `predicate` holds, checking after each event of `type` (tests never sleep for time). */
export function until<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
  predicate: (event: GlobalEventHandlersEventMap[K]) => boolean,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      if (predicate(event as GlobalEventHandlersEventMap[K])) {
        target.removeEventListener(type, listener);
        resolve(event as GlobalEventHandlersEventMap[K]);
      }
    };
    target.addEventListener(type, listener);
  });
}
