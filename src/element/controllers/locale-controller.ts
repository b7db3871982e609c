import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadLanguage, stringsFor, type UiStringOverrides, type UiStrings } from '../i18n/strings.js';
import type { LazyParts } from './lazy-parts.js';

type Host = ReactiveControllerHost & HTMLElement;

// Sites switch language by changing <html lang>: one observer re-renders every element on the page in the new one.
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

/** The UI language of a host (its `lang`, the nearest ancestor's, the page's, the browser's) and its strings. */
export class LocaleController implements ReactiveController {
  constructor(
    private readonly host: Host,
    private readonly parts: LazyParts<Record<string, unknown>>,
    private readonly overrides: () => UiStringOverrides | undefined,
  ) {
    host.addController(this);
  }

  get lang(): string {
    const host = this.host;
    return (
      host.getAttribute('lang') ||
      host.closest('[lang]')?.getAttribute('lang') ||
      document.documentElement.lang ||
      navigator.language ||
      'en'
    );
  }

  /** The strings in effect; a language not loaded yet loads (English shows meanwhile) and the host re-renders. */
  get strings(): UiStrings {
    const lang = this.lang;
    const loading = loadLanguage(lang);
    if (loading) this.parts.track(loading);
    const overrides = this.overrides();
    // The same object while nothing changed: messages that did not change are then not rendered again.
    const cached = this.#cached;
    if (cached && cached.lang === lang && cached.overrides === overrides && cached.loading === !!loading)
      return cached.strings;
    return (this.#cached = { lang, overrides, loading: !!loading, strings: stringsFor(lang, overrides) }).strings;
  }

  #cached?: { lang: string; overrides: UiStringOverrides | undefined; loading: boolean; strings: UiStrings };

  hostConnected(): void {
    hosts.add(this.host);
    if (!observer) {
      observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(document.documentElement, { attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
