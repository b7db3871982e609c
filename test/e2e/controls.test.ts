import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcToolCallEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { resources } from '../support/resources.js';
import { callReport, standInBaseUrl } from '../support/stand-in.js';

const weather = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const serverEvent = (el: RealtimeVoiceChat, type: string) =>
  until(el, 'rvc-server-event', (e) => e.detail.event.type === type);

// The visitor's controls and the page's hooks, against the stand-in, with a fake microphone that keeps talking.
describe('controls, tools and session settings end to end', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;

  async function open(setup: (el: RealtimeVoiceChat) => void = () => {}) {
    resources.reset();
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en"></realtime-voice-chat>`,
    );
    setup(el);
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
  }

  afterEach(() => el.stop());

  it('a setting the session cannot apply (idle-timeout under semantic VAD) is said in the console and the log, not dropped', async () => {
    const warned: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      await open((el) => Object.assign(el, { vadEagerness: 'low', idleTimeout: 5 }));
    } finally {
      console.warn = original;
    }
    expect(warned.join('\n')).to.contain('idle-timeout applies to server_vad only');
    expect(await chat.readLog()).to.contain('idle-timeout applies to server_vad only');
    expect(chat.error, 'nothing for the visitor to see').to.equal('');
  });

  for (const transport of ['webrtc', 'websocket'] as const)
    it(`ask() over ${transport}: an out-of-band question beside a streaming reply answers the page, leaves the transcript alone, waits for nothing`, async () => {
      let sessionId: Promise<string> | undefined;
      await open((el) => {
        Object.assign(el, { muted: true, outputModalities: 'text', transport });
        sessionId = serverEvent(el, 'session.created').then(
          (e) => (e.detail.event as unknown as { session: { id: string } }).session.id,
        );
      });
      const responses: { text: string; metadata: Record<string, string> }[] = [];
      el.addEventListener('rvc-response', (e) => responses.push(e.detail));
      const long = `Please read this back slowly: ${'the quick brown fox jumps over the lazy dog and '.repeat(8)}done.`;
      const streaming = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.text.length > 20,
      );
      const finished = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
      );
      el.sendText(long);
      await streaming;
      const answer = await el.ask('Classify the visitor’s request in one word.', { metadata: { kind: 'topic' } });
      // Answered while the visitor's reply still streams: it waited for nothing, and released nothing.
      const reply = el.conversation.filter((i) => i.role === 'assistant');
      expect(reply.map((i) => i.status)).to.deep.equal(['in_progress']);
      expect(answer.text.length).to.be.greaterThan(0);
      expect(answer.metadata.kind).to.equal('topic');
      expect(responses.map((r) => r.metadata.kind)).to.deep.equal(['topic']);
      await finished;
      await el.updateComplete;
      expect(el.conversation.filter((i) => i.role === 'assistant')).to.have.length(1);
      expect(chat.items.map((i) => i.text).join(' ')).not.to.contain(answer.text);
      const report = await callReport(el.callId ?? (await sessionId!));
      expect(report.received.filter((t) => t === 'response.create')).to.have.length(2);
      expect(report.received).not.to.include('error');
    });

  it('mute: the button disables the track, so the stand-in hears silence; unmuting lets the voice through again', async () => {
    await open();
    const mute = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="mute-button"]')!;
    mute.click();
    // At once, not at the next render: not another frame of the microphone goes out.
    expect(resources.peers[0].getSenders()[0].track!.enabled, 'the track right after the click').to.equal(false);
    await el.updateComplete;
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
    expect(el.hasAttribute('muted')).to.equal(true);
    expect(el.matches(':state(muted)')).to.equal(true);
    const start = await callReport(el.callId!);
    // Two whole loops of the fake microphone's sentence (5 s each) go by while muted.
    let now = start;
    while (now.heard.packets < start.heard.packets + 500) now = await callReport(el.callId!);
    expect(now.heard.voicedMs - start.heard.voicedMs).to.be.at.most(40);
    mute.click();
    await serverEvent(el, 'input_audio_buffer.speech_started');
    expect((await callReport(el.callId!)).heard.voicedMs).to.be.greaterThan(now.heard.voicedMs + 40);
  });

  it('a tool round trip: handler runs with the arguments, output sent, one response continues, the call shows in the transcript', async () => {
    const calls: unknown[] = [];
    await open((el) => {
      el.muted = true;
      el.tools = [
        {
          ...weather,
          handler: (args) => {
            calls.push(args);
            return { city: (args as { city: string }).city, temp: 21 };
          },
        },
      ];
    });
    const seen = until(el, 'rvc-tool-call', () => true);
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Please use get_weather for Tokyo');
    const { detail } = await seen;
    expect([detail.name, detail.arguments]).to.deep.equal(['get_weather', { city: 'stand-in' }]);
    const { item } = (await reply).detail;
    expect(item.text).to.contain('get_weather returned: {"city":"stand-in","temp":21}');
    expect(calls).to.deep.equal([{ city: 'stand-in' }]);
    const report = await callReport(el.callId!);
    expect(report.received).to.deep.equal([
      'session.update',
      'conversation.item.create',
      'response.create',
      'conversation.item.create',
      'response.create',
    ]);
    const session = (report as unknown as { session: { tools: { name: string }[] } }).session;
    expect(session.tools.map((t) => t.name)).to.deep.equal(['get_weather']);
    await el.updateComplete;
    expect(chat.items.map((i) => i.role)).to.deep.equal(['user', 'tool', 'assistant']);
    expect(chat.items[1].text).to.equal('get_weather({"city":"stand-in"}) → {"city":"stand-in","temp":21}');
    expect(await chat.readLog()).not.to.contain('conversation_already_has_active_response');
  });

  it('the page may answer a tool call through the event; a failing handler becomes an output saying so', async () => {
    await open((el) => {
      el.muted = true;
      el.tools = [
        weather,
        {
          name: 'book_table',
          parameters: { type: 'object', properties: { people: { type: 'integer' } } },
          handler: () => {
            throw new Error('the booking service is down');
          },
        },
      ];
    });
    el.addEventListener('rvc-tool-call', (e: RvcToolCallEvent) => {
      if (e.detail.name !== 'get_weather') return;
      e.preventDefault();
      setTimeout(() => e.detail.respond('sunny'), 50);
    });
    const first = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('get_weather please');
    expect((await first).detail.item.text).to.contain('get_weather returned: sunny');
    const error = until(el, 'rvc-error', () => true);
    const second = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('book_table for two');
    const { detail } = await error;
    expect([detail.code, detail.recoverable]).to.deep.equal(['tool_failed', true]);
    expect((await second).detail.item.text).to.contain(
      'book_table returned: {"error":"The tool failed: the booking service is down"}',
    );
    expect(el.state).to.equal('live');
  });

  it('text-only output: replies stream as text and no voice is sent', async () => {
    await open((el) => {
      el.muted = true;
      el.outputModalities = 'text';
    });
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    const events: string[] = [];
    el.addEventListener('rvc-server-event', (e) => events.push(e.detail.event.type));
    el.sendText('Text only, please.');
    expect((await reply).detail.item.text).to.contain('Text only, please.');
    expect(events).to.include('response.output_text.delta');
    expect(events).not.to.include('output_audio_buffer.started');
  });

  it('session settings: attributes apply mid-call; the voice is refused once the model has spoken; a typed turn reports its latency', async () => {
    await open((el) => {
      el.muted = true;
      el.voice = 'marin';
    });
    const sent = until(
      el,
      'rvc-client-event',
      (e) => e.detail.event.type === 'session.update' && !String(e.detail.event.event_id).startsWith('evt_open'),
    );
    el.instructions = 'Be brief.';
    // Only what changed goes out, and the service applies it.
    expect((await sent).detail.event.session).to.deep.equal({ type: 'realtime', instructions: 'Be brief.' });
    await until(
      el,
      'rvc-server-event',
      (e) =>
        e.detail.event.type === 'session.updated' &&
        (e.detail.event.session as { instructions: string }).instructions === 'Be brief.',
    );
    const turn = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.turn !== undefined);
    el.sendText('Say something.');
    const { turn: latency } = (await turn).detail;
    expect(latency!.trigger).to.equal('text');
    expect(latency!.ms).to.be.greaterThan(0);
    const error = until(el, 'rvc-error', () => true);
    el.voice = 'cedar';
    expect((await error).detail.code).to.equal('voice_locked');
    await el.updateComplete;
    expect(chat.error).to.contain('The voice cannot change during a conversation.');
    expect(el.state).to.equal('live');
  });

  it('interrupt() stops a reply only while one is active: response.cancel, output_audio_buffer.clear, and the transcript keeps what was heard', async () => {
    await open((el) => (el.muted = true));
    expect(el.interrupt()).to.equal(false);
    const playing = serverEvent(el, 'output_audio_buffer.started');
    el.sendText('Tell me something long, please.');
    await playing;
    const cancelled = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'response.done');
    // The service truncates the item and removes its transcript; the element shows what was heard.
    const truncation = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.truncated');
    const retrieved = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.retrieved');
    expect(el.interrupt()).to.equal(true);
    const done = (await cancelled).detail.event as unknown as {
      response: { status: string; status_details: { reason: string } };
    };
    expect([done.response.status, done.response.status_details.reason]).to.deep.equal([
      'cancelled',
      'client_cancelled',
    ]);
    const streamed = (done as unknown as { response: { output: { content: { transcript: string }[] }[] } }).response
      .output[0].content[0].transcript;
    const truncated = (await truncation).detail.event as unknown as { audio_end_ms: number };
    const copy = ((await retrieved).detail.event as unknown as { item: { content: { transcript: string }[] } }).item
      .content[0].transcript;
    await el.updateComplete;
    expect(truncated.audio_end_ms).to.be.greaterThan(0);
    expect(copy, 'the service’s copy lost its transcript').to.equal('');
    const heard = chat.items.at(-1)!.text;
    expect(chat.items.at(-1)!.status).to.equal('interrupted');
    expect(heard.length, 'some words were heard').to.be.greaterThan(0);
    expect(streamed.startsWith(heard)).to.equal(true);
    const report = await callReport(el.callId!);
    expect(report.received.slice(-3)).to.deep.equal([
      'response.cancel',
      'output_audio_buffer.clear',
      'conversation.item.retrieve',
    ]);
    expect(report.received).not.to.include('error');
  });

  it('switches the microphone live from the picker (replaceTrack): the old track stops and the stand-in keeps hearing', async () => {
    await open();
    const select = await new Promise<HTMLSelectElement>((resolve) => {
      const look = () => {
        const found = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="device-select"]');
        if (found) resolve(found);
        else requestAnimationFrame(look);
      };
      look();
    });
    expect(select.options.length).to.be.greaterThan(1);
    expect(select.getAttribute('aria-label')).to.equal('Microphone');
    const sender = resources.peers[0].getSenders()[0];
    const oldTrack = sender.track!;
    const other = [...select.options].find((o) => o.value !== oldTrack.getSettings().deviceId)!;
    select.value = other.value;
    select.dispatchEvent(new Event('change'));
    await whenTrackChanges(sender, oldTrack);
    expect(sender.track!.getSettings().deviceId).to.equal(other.value);
    expect(oldTrack.readyState).to.equal('ended');
    expect(resources.liveTracks()).to.have.length(1);
    expect(resources.peers).to.have.length(1);
    const before = await callReport(el.callId!);
    await serverEvent(el, 'input_audio_buffer.speech_started');
    expect((await callReport(el.callId!)).heard.voicedMs).to.be.greaterThan(before.heard.voicedMs);
  });
});

function whenTrackChanges(sender: RTCRtpSender, old: MediaStreamTrack): Promise<void> {
  return new Promise((resolve) => {
    const look = () => (sender.track && sender.track !== old ? resolve() : requestAnimationFrame(look));
    look();
  });
}
