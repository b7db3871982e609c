import { assert, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcActivityEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// axe-core (through @open-wc/testing) over the element's shadow DOM, in each state a visitor can see.
describe('accessibility in every state', () => {
  let el: RealtimeVoiceChat;
  // A message fades in for 150 ms: colours are checked once it has (the visualizer's endless loops excepted).
  const still = () =>
    Promise.all(
      el
        .shadowRoot!.getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    );
  let chat: ChatHarness;
  const make = async (attrs: { tokenEndpoint?: string; muted?: boolean; layout?: string } = {}) => {
    el = await fixture(html`<realtime-voice-chat
      token-endpoint=${attrs.tokenEndpoint ?? '/token'}
      base-url=${await standInBaseUrl()}
      layout=${attrs.layout ?? 'full'}
      ?muted=${attrs.muted ?? true}
      lang="en"
    ></realtime-voice-chat>`);
    chat = new ChatHarness(el);
  };
  afterEach(async () => {
    el.stop();
    await nothingLeftRunning();
  });

  it('idle and connecting: named controls, status in a polite live region, captions in a polite log', async () => {
    await make({ tokenEndpoint: '/token/fault/hang~a11y' });
    await still();
    await expect(el).to.be.accessible();
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    const transcript = chat.transcript;
    expect([
      transcript.getAttribute('role'),
      transcript.getAttribute('aria-live'),
      transcript.getAttribute('aria-label'),
    ]).to.deep.equal(['log', 'polite', 'Conversation']);
    chat.clickStart();
    await chat.reach('connecting');
    expect(chat.status).to.equal('Connecting…');
    await still();
    await expect(el).to.be.accessible();
  });

  it('live, with the assistant speaking and the transcript and event log filled', async () => {
    await make();
    chat.clickStart();
    await chat.reach('live');
    await still();
    await expect(el).to.be.accessible();
    const speaking = until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.activity === 'assistant-speaking');
    await chat.type('Please say something');
    await speaking;
    await el.updateComplete;
    expect(chat.status).to.equal('Speaking…');
    await chat.readLog();
    await still();
    await expect(el).to.be.accessible();
  });

  it('live with the visitor speaking (the fake microphone), and in push-to-talk', async () => {
    await make({ muted: false });
    const hearing = until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.activity === 'user-speaking');
    chat.clickStart();
    await chat.reach('live');
    await hearing;
    await el.updateComplete;
    await still();
    await expect(el).to.be.accessible();
    el.turnDetection = 'none';
    await el.updateComplete;
    assert.exists(el.shadowRoot!.querySelector('[part~="talk-button"]'));
    await still();
    await expect(el).to.be.accessible();
  });

  it('failed: the error is an alert and the page stays accessible', async () => {
    await make({ tokenEndpoint: '/token/fault/status-401~a11y' });
    chat.clickStart();
    await chat.reach('failed');
    expect(el.shadowRoot!.querySelector('[part~="error"]')!.getAttribute('role')).to.equal('alert');
    await still();
    await expect(el).to.be.accessible();
  });

  it('compact and floating layouts, closed and open', async () => {
    await make({ layout: 'compact' });
    await still();
    await expect(el).to.be.accessible();
    await make({ layout: 'floating' });
    await still();
    await expect(el).to.be.accessible();
    el.open = true;
    await el.updateComplete;
    await still();
    await expect(el).to.be.accessible();
  });

  it('works by keyboard alone, with a visible focus ring: Tab to Start, Enter, type, Enter, Tab to End', async () => {
    await make();
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    el.shadowRoot!.querySelector<HTMLElement>('[part~="start-button"]')!.focus();
    expect(getComputedStyle(focused()!).outlineStyle, 'focus ring').to.equal('solid');
    await sendKeys({ press: 'Enter' });
    await chat.reach('live');
    chat.input.focus();
    const replied = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    await sendKeys({ type: 'Hello by keyboard' });
    await sendKeys({ press: 'Enter' });
    expect((await replied).detail.item.text).to.contain('Hello by keyboard');
    // Back through the controls (transcript tools, each message's Copy, the transcript, volume, mute) to End.
    const path: string[] = [];
    while (focused()?.getAttribute('part') !== 'stop-button' && path.length < 14) {
      await sendKeys({ press: 'Shift+Tab' });
      path.push(focused()?.getAttribute('part') ?? 'outside');
    }
    expect(path.at(-1), path.join(' → ')).to.equal('stop-button');
    expect(getComputedStyle(focused()!).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'Enter' });
    await chat.reach('ended');
  });
});
