import { expect } from '@open-wc/testing';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { openFrame, typeInto, whenDom } from '../support/frames.js';
import { standInBaseUrl } from '../support/stand-in.js';

// Each demo app renders the element, listens to its rvc-* events and calls its methods from its own buttons.
for (const framework of ['react', 'vue', 'svelte']) {
  describe(`the element in a ${framework} app (demo/${framework})`, () => {
    let frame: HTMLIFrameElement | undefined;
    afterEach(() => frame?.remove());

    it(`${framework} passes attributes, hears rvc-state and rvc-transcript, and drives start(), sendText() and stop()`, async () => {
      frame = await openFrame(`/demo/${framework}/index.html`, 'microphone');
      const doc = frame.contentDocument!;
      const text = (id: string) => doc.getElementById(id)?.textContent ?? '';
      await whenDom(doc, () => !!doc.querySelector('realtime-voice-chat') && text('state') === 'idle');
      const el = doc.querySelector('realtime-voice-chat') as RealtimeVoiceChat;
      await frame.contentWindow!.customElements.whenDefined('realtime-voice-chat');
      expect(el.getAttribute('base-url')).to.equal(await standInBaseUrl());
      expect(el.muted).to.equal(true);

      doc.getElementById('start')!.click();
      await whenDom(doc, () => text('state') === 'live');
      expect(el.state).to.equal('live');

      typeInto(doc.getElementById('text') as HTMLInputElement, `Hello from ${framework}`);
      doc.getElementById('send')!.click();
      await whenDom(doc, () => text('replies') === '1');
      const reply = el.conversation.find((item) => item.role === 'assistant');
      expect(reply?.text).to.contain(`Hello from ${framework}`);
      expect((doc.getElementById('text') as HTMLInputElement).value, 'the app cleared its input').to.equal('');

      doc.getElementById('stop')!.click();
      await whenDom(doc, () => text('state') === 'ended');
    });
  });
}
