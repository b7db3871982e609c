import { assert, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import { defineRealtimeVoiceChat, RealtimeVoiceChat } from '../../src/index.js';
import { showStates } from '../../src/element/custom-states.js';
import { ChatHarness, until } from '../support/harness.js';
import { resources } from '../support/resources.js';
import { faultyBaseUrl, standInBaseUrl } from '../support/stand-in.js';

describe('<realtime-voice-chat>', () => {
  beforeEach(() => resources.reset());

  it('renders an accessible idle state with a named Start button and an empty transcript', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    expect(el.state).to.equal('idle');
    expect(chat.status).to.equal('Ready');
    expect(chat.startButton!.textContent).to.equal('Start conversation');
    expect(chat.transcript.getAttribute('role')).to.equal('log');
    expect(chat.transcript.getAttribute('aria-live')).to.equal('polite');
    expect(chat.input.disabled).to.equal(true);
    expect(el.baseUrl).to.equal('https://api.openai.com/v1');
    await expect(el).to.be.accessible();
  });

  it('label attributes set the words a pasted snippet asks for, over the strings property', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" lang="en" start-label="Talk to us" send-label="Ask" placeholder="Your question" panel-title="Shop assistant" layout="floating"></realtime-voice-chat>`,
    );
    el.strings = { start: 'Overridden by the attribute', stop: 'Hang up now' };
    await el.updateComplete;
    const chat = new ChatHarness(el);
    expect(chat.startButton!.textContent).to.equal('Talk to us');
    expect(chat.input.placeholder).to.equal('Your question');
    expect(el.shadowRoot!.querySelector('[part~="send-button"]')?.textContent?.trim()).to.equal('Ask');
    expect(el.shadowRoot!.querySelector('[part="launcher"]')?.textContent?.trim()).to.equal('Shop assistant');
    expect(el.uiStrings.stop, 'the strings property still applies where no attribute is set').to.equal('Hang up now');
    el.removeAttribute('start-label');
    await el.updateComplete;
    expect(chat.startButton!.textContent).to.equal('Overridden by the attribute');
  });

  it('shows the event log only when the page asks for it (event-log)', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" lang="en"></realtime-voice-chat>`,
    );
    expect(el.shadowRoot!.querySelector('[part~="log"]'), 'no log for visitors by default').to.equal(null);
    el.eventLog = true;
    await el.updateComplete;
    assert.exists(el.shadowRoot!.querySelector('[part~="log"]'));
  });

  it('maps every attribute to its property (converted), and reflects the ones the page styles by', async () => {
    // [attribute, value, property, expected property value]: every attribute the manifest lists must be here.
    // The element's data properties (its methods are no attribute's property).
    type Property = {
      [K in keyof RealtimeVoiceChat]-?: RealtimeVoiceChat[K] extends (...args: never[]) => unknown ? never : K;
    }[keyof RealtimeVoiceChat];
    const table: [string, string, Property, unknown][] = [
      ['token-endpoint', '/t', 'tokenEndpoint', '/t'],
      ['call-endpoint', '/c', 'callEndpoint', '/c'],
      ['base-url', 'http://127.0.0.1:1/v1', 'baseUrl', 'http://127.0.0.1:1/v1'],
      ['transport', 'websocket', 'transport', 'websocket'],
      ['model', 'gpt-realtime-2.1', 'model', 'gpt-realtime-2.1'],
      ['voice', 'cedar', 'voice', 'cedar'],
      ['instructions', 'Be brief.', 'instructions', 'Be brief.'],
      ['prefetch', '', 'prefetch', true],
      ['max-duration', '90.5', 'maxDuration', 90.5],
      ['greeting', 'Hello!', 'greeting', 'Hello!'],
      ['event-log', '', 'eventLog', true],
      ['start-label', 'Talk to us', 'startLabel', 'Talk to us'],
      ['end-label', 'Hang up', 'endLabel', 'Hang up'],
      ['send-label', 'Ask', 'sendLabel', 'Ask'],
      ['placeholder', 'Your question', 'placeholder', 'Your question'],
      ['panel-title', 'Shop assistant', 'panelTitle', 'Shop assistant'],
      ['connect-timeout', '2.5', 'connectTimeout', 2.5],
      ['muted', '', 'muted', true],
      ['turn-detection', 'none', 'turnDetection', 'none'],
      ['vad-eagerness', 'high', 'vadEagerness', 'high'],
      ['idle-timeout', '8', 'idleTimeout', 8],
      ['min-interruption', '0.8', 'minInterruption', 0.8],
      ['transcription-model', 'whisper-1', 'transcriptionModel', 'whisper-1'],
      ['transcription-language', 'ja', 'transcriptionLanguage', 'ja'],
      ['noise-reduction', 'far_field', 'noiseReduction', 'far_field'],
      ['output-modalities', 'text', 'outputModalities', 'text'],
      ['theme', 'dark', 'theme', 'dark'],
      ['layout', 'compact', 'layout', 'compact'],
      ['open', '', 'open', true],
      ['link-target', '_self', 'linkTarget', '_self'],
      ['persist', 'tab', 'persist', 'tab'],
      ['lang', 'ja', 'uiStrings', undefined],
    ];
    const manifest = await (await fetch('/custom-elements.json')).json();
    const element = manifest.modules
      .flatMap((m: { declarations?: unknown[] }) => m.declarations ?? [])
      .find((d: { tagName?: string }) => d.tagName === 'realtime-voice-chat');
    expect(table.map(([attribute]) => attribute).sort()).to.deep.equal(
      element.attributes.map((a: { name: string }) => a.name).sort(),
    );
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat></realtime-voice-chat>`);
    for (const [attribute, value, property, expected] of table) {
      el.setAttribute(attribute, value);
      await el.updateComplete;
      if (attribute === 'lang') expect(el.uiStrings.states.idle, attribute).to.equal('準備完了');
      else expect(el[property], attribute).to.equal(expected);
    }
    // Reflected: a page's CSS can select the element by them when a script sets the property.
    const fresh = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat></realtime-voice-chat>`);
    Object.assign(fresh, { muted: true, theme: 'light', layout: 'floating', open: true });
    await fresh.updateComplete;
    expect(['muted', 'theme', 'layout', 'open'].map((a) => fresh.getAttribute(a))).to.deep.equal([
      '',
      'light',
      'floating',
      '',
    ]);
    fresh.muted = false;
    await fresh.updateComplete;
    expect(fresh.hasAttribute('muted')).to.equal(false);
  });

  it('shows its states as CSS custom states, or in data-state where the browser has none', async () => {
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat muted lang="en"></realtime-voice-chat>`);
    expect(el.matches(':state(idle)') && el.matches(':state(muted)')).to.equal(true);
    // The guard, with the browser's CustomStateSet hidden: the same states land in data-state.
    const host = document.createElement('div');
    showStates({} as ElementInternals, host, ['live', 'assistant-speaking']);
    expect(host.getAttribute('data-state')).to.equal('live assistant-speaking');
    showStates(undefined, host, ['ended']);
    expect(host.matches('[data-state~="ended"]')).to.equal(true);
  });

  it('speaks Japanese when the page does, and follows a lang change', async () => {
    const wrapper = await fixture(
      html`<div lang="ja-JP"><realtime-voice-chat token-endpoint="/token"></realtime-voice-chat></div>`,
    );
    const el = wrapper.querySelector('realtime-voice-chat')!;
    await el.updateComplete;
    const chat = new ChatHarness(el);
    expect(chat.startButton!.textContent).to.equal('会話を開始');
    expect(chat.status).to.equal('準備完了');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(chat.startButton!.textContent).to.equal('Start conversation');
  });

  it('without a token source, fails with config_missing: message, event, state, nothing opened', async () => {
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat lang="en"></realtime-voice-chat>`);
    const chat = new ChatHarness(el);
    const error = oneEvent(el, 'rvc-error');
    chat.clickStart();
    const { detail } = await error;
    await el.updateComplete;
    expect(detail.code).to.equal('config_missing');
    expect(detail.message).to.equal('This voice chat is not set up: it has no token endpoint or call endpoint.');
    expect(chat.error).to.contain(detail.message);
    expect(el.state).to.equal('failed');
    expect(resources.peers).to.have.length(0);
    expect(resources.micRequests).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows the server’s refusal when the token endpoint says no (and never opens a peer for long)', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" model="not-a-model" lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const error = oneEvent(el, 'rvc-error');
    chat.clickStart();
    const { detail } = await error;
    await el.updateComplete;
    expect([detail.code, detail.status]).to.deep.equal(['token_http_error', 400]);
    expect(detail.detail).to.equal('this endpoint does not offer the model "not-a-model"');
    expect(chat.error).to.contain('The server refused to start a session.');
    await resources.settled();
    expect(resources.liveTracks()).to.have.length(0);
    expect(resources.openPeers()).to.have.length(0);
  });

  it('sendText before Start reports not_connected and throws', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" lang="en"></realtime-voice-chat>`,
    );
    const error = oneEvent(el, 'rvc-error');
    expect(() => el.sendText('hello'))
      .to.throw()
      .with.property('code', 'not_connected');
    expect((await error).detail.code).to.equal('not_connected');
  });

  it('uses getToken when the host supplies one, and never shows the key, though the service repeats it', async () => {
    // The leaky fault: the service echoes the call's own key in an error and an unknown event.
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat base-url=${await faultyBaseUrl('leaky')} lang="en" muted></realtime-voice-chat>`,
    );
    let key = '';
    el.getToken = async () => {
      const reply = await (await fetch('/token', { method: 'POST' })).json();
      key = reply.value;
      return reply;
    };
    const chat = new ChatHarness(el);
    const events: string[] = [];
    for (const type of [
      'rvc-state',
      'rvc-server-event',
      'rvc-client-event',
      'rvc-metrics',
      'rvc-transcript',
      'rvc-error',
    ] as const) {
      el.addEventListener(type, (e) => events.push(JSON.stringify((e as CustomEvent).detail)));
    }
    const echoed = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'stand_in.echo');
    chat.clickStart();
    await chat.reach('live');
    await echoed;
    el.stop();
    await el.updateComplete;
    expect(key).to.match(/^ek_/);
    expect(el.shadowRoot!.innerHTML).not.to.contain(key);
    const log = await chat.readLog();
    expect(log).to.contain('session.created').and.contain('ek_[redacted]');
    expect(log).not.to.contain(key);
    expect(events.join('\n')).to.contain('ek_[redacted]').and.not.contain(key);
  });

  it('removed from the page mid-connect, it releases the microphone and the peer', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()}></realtime-voice-chat>`,
    );
    const connecting = oneEvent(el, 'rvc-state');
    const started = el.start();
    await connecting;
    el.remove();
    await started;
    await resources.settled();
    expect(el.state).to.equal('ended');
    expect(resources.liveTracks()).to.have.length(0);
    expect(resources.openPeers()).to.have.length(0);
  });

  it('moved within the page, it keeps the call', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()}></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const other = document.createElement('section');
    document.body.append(other);
    other.append(el);
    await Promise.resolve();
    await el.updateComplete;
    expect(el.state).to.equal('live');
    expect(resources.openPeers()).to.have.length(1);
    el.stop();
    other.remove();
  });

  it('with prefetch, fetches the key on hover and starts with it (one key request in all)', async () => {
    const requests: string[] = [];
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat prefetch base-url=${await standInBaseUrl()}></realtime-voice-chat>`,
    );
    el.getToken = async () => {
      requests.push('token');
      return (await fetch('/token', { method: 'POST' })).json();
    };
    el.dispatchEvent(new PointerEvent('pointerenter'));
    el.dispatchEvent(new PointerEvent('pointerenter'));
    expect(requests).to.deep.equal(['token']);
    const chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    expect(requests).to.deep.equal(['token']);
    el.stop();
  });

  it('registers once: defining again does not throw and keeps the first definition', () => {
    expect(() => defineRealtimeVoiceChat()).not.to.throw();
    expect(customElements.get('realtime-voice-chat')).to.equal(RealtimeVoiceChat);
  });
});
