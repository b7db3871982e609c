import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { MAX_ITEM_TEXT, MAX_ITEMS, type RealtimeVoiceChat, type RvcErrorEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { callReport, faultyBaseUrl } from '../support/stand-in.js';

describe('bounded queue: events sent while connecting', () => {
  it('holds up to 64 events until the channel opens, refuses the next with queue_full, and delivers the held ones in order', async () => {
    // `slow`: the SDP exchange takes 1.5 s, so the events wait in the queue.
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await faultyBaseUrl('slow')} muted lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const errors: RvcErrorEvent['detail'][] = [];
    el.addEventListener('rvc-error', (e) => errors.push(e.detail));
    let cleared = 0;
    const allCleared = until(
      el,
      'rvc-server-event',
      (e) => e.detail.event.type === 'input_audio_buffer.cleared' && ++cleared === 64,
    );
    chat.clickStart();
    await chat.reach('connecting');
    let held = 0;
    let refused: unknown;
    while (!refused && held < 100) {
      try {
        el.send({ type: 'input_audio_buffer.clear' });
        held++;
      } catch (e) {
        refused = e;
      }
    }
    expect(held).to.equal(64);
    expect((refused as { code?: string }).code).to.equal('queue_full');
    expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([['queue_full', true]]);
    expect(el.state, 'the start goes on').to.equal('connecting');
    await chat.reach('live');
    await allCleared;
    const { received } = await callReport(el.callId!);
    // The session is configured first; what the page sent meanwhile follows, in order.
    expect(received[0]).to.equal('session.update');
    expect(received.slice(1, 65)).to.deep.equal(Array(64).fill('input_audio_buffer.clear'));
    el.stop();
    await nothingLeftRunning();
  });
});

describe('bounded conversation: a flood of items and deltas', () => {
  it('the page shows at most 200 messages, the conversation keeps at most 1,100, an item at most 32,000 characters, and the call goes on', async function () {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await faultyBaseUrl('hostile-flood~small')} muted lang="en"></realtime-voice-chat>`,
    );
    const flooded = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'stand_in.flood_done');
    new ChatHarness(el).clickStart();
    await flooded;
    await el.updateComplete;
    expect(el.state).to.equal('live');
    expect(el.conversation.length)
      .to.be.at.most(MAX_ITEMS * 1.1)
      .and.at.least(MAX_ITEMS);
    expect(el.shadowRoot!.querySelectorAll('[part~="item"]').length).to.equal(200);
    const grown = el.conversation.at(-1)!;
    expect(grown.text.length).to.be.at.most(MAX_ITEM_TEXT);
    // The newest message is the one shown last.
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part~="item"]:last-of-type')!.dataset.id).to.equal(grown.id);
    el.stop();
    await nothingLeftRunning();
  });
});
