import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// Runs in its own Chromium that answers every permission prompt with "Block" (--deny-permission-prompts).
describe('the visitor blocks the microphone', () => {
  it('fails with microphone_denied, tells them how to allow it, and leaves no peer or track behind; Start again asks again', async () => {
    resources.reset();
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const failed = until(el, 'rvc-error', () => true);
    chat.clickStart();
    await chat.reach('failed');
    const { detail } = await failed;
    expect(detail.code).to.equal('microphone_denied');
    expect(chat.error).to.contain('Allow it in the browser’s address bar, then press Start again');
    await nothingLeftRunning();
    expect(resources.peers.length, 'a peer was opened and closed').to.equal(1);

    chat.clickStart();
    await chat.reach('failed');
    expect(resources.micRequests, 'Start asked again').to.equal(2);
    await nothingLeftRunning();
  });
});
