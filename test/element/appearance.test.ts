import { assert, expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { LANGUAGES, loadLanguage, type UiStrings } from '../../src/element/i18n/strings.js';

const part = (el: RealtimeVoiceChat, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const background = (el: RealtimeVoiceChat) => getComputedStyle(part(el, 'panel')).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(27, 27, 31)';

describe('appearance: theme, layouts, motion, language', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('follows prefers-color-scheme until the theme attribute says otherwise, live', async () => {
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat lang="en"></realtime-voice-chat>`);
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.equal(DARK);
    await emulateMedia({ colorScheme: 'light' });
    expect(background(el)).to.equal(WHITE);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(background(el)).to.equal(DARK);
    await emulateMedia({ colorScheme: 'dark' });
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    expect(background(el)).to.equal(WHITE);
  });

  it('lets the host restyle through --rvc-* properties and ::part()', async () => {
    const host = await fixture(html`<div>
      <style>
        .branded { --rvc-bg: rgb(1, 2, 3); }
        .branded::part(start-button) { background: rgb(200, 0, 0); }
      </style>
      <realtime-voice-chat class="branded" lang="en"></realtime-voice-chat>
    </div>`);
    const el = host.querySelector('realtime-voice-chat')!;
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(el, 'start-button')).backgroundColor).to.equal('rgb(200, 0, 0)');
  });

  it('takes --rvc-* tokens from :root, any ancestor or the element (defaults at the point of use)', async () => {
    const style = document.createElement('style');
    style.textContent = ':root { --rvc-accent: rgb(1, 2, 3); } .scope { --rvc-border: rgb(4, 5, 6); }';
    document.head.append(style);
    try {
      const host = await fixture(html`<div class="scope"><realtime-voice-chat lang="en"></realtime-voice-chat></div>`);
      const el = host.querySelector('realtime-voice-chat')!;
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'start-button')).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(part(el, 'panel')).borderTopColor).to.equal('rgb(4, 5, 6)');
      el.style.setProperty('--rvc-accent', 'rgb(7, 8, 9)');
      expect(getComputedStyle(part(el, 'start-button')).backgroundColor).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });

  it('slots: an icon in the launcher, the empty state, header actions', async () => {
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat layout="floating" open lang="en">
      <svg slot="launcher-icon" id="icon" width="16" height="16" aria-hidden="true"></svg>
      <p slot="empty" id="hint">Ask about opening hours.</p>
      <button slot="header-actions" id="help" type="button">Help</button>
    </realtime-voice-chat>`);
    const slotted = (name: string) =>
      el
        .shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!
        .assignedElements()
        .map((e) => e.id);
    expect([slotted('launcher-icon'), slotted('empty'), slotted('header-actions')]).to.deep.equal([
      ['icon'],
      ['hint'],
      ['help'],
    ]);
    expect(part(el, 'launcher').contains(el.shadowRoot!.querySelector('slot[name="launcher-icon"]'))).to.equal(true);
    expect(el.querySelector('#hint')!.getBoundingClientRect().height, 'the empty state shows').to.be.greaterThan(0);
    expect(
      el.shadowRoot!.querySelector('[part~="empty"]')!.getBoundingClientRect().height,
      'the default hint gives way',
    ).to.equal(0);
  });

  it('compact layout: no log pane (even when the page asks for one) or text box, a shorter transcript', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat layout="compact" lang="en" event-log></realtime-voice-chat>`,
    );
    expect(getComputedStyle(part(el, 'log')).display).to.equal('none');
    expect(getComputedStyle(part(el, 'composer')).display).to.equal('none');
    expect(getComputedStyle(part(el, 'transcript')).maxHeight).to.equal('128px');
    assert.exists(part(el, 'start-button').offsetParent, 'Start is visible');
  });

  it('floating layout: a corner button opens the panel; Escape closes it and gives focus back', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat layout="floating" lang="en"></realtime-voice-chat>`,
    );
    const launcher = part(el, 'launcher');
    expect(getComputedStyle(launcher).position).to.equal('fixed');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher.textContent.trim()).to.equal('Voice chat');
    expect(part(el, 'panel').hidden).to.equal(true);
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(launcher.textContent.trim()).to.equal('Close voice chat');
    expect(part(el, 'panel').hidden).to.equal(false);
    part(el, 'start-button').focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(part(el, 'panel').hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(launcher);
  });

  it('moves only when the visitor allows motion (prefers-reduced-motion)', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat layout="floating" open lang="en"></realtime-voice-chat>`,
    );
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle(part(el, 'panel')).animationName).to.equal('appear');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(part(el, 'panel')).animationName).to.equal('none');
  });

  it('has every string in Japanese (none left in English), and the strings property overrides any text live', async () => {
    await loadLanguage('ja');
    const en = LANGUAGES.en;
    const ja = LANGUAGES.ja;
    const flat = (strings: UiStrings): [string, string][] =>
      Object.entries(strings).flatMap(([key, value]) =>
        typeof value === 'string'
          ? [[key, value]]
          : Object.entries(value as Record<string, string>).map(([k, v]) => [`${key}.${k}`, v] as [string, string]),
      );
    const english = new Map(flat(en));
    const untranslated = flat(ja).filter(([key, value]) => !value || value === english.get(key));
    expect(untranslated).to.deep.equal([]);
    expect(flat(ja).length).to.equal(english.size);

    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat lang="ja"></realtime-voice-chat>`);
    el.strings = { start: 'お話しする' };
    await el.updateComplete;
    expect(part(el, 'start-button').textContent).to.equal('お話しする');
    expect(part(el, 'send-button').textContent).to.equal(ja.send);
  });

  it('follows the page’s <html lang> when it changes (a site switching language)', async () => {
    const before = document.documentElement.lang;
    try {
      const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat></realtime-voice-chat>`);
      document.documentElement.lang = 'en';
      await el.updateComplete;
      expect(part(el, 'start-button').textContent).to.equal('Start conversation');
      document.documentElement.lang = 'ja';
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(part(el, 'start-button').textContent).to.equal('会話を開始');
    } finally {
      document.documentElement.lang = before;
    }
  });
});
