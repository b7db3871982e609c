import { assert, expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { LANGUAGES, loadLanguage } from '../../src/element/i18n/strings.js';

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

  it('shows the strings of its language (each checked whole in languages.node.test.ts); `strings` overrides any live', async () => {
    await loadLanguage('ja');
    const ja = LANGUAGES.ja;
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat lang="ja"></realtime-voice-chat>`);
    await el.updateComplete;
    expect(part(el, 'start-button').textContent).to.equal(ja.start);
    el.strings = { start: 'お話しする' };
    await el.updateComplete;
    expect(part(el, 'start-button').textContent).to.equal('お話しする');
    expect(part(el, 'send-button').textContent).to.equal(ja.send);
  });

  it('takes the nearest lang around it, by region (pt-BR) and by script (zh-TW), loading it on first use', async () => {
    const page = await fixture<HTMLElement>(
      html`<div lang="pt-BR"><realtime-voice-chat></realtime-voice-chat><p lang="zh-TW"><realtime-voice-chat></realtime-voice-chat></p></div>`,
    );
    const [brazil, taiwan] = [...page.querySelectorAll<RealtimeVoiceChat>('realtime-voice-chat')];
    await Promise.all([brazil.updateComplete, taiwan.updateComplete]);
    // English shows while the language's chunk loads; then the element renders again.
    const shown = async (el: RealtimeVoiceChat) => {
      for (let frame = 0; frame < 300 && part(el, 'start-button').textContent === LANGUAGES.en.start; frame++)
        await new Promise((resolve) => requestAnimationFrame(resolve));
      return part(el, 'start-button').textContent;
    };
    expect(await shown(brazil)).to.equal(LANGUAGES['pt-br']?.start);
    expect(await shown(taiwan)).to.equal(LANGUAGES['zh-hant']?.start);
    expect(Object.keys(LANGUAGES), 'only the languages shown were loaded').to.not.include('pt');
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
