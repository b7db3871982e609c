import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { LANGUAGES } from '../../src/element/i18n/strings.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// Run in a Chromium of its own, its context in Brazilian Portuguese (web-test-runner.config.mjs). The order of a
// longer list is checked in languages.node.test.ts.
describe('the visitor’s browser language, where the page sets no lang', () => {
  it('Brazilian Portuguese in the browser: the panel in it, left to right, and transcription told Portuguese', async () => {
    expect([...navigator.languages], 'the browser as the visitor set it up').to.deep.equal(['pt-BR']);
    const before = document.documentElement.lang;
    document.documentElement.removeAttribute('lang');
    try {
      const el = await fixture<RealtimeVoiceChat>(
        html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} muted></realtime-voice-chat>`,
      );
      await el.updateComplete;
      const start = () => el.shadowRoot!.querySelector('[part~="start-button"]')!.textContent;
      for (let n = 0; n < 300 && start() !== LANGUAGES['pt-br']?.start; n++)
        await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(start()).to.equal(LANGUAGES['pt-br']?.start);
      expect(el.shadowRoot!.querySelector('[part="panel"]')!.getAttribute('dir')).to.equal('ltr');
      // The session as the service applied it: transcription in the visitor's language.
      const applied = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'session.updated');
      new ChatHarness(el).clickStart();
      const { session } = (await applied).detail.event as unknown as {
        session: { audio: { input: { transcription: { language?: string } } } };
      };
      expect(session.audio.input.transcription.language).to.equal('pt');
      el.stop();
      await nothingLeftRunning();
    } finally {
      if (before) document.documentElement.lang = before;
    }
  });
});
