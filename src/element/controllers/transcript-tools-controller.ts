import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ToolsState } from '../panel/panel-header.js';
import type { UiStrings } from '../i18n/strings.js';
import type { Transcript } from '../chunks/transcript-actions.js';

type Actions = typeof import('../chunks/transcript-actions.js');

export interface TranscriptSource {
  transcript(): Transcript;
  clear(): void;
  strings(): UiStrings;
  lang(): string;
  root(): ParentNode;
}

// How long "Copied" stays in the live region: long enough to be read out, gone before the next copy.
const NOTICE_MS = 2000;

/**
 * Copy one message, copy all, download (text or JSON), clear. The actions are a chunk loaded with the first message;
 * each says what it did in a polite live region. A copy the browser refuses (no clipboard permission) says nothing.
 */
export class TranscriptToolsController implements ReactiveController, ToolsState {
  notice = '';
  /** The panel was cleared: it says the model still remembers the call, until the next start. */
  cleared = false;
  #actions?: Promise<Actions>;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: TranscriptSource,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  #load = (): Promise<Actions> => (this.#actions ??= import('../chunks/transcript-actions.js'));

  /** A message's own copy button (one listener for all: the message is found from the button's place). */
  copyOne = (event: Event): void => {
    const id = (event.currentTarget as Element).closest('[data-id]')?.getAttribute('data-id');
    const item = this.source.transcript().items.find((entry) => entry.id === id);
    if (item) void this.#copy(() => Promise.resolve(item.text));
  };

  copyAll = (): void =>
    void this.#copy(async () => {
      const { transcriptText } = await this.#load();
      return transcriptText(this.source.transcript(), this.#speakers(), this.source.lang());
    });

  download = (kind: 'text' | 'json'): void =>
    void this.#load().then(({ download, transcriptText }) => {
      const transcript = this.source.transcript();
      const content =
        kind === 'json'
          ? JSON.stringify(transcript, null, 2)
          : transcriptText(transcript, this.#speakers(), this.source.lang());
      download(this.source.root(), 'conversation', kind === 'json' ? 'application/json' : 'text/plain', content);
    });

  clear = (): void => {
    this.source.clear();
    this.cleared = true;
    this.host.requestUpdate();
  };

  async #copy(text: () => Promise<string>): Promise<void> {
    const { copyText } = await this.#load();
    try {
      await copyText(await text());
    } catch {
      return;
    }
    this.#announce(this.source.strings().copied);
  }

  #announce(notice: string): void {
    this.notice = notice;
    this.host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.notice = '';
      this.host.requestUpdate();
    }, NOTICE_MS);
  }

  #speakers() {
    const t = this.source.strings();
    return { user: t.you, assistant: t.assistant, system: t.system, tool: t.tool, divider: '' };
  }
}
