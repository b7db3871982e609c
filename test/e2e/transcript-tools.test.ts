import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcClientEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { standInBaseUrl } from '../support/stand-in.js';

describe('transcript tools', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  const part = <T extends HTMLElement = HTMLElement>(name: string) =>
    el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
  const turn = async (text: string) => {
    const replied = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText(text);
    await replied;
    await el.updateComplete;
  };
  /** The file a download button saves: its link's click is caught (no download), the blob read back. */
  const saved = async (button: string) => {
    const clicked = new Promise<HTMLAnchorElement>((resolve) =>
      el.shadowRoot!.addEventListener(
        'click',
        (e) => {
          if (!(e.target instanceof HTMLAnchorElement)) return;
          e.preventDefault();
          resolve(e.target);
        },
        { capture: true },
      ),
    );
    part(button).click();
    const link = await clicked;
    return { name: link.download, body: await (await fetch(link.href)).text() };
  };

  beforeEach(async () => {
    el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} output-modalities="text" muted lang="en"></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
  });
  afterEach(() => el.stop());

  it('copies one message or the whole conversation, and says so politely', async () => {
    await turn('First question');
    const notice = () => part('transcript-tools').querySelector('[role="status"]')!.textContent;
    const announced = async () => {
      while (notice() !== 'Copied') await new Promise((resolve) => setTimeout(resolve, 20));
    };
    expect(notice()).to.equal('');
    el.shadowRoot!.querySelector<HTMLElement>('[part~="item-assistant"] [part~="copy-button"]')!.click();
    await announced();
    expect(await navigator.clipboard.readText()).to.equal(el.conversation.at(-1)!.text);

    await navigator.clipboard.writeText('');
    part('copy-all-button').click();
    while (!(await navigator.clipboard.readText())) await new Promise((resolve) => setTimeout(resolve, 20));
    const all = await navigator.clipboard.readText();
    expect(all).to.match(/^You \(.+\):\nFirst question\n\nAssistant \(.+\):\nThis is the local stand-in/);
  });

  it('downloads the conversation as text and as JSON with ids, roles and times; transcript() gives hosts the same', async () => {
    await turn('Keep this');
    const json = await saved('download-json-button');
    expect(json.name).to.match(/^conversation-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.json$/);
    const kept = JSON.parse(json.body);
    expect(kept).to.deep.equal(el.transcript());
    expect(kept.items.map((i: { role: string }) => i.role)).to.deep.equal(['user', 'assistant']);
    for (const item of kept.items) {
      expect(item.id).to.match(/^item_/);
      expect(Math.abs(Date.parse(item.time) - Date.now())).to.be.below(60_000);
    }
    const text = await saved('download-button');
    expect(text.name).to.match(/\.txt$/);
    expect(text.body).to.contain('Keep this').and.contain('You (');
  });

  it('clear empties the panel and conversation, says the model still remembers, and sends nothing to the service', async () => {
    await turn('Forget me here');
    const sent: string[] = [];
    el.addEventListener('rvc-client-event', (e: RvcClientEvent) => sent.push(e.detail.event.type));
    part('clear-button').click();
    await el.updateComplete;
    expect(el.conversation).to.deep.equal([]);
    expect(chat.items).to.deep.equal([]);
    expect(part('cleared').textContent).to.contain('still remembers');
    expect(sent, 'the service keeps its memory of the call').to.deep.equal([]);
    await turn('Next one');
    expect(el.transcript().items.map((i) => i.text)).to.have.length(2);
    expect(el.transcript().items[0].text).to.equal('Next one');
  });
});
