import { assert, expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { ChatHarness } from '../support/harness.js';
import { openFrame, startInFrame } from '../support/frames.js';
import { otherSiteOrigin, standInBaseUrl } from '../support/stand-in.js';

describe('embedding: a CMS page with only the pasted snippet, framed by another site', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('works in a cross-origin <iframe allow="microphone">: Start goes live, Stop ends it', async () => {
    frame = await openFrame(`${await otherSiteOrigin()}/demo/cms.html`, 'microphone');
    const seen = await startInFrame(frame);
    expect(seen).to.deep.equal({ state: 'live', codes: [], error: '', afterStop: 'ended' });
  });

  it('says clearly when the frame lacks allow="microphone" (microphone_not_allowed_here), and fails cleanly', async () => {
    frame = await openFrame(`${await otherSiteOrigin()}/demo/cms.html`);
    const seen = await startInFrame(frame);
    expect(seen.state).to.equal('failed');
    expect(seen.codes).to.deep.equal(['microphone_not_allowed_here']);
    expect(seen.error).to.contain('its frame lacks allow="microphone"');
    expect(seen.afterStop).to.equal('failed');
  });

  it('works pasted into a same-origin page too (no build tools: the one-file script and the tag)', async () => {
    frame = await openFrame('/demo/cms.html', 'microphone');
    const el = frame.contentDocument!.querySelector('realtime-voice-chat') as RealtimeVoiceChat;
    await frame.contentWindow!.customElements.whenDefined('realtime-voice-chat');
    assert.exists(el.shadowRoot, 'upgraded');
    const seen = await startInFrame(frame);
    expect(seen).to.deep.equal({ state: 'live', codes: [], error: '', afterStop: 'ended' });
  });
});

describe('distribution: the classic-script build, and copies loaded twice', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('the classic script loaded twice plus the module build on one page: nothing throws, one definition, it works', async () => {
    frame = await openFrame('/test/pages/twice.html', 'microphone');
    const win = frame.contentWindow as Window & {
      errors: string[];
      RealtimeVoiceChat: { RealtimeVoiceChat: CustomElementConstructor };
    };
    await win.customElements.whenDefined('realtime-voice-chat');
    // openFrame waited for `load`: every copy, the module build last, has run.
    expect(win.errors).to.deep.equal([]);
    // Every copy ran (the classic one exposes its exports); the first to run owns the tag and the page's element.
    expect(win.RealtimeVoiceChat.RealtimeVoiceChat).to.be.a('function');
    expect(frame.contentDocument!.querySelector('realtime-voice-chat')).to.be.instanceOf(
      win.customElements.get('realtime-voice-chat')!,
    );
    frame.contentDocument!.querySelector('realtime-voice-chat')!.setAttribute('base-url', await standInBaseUrl());
    const seen = await startInFrame(frame);
    expect(seen).to.deep.equal({ state: 'live', codes: [], error: '', afterStop: 'ended' });
  });
});

describe('the classic file alone', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('served with nothing beside it, holds a conversation over the WebSocket (its worklets and worker inside)', async () => {
    frame = await openFrame('/test/pages/classic-alone.html', 'microphone');
    const baseUrl = await standInBaseUrl();
    const script = `(async () => {
      await customElements.whenDefined('realtime-voice-chat');
      const el = document.querySelector('realtime-voice-chat');
      el.setAttribute('base-url', ${JSON.stringify(baseUrl)});
      const errors = [];
      el.addEventListener('rvc-error', (e) => errors.push(e.detail.code));
      await el.start();
      const answered = new Promise((resolve) => el.addEventListener('rvc-transcript', (e) => {
        const item = e.detail.item;
        if (item.role === 'assistant' && item.status === 'completed' && item.text.includes('Which part?')) resolve(item.text);
      }));
      el.sendText('Which part?');
      const reply = await answered;
      // Every script the page fetched over the network (blob: URLs made in the page are not fetched).
      const loaded = performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.startsWith('http') && new URL(n).pathname.endsWith('.js'));
      el.stop();
      return { reply, errors, loaded };
    })()`;
    const seen = await executeServerCommand<
      { reply: string; errors: string[]; loaded: string[] },
      { url: string; script: string }
    >('in-frame', { url: frame.src, script });
    expect(seen.errors).to.deep.equal([]);
    expect(seen.reply).to.contain('Which part?');
    // The test server adds a script of its own to every page it serves.
    const ours = seen.loaded
      .map((url) => new URL(url).pathname)
      .filter((path) => !path.startsWith('/__web-dev-server'));
    expect(ours).to.deep.equal(['/.cache/classic-alone/realtime-voice-chat.classic.js']);
  });
});

describe('the original demo’s learning mode (demo/learning.html)', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('warns, asks for a key first, then mints keys in the browser with the pasted key, which is kept nowhere', async () => {
    const KEY = 'sk-learning-SENTINEL-4242424242';
    frame = await openFrame('/demo/learning.html', 'microphone');
    const doc = frame.contentDocument!;
    await frame.contentWindow!.customElements.whenDefined('realtime-voice-chat');
    const el = doc.querySelector('realtime-voice-chat') as RealtimeVoiceChat;
    expect(doc.querySelector('[role="alert"]')!.textContent).to.contain('Never put this on a site');
    const chat = new ChatHarness(el);
    await el.updateComplete;

    chat.clickStart();
    await chat.reach('failed');
    expect(chat.error).to.contain('paste a standard API key above first');

    const input = doc.getElementById('api-key') as HTMLInputElement;
    input.value = KEY;
    (doc.getElementById('key-form') as HTMLFormElement).requestSubmit();
    expect(input.value).to.equal('');
    chat.clickStart();
    await chat.reach('live');
    const secrets = frame
      .contentWindow!.performance.getEntriesByType('resource')
      .filter((r) => r.name.endsWith('/realtime/client_secrets'));
    expect(secrets.length).to.equal(1);
    const log = await chat.readLog();
    const win = frame.contentWindow!;
    for (const [where, text] of [
      ['page', doc.documentElement.outerHTML],
      ['element', el.shadowRoot!.innerHTML],
      ['log', log],
      ['storage', JSON.stringify({ ...win.localStorage, ...win.sessionStorage })],
    ]) {
      expect(text, where).not.to.contain(KEY);
    }
    el.stop();
    await chat.reach('ended');
  });
});
