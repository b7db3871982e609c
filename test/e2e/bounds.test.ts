import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcErrorEvent } from '../../src/index.js';
import { ChatHarness } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { callReport, faultyBaseUrl } from '../support/stand-in.js';

describe('bounded queue: events sent while connecting', () => {
  it('holds up to 64 events until the channel opens, refuses the next with queue_full, and delivers the held ones in order', async () => {
    // `slow`: the SDP exchange takes 1.5 s, so the events wait in the queue.
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat token-endpoint="/token" base-url=${await faultyBaseUrl('slow')} muted lang="en"></realtime-voice-chat>`);
    const chat = new ChatHarness(el);
    const errors: RvcErrorEvent['detail'][] = [];
    el.addEventListener('rvc-error', (e) => errors.push(e.detail));
    chat.clickStart();
    await chat.reach('connecting');
    let held = 0;
    let refused: unknown;
    // The session.update the element sends on open is the first in the queue.
    while (!refused && held < 100) {
      try {
        el.send({ type: 'input_audio_buffer.clear' });
        held++;
      } catch (e) {
        refused = e;
      }
    }
    expect(held).to.equal(63);
    expect((refused as { code?: string }).code).to.equal('queue_full');
    expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([['queue_full', true]]);
    expect(el.state, 'the start goes on').to.equal('connecting');
    await chat.reach('live');
    const { received } = await callReport(el.callId!);
    expect(received[0]).to.equal('session.update');
    expect(received.slice(1, 64)).to.deep.equal(Array(63).fill('input_audio_buffer.clear'));
    el.stop();
    await nothingLeftRunning();
  });
});
