import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  loadLanguage,
  revision,
  shownLanguage,
  stringsFor,
  type UiStringOverrides,
  type UiStrings,
} from '../i18n/strings.js';
import type { LazyParts } from './lazy-parts.js';

type Host = ReactiveControllerHost & HTMLElement;

// Sites switch language by changing <html lang> (and dir): one observer re-renders every element on the page.
const hosts = new Set<Host>();
// The languages we offer that are written right to left.
const RTL = ['ar', 'he'];
let observer: MutationObserver | undefined;

/** The UI language of a host (its `lang`, the nearest ancestor's, the page's, the browser's list) and its strings. */
export class LocaleController implements ReactiveController {
  constructor(
    private readonly host: Host,
    private readonly parts: LazyParts<Record<string, unknown>>,
    private readonly overrides: () => UiStringOverrides | undefined,
  ) {
    host.addController(this);
  }

  /** The language tags asked for, best first: the nearest `lang` (the host's, an ancestor's, the page's), else the browser's. */
  get tags(): readonly string[] {
    const set = this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    return set ? [set] : navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  }

  get lang(): string {
    return this.tags[0] ?? 'en';
  }

  /**
   * The panel's direction, when its language decides it: right to left for Arabic and Hebrew. Undefined when the page
   * set a `dir` at least as near as the `lang` it set: the page's own direction then holds.
   */
  get dir(): 'ltr' | 'rtl' | undefined {
    const langAt = this.host.closest('[lang]');
    const dirAt = this.host.closest('[dir]');
    if (dirAt && (!langAt || langAt.contains(dirAt))) return undefined;
    return RTL.includes(shownLanguage(this.tags)) ? 'rtl' : 'ltr';
  }

  /** The strings in effect; a language not loaded yet loads (English shows meanwhile) and the host re-renders. */
  get strings(): UiStrings {
    const tags = this.tags;
    const lang = `${tags.join()}#${revision.n}`;
    const loading = loadLanguage(tags);
    if (loading) this.parts.track(loading);
    const overrides = this.overrides();
    // The same object while nothing changed: messages that did not change are then not rendered again.
    const cached = this.#cached;
    if (cached && cached.lang === lang && cached.overrides === overrides && cached.loading === !!loading)
      return cached.strings;
    return (this.#cached = { lang, overrides, loading: !!loading, strings: stringsFor(tags, overrides) }).strings;
  }

  #cached?: { lang: string; overrides: UiStringOverrides | undefined; loading: boolean; strings: UiStrings };

  hostConnected(): void {
    hosts.add(this.host);
    if (!observer) {
      observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
      observer.observe(document.documentElement, { attributeFilter: ['lang', 'dir'] });
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
