import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcErrorEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { replayBaseUrl } from '../support/stand-in.js';

// Recorded sessions (test/recordings, each naming its source) replayed onto a real WebRTC call: the element shows and
// reports what a real service's event stream says, in the order and shapes the service sends.
describe('recorded sessions, replayed', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  let errors: RvcErrorEvent['detail'][];

  async function replay(name: string, setup: (el: RealtimeVoiceChat) => void = () => {}) {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await replayBaseUrl(name)} lang="en" muted></realtime-voice-chat>`,
    );
    setup(el);
    chat = new ChatHarness(el);
    errors = [];
    el.addEventListener('rvc-error', (e) => errors.push(e.detail));
    chat.clickStart();
    await chat.reach('live');
  }

  afterEach(async () => {
    el.stop();
    await nothingLeftRunning();
  });

  it('a voice turn whose transcript lands during the reply: the question shows above the answer, both complete, usage counted', async () => {
    await replay('voice-turn-late-transcript');
    await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'output_audio_buffer.stopped');
    await el.updateComplete;
    expect(chat.items.map((i) => [i.role, i.status, i.text])).to.deep.equal([
      ['user', 'completed', 'What’s the weather like today?'.replace('’', "'")],
      ['assistant', 'completed', 'The forecast says sunny and warm today.'],
    ]);
    // 215 tokens for the reply, 29 for transcribing the question.
    expect([el.usage!.responses, el.usage!.totalTokens, el.usage!.transcription.input]).to.deep.equal([1, 244, 19]);
    expect(errors).to.deep.equal([]);
  });

  it('a barge-in: the reply is marked interrupted and shows what was heard, though the service’s copy lost its transcript', async () => {
    await replay('barge-in-truncation');
    // 1,500 ms of the voice heard: about 21 characters, cut at a word; the retrieved copy (transcript "") changes nothing.
    await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.retrieved');
    await el.updateComplete;
    expect(chat.items.find((i) => i.role === 'assistant')).to.deep.equal({
      role: 'assistant',
      status: 'interrupted',
      text: 'Let me tell you about',
    });
    expect(el.conversation.find((i) => i.role === 'assistant')!.fullText).to.equal(
      'Let me tell you about all our opening hours.',
    );
    expect(el.shadowRoot!.querySelector('[part~="interrupted"]')!.textContent).to.equal('(interrupted)');
  });

  it('a function call: the page’s tool runs, its output goes back, and the next response answers with it', async () => {
    const calls: unknown[] = [];
    await replay('function-call', (el) => {
      el.tools = [
        {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          handler: (args) => {
            calls.push(args);
            return { temp: 21, unit: 'celsius' };
          },
        },
      ];
    });
    el.sendText('What is the weather in Tokyo?');
    await until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    await el.updateComplete;
    expect(calls).to.deep.equal([{ city: 'Tokyo' }]);
    expect(chat.items.map((i) => [i.role, i.text])).to.deep.equal([
      ['user', 'What is the weather in Tokyo?'],
      ['tool', 'get_weather({"city":"Tokyo"}) → {"temp":21,"unit":"celsius"}'],
      ['assistant', 'It is 21 degrees in Tokyo.'],
    ]);
  });

  it('a failed response: rvc-error response_failed with the service’s code and words; the transcript marks it', async () => {
    await replay('response-failed');
    const failed = until(el, 'rvc-error', (e) => e.detail.code === 'response_failed');
    el.sendText('Hello?');
    const { detail } = await failed;
    await el.updateComplete;
    expect([detail.serverCode, detail.detail, detail.recoverable]).to.deep.equal([
      'insufficient_quota',
      'You exceeded your current quota, please check your plan and billing details.',
      true,
    ]);
    expect(chat.items.at(-1)).to.deep.equal({ role: 'assistant', status: 'failed', text: '' });
    expect(chat.error).to.contain('The assistant could not reply this time.');
  });

  it('an MCP approval: the host’s server is listed, the visitor approves in the panel, the call and the answer follow', async () => {
    await replay('mcp-approval');
    const asked = until(el, 'rvc-tool-approval', () => true);
    el.sendText('What transport does openai-agents-js use?');
    expect((await asked).detail.name).to.equal('ask_question');
    await el.updateComplete;
    const answered = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="approve-button"]')!.click();
    await answered;
    await el.updateComplete;
    expect(chat.items.map((i) => [i.role, i.text])).to.deep.equal([
      ['tool', 'deepwiki: tools ready'],
      ['user', 'What transport does openai-agents-js use?'],
      ['tool', 'ask_question({"repoName":"openai/openai-agents-js","question":"Which transports are there?"})'],
      [
        'tool',
        'ask_question({"repoName":"openai/openai-agents-js","question":"Which transports are there?"}) → It has a WebRTC transport and a WebSocket transport.',
      ],
      ['assistant', 'It offers WebRTC and WebSocket.'],
    ]);
    expect(el.conversation.find((i) => i.kind === 'mcp_approval_request')!.approval).to.equal('approved');
  });

  it('an out-of-band question beside a spoken answer: the page gets its text and metadata, the transcript keeps only the turn', async () => {
    await replay('out-of-band-beside-turn');
    const oob = until(el, 'rvc-response', () => true);
    const spoken = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('What are your opening hours?');
    // While the answer streams, the page asks beside the conversation, as OpenAI documents it.
    await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'output_audio_buffer.started');
    el.send({
      type: 'response.create',
      response: {
        conversation: 'none',
        output_modalities: ['text'],
        instructions: 'Say the visitor’s mood.',
        metadata: { purpose: 'mood' },
      },
    });
    const { detail } = await oob;
    expect([detail.text, detail.metadata]).to.deep.equal(['The visitor sounds calm.', { purpose: 'mood' }]);
    await spoken;
    await el.updateComplete;
    expect(chat.items.map((i) => [i.role, i.status, i.text])).to.deep.equal([
      ['user', 'completed', 'What are your opening hours?'],
      ['assistant', 'completed', 'We open at nine and close at six.'],
    ]);
    expect(errors).to.deep.equal([]);
  });

  it('a noise false start over a spoken answer: the answer is not cut, nothing answers the noise, its item is deleted', async () => {
    await replay('noise-false-start');
    const sent: string[] = [];
    el.addEventListener('rvc-client-event', (e) => sent.push(e.detail.event.type));
    const spoken = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status !== 'in_progress',
    );
    el.sendText('Tell me about your shop.');
    const deleted = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.deleted');
    expect((await spoken).detail.item.status).to.equal('completed');
    await deleted;
    await el.updateComplete;
    expect(chat.items.map((i) => [i.role, i.status, i.text])).to.deep.equal([
      ['user', 'completed', 'Tell me about your shop.'],
      ['assistant', 'completed', 'We sell books, maps and old prints.'],
    ]);
    expect(sent).to.deep.equal(['conversation.item.create', 'response.create', 'conversation.item.delete']);
    expect(errors).to.deep.equal([]);
  });
});
