import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TranscriptEntry } from '../../core/index.js';
import type { ConversationStore, PersistKind, StoreHost } from '../chunks/conversation-store.js';

type Host = ReactiveControllerHost & HTMLElement & { persist: PersistKind | undefined; tokenEndpoint?: string };

/**
 * Keeps the conversation across the site's pages when the page asks (`persist`); its code loads only then. Before
 * the first Start the panel shows what was kept ({@link restored}); Start carries it on; End and Clear forget it.
 */
export class PersistController implements ReactiveController {
  /** The kept conversation, under its "earlier" divider, while no call of this page has shown its own. */
  restored: readonly TranscriptEntry[] = [];
  #store: ConversationStore | undefined;
  #kind: PersistKind | undefined;

  constructor(
    private readonly host: Host,
    private readonly hooks: Omit<StoreHost, 'element' | 'changed'>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#open();
  }

  hostUpdate(): void {
    if (this.host.persist !== this.#kind) this.#open();
  }

  hostDisconnected(): void {
    this.#close();
  }

  /** The newest kept conversation (another tab may have added to it), for a Start to carry on. */
  latest(): readonly TranscriptEntry[] {
    if (this.#store) this.#show();
    return this.restored;
  }

  /** End or Clear: nothing is kept any more, here or (with `site`) in the site's other tabs. */
  forget(): void {
    this.restored = [];
    this.#store?.forget();
    this.host.requestUpdate();
  }

  #open(): void {
    this.#close();
    const kind = (this.#kind = this.host.persist);
    this.restored = [];
    if (kind !== 'tab' && kind !== 'site') return;
    // One conversation per chat of the site: its id, else where its keys come from.
    const key = `realtime-voice-chat:${this.host.id || this.host.tokenEndpoint || 'default'}`;
    // A chunk that fails to load leaves the chat as it is without persist: nothing kept, nothing broken.
    void import('../chunks/conversation-store.js')
      .then((chunk) => {
        if (this.#kind !== kind || !this.host.isConnected) return;
        this.#store = new chunk.ConversationStore(kind, key, {
          ...this.hooks,
          element: this.host,
          changed: () => this.#show(),
        });
        this.#restore = chunk.restoredConversation;
        this.#show();
      })
      .catch(() => {});
  }

  #restore: ((items: readonly TranscriptEntry[]) => TranscriptEntry[]) | undefined;

  #show(): void {
    this.restored = this.#restore?.(this.#store?.load() ?? []) ?? [];
    this.host.requestUpdate();
  }

  #close(): void {
    this.#store?.close();
    this.#store = undefined;
  }
}
