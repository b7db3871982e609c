import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcErrorEvent, RvcUsageEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { callReport, faultyBaseUrl, standInBaseUrl } from '../support/stand-in.js';

type Session = {
  instructions: string;
  tools: { name?: string; server_label?: string }[];
  audio: { input: Record<string, unknown> };
};
let run = 0;

/** The session as the service applied it at the start (the first `session.updated`). */
const appliedSession = (el: RealtimeVoiceChat) =>
  until(el, 'rvc-server-event', (e) => e.detail.event.type === 'session.updated').then(
    (e) => (e.detail.event as unknown as { session: Session }).session,
  );

// The client is right about what the service does (the stand-in now does it too): issue items 1–3, 7 and 8.
describe('fidelity: what the element does with what the service really sends', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  let errors: RvcErrorEvent['detail'][];

  async function open(token: string, baseUrl: string, attributes: (el: RealtimeVoiceChat) => void = () => {}) {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint=${token} base-url=${baseUrl} lang="en" muted></realtime-voice-chat>`,
    );
    attributes(el);
    chat = new ChatHarness(el);
    errors = [];
    el.addEventListener('rvc-error', (e) => errors.push(e.detail));
  }

  beforeEach(() => resources.reset());
  afterEach(async () => {
    el?.stop();
    await nothingLeftRunning();
  });

  it('the host’s session survives Start: its transcription language and prompt, VAD tuning, noise reduction, instructions and tool', async () => {
    await open('/token/host-configured', await standInBaseUrl());
    const applied = appliedSession(el);
    chat.clickStart();
    const session = await applied;
    await chat.reach('live');
    expect(session.audio.input.transcription).to.deep.equal({
      model: 'gpt-4o-transcribe',
      language: 'ja',
      prompt: 'Product names: Zephyr, Quill',
    });
    expect(session.audio.input.turn_detection).to.deep.equal({
      type: 'server_vad',
      threshold: 0.7,
      prefix_padding_ms: 200,
      silence_duration_ms: 900,
      idle_timeout_ms: 20_000,
      create_response: true,
      interrupt_response: false,
    });
    expect(session.audio.input.noise_reduction).to.deep.equal({ type: 'far_field' });
    expect(session.instructions).to.equal('The host’s instructions.');
    expect(session.tools.map((t) => t.name ?? t.server_label)).to.deep.equal(['host_lookup', 'host-docs']);
  });

  it('what the page sets goes whole over the host’s session: the language changes, the prompt and the VAD tuning stay, the page’s tool joins the host’s', async () => {
    await open('/token/host-configured', await standInBaseUrl(), (el) => {
      el.setAttribute('transcription-language', 'en');
      el.setAttribute('turn-detection', 'server_vad');
      el.setAttribute('noise-reduction', 'near_field');
      el.setAttribute('idle-timeout', '8');
      el.tools = [{ name: 'set_theme', description: 'Switch the page theme', handler: () => 'ok' }];
    });
    const applied = appliedSession(el);
    chat.clickStart();
    const session = await applied;
    expect(session.audio.input.transcription).to.deep.equal({
      model: 'gpt-4o-transcribe',
      language: 'en',
      prompt: 'Product names: Zephyr, Quill',
    });
    expect(session.audio.input.turn_detection).to.deep.equal({
      type: 'server_vad',
      threshold: 0.7,
      prefix_padding_ms: 200,
      silence_duration_ms: 900,
      idle_timeout_ms: 8000,
      create_response: true,
      interrupt_response: false,
    });
    expect(session.audio.input.noise_reduction).to.deep.equal({ type: 'near_field' });
    // The page's tool came in the key request and the host's server declared it: the page never sent the host's tools
    // back from the echo, so the MCP server keeps the authorization and headers the echo does not show.
    expect(session.tools.map((t) => t.name ?? t.server_label)).to.deep.equal(['host_lookup', 'host-docs', 'set_theme']);
    const report = (await callReport(el.callId!)) as unknown as { mcpSecrets: string[]; received: string[] };
    expect(report.mcpSecrets).to.deep.equal(['host-docs']);
    expect(JSON.stringify(session)).to.not.include('host-mcp-token');
  });

  it('a session without transcription gets it in the page’s language (transcripts appear), unless the page says none', async () => {
    await open('/token', await standInBaseUrl());
    let applied = appliedSession(el);
    chat.clickStart();
    expect((await applied).audio.input.transcription).to.deep.equal({
      model: 'gpt-4o-mini-transcribe',
      language: 'en',
    });
    el.stop();
    el.transcriptionModel = 'none';
    await el.updateComplete;
    applied = appliedSession(el);
    chat.clickStart();
    expect((await applied).audio.input.transcription).to.equal(null);
  });

  for (const [title, setup] of [
    ['an unknown voice', async () => open('/token', await standInBaseUrl(), (el) => (el.voice = 'nova'))],
    [
      'a field the service no longer takes (scenario session-update-rejected)',
      async () => open('/token', await faultyBaseUrl(`session-update-rejected~u${++run}`)),
    ],
  ] as const) {
    it(`a refused opening session.update fails the start at once with session_rejected and the service’s words: ${title}`, async () => {
      await setup();
      chat.clickStart();
      await chat.reach('failed');
      expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([['session_rejected', false]]);
      expect(errors[0].detail).to.match(/Invalid value: 'nova'|Unknown parameter/);
      expect(chat.error).to.contain('refused this chat’s settings').and.contain(errors[0].detail);
      await expect(el).to.be.accessible();
    });
  }

  it('a failed reply is reported (response_failed with the service’s code and words) and marked on the transcript; the call goes on', async () => {
    await open('/token', await faultyBaseUrl(`response-failed~f${++run}`));
    chat.clickStart();
    await chat.reach('live');
    const failed = until(el, 'rvc-error', (e) => e.detail.code === 'response_failed');
    el.sendText('Hello?');
    const { detail } = await failed;
    expect([detail.serverCode, detail.recoverable]).to.deep.equal(['insufficient_quota', true]);
    expect(detail.detail).to.contain('exceeded your current quota');
    await el.updateComplete;
    expect(chat.items.at(-1)).to.deep.include({ role: 'assistant', status: 'failed' });
    expect(el.shadowRoot!.querySelector('[part~="item-status"]')!.textContent).to.equal('(the reply failed)');
    expect(el.state).to.equal('live');
    await chat.settled();
    await expect(el).to.be.accessible();
  });

  it('a reply the service cut short shows why (incomplete, max_output_tokens)', async () => {
    await open('/token', await faultyBaseUrl(`response-incomplete~i${++run}`));
    el.outputModalities = 'text';
    chat.clickStart();
    await chat.reach('live');
    const done = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'incomplete',
    );
    el.sendText('Tell me everything about everything.');
    expect((await done).detail.item.reason).to.equal('max_output_tokens');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="item-status"]')!.textContent).to.equal('(cut short: too long)');
  });

  it('usage: tokens by kind from every reply, the rate limits, a usage property and rvc-usage events', async () => {
    await open('/token', await standInBaseUrl());
    chat.clickStart();
    await chat.reach('live');
    const usage = until(
      el,
      'rvc-usage',
      (e: RvcUsageEvent) => e.detail.usage.responses === 1 && e.detail.usage.rateLimits.length > 0,
    );
    el.sendText('Hello');
    const { detail } = await usage;
    expect(detail.usage.totalTokens).to.be.greaterThan(0);
    expect(detail.usage.output.audio).to.be.greaterThan(0);
    expect(detail.usage.rateLimits.map((l) => l.name)).to.deep.equal(['requests', 'tokens']);
    expect(el.usage).to.deep.equal(detail.usage);
  });

  it('MCP: the tool list and the call show as tool items; an approval the page leaves is asked in the panel, and the answer goes back', async () => {
    await open('/token', await faultyBaseUrl(`mcp~m${++run}`));
    el.outputModalities = 'text';
    // Listened for before Start: the list may be complete before `live` has rendered.
    const listed = until(
      el,
      'rvc-transcript',
      (e) => e.detail.item.kind === 'mcp_list_tools' && e.detail.item.status === 'completed',
    );
    chat.clickStart();
    await chat.reach('live');
    await listed;
    const asked = until(el, 'rvc-tool-approval', () => true);
    el.sendText('Please use search_docs for pricing');
    const request = (await asked).detail;
    expect([request.server, request.name, JSON.parse(request.arguments).query]).to.deep.equal([
      'stand-in-docs',
      'search_docs',
      'Please use search_docs for pricing',
    ]);
    await el.updateComplete;
    const approve = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="approve-button"]')!;
    expect(approve.textContent.trim()).to.equal('Approve');
    await chat.settled();
    await expect(el).to.be.accessible();
    const answered = until(
      el,
      'rvc-transcript',
      (e) =>
        e.detail.item.role === 'assistant' &&
        e.detail.item.status === 'completed' &&
        e.detail.item.text.includes('search_docs returned'),
    );
    approve.click();
    await answered;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="approve-button"]')).to.equal(null);
    expect(
      el.conversation.filter((i) => i.role === 'tool').map((i) => [i.kind, i.status, i.approval ?? '']),
    ).to.deep.equal([
      ['mcp_list_tools', 'completed', ''],
      ['mcp_approval_request', 'completed', 'approved'],
      ['mcp_call', 'completed', ''],
    ]);
    expect(el.conversation.find((i) => i.kind === 'mcp_call')!.output).to.contain('found nothing');
  });

  it('MCP: a page that answers the approval itself (cancels the event) decides; a denial is shown and the model is told', async () => {
    await open('/token', await faultyBaseUrl(`mcp~d${++run}`));
    el.outputModalities = 'text';
    el.addEventListener('rvc-tool-approval', (e) => {
      e.preventDefault();
      e.detail.respond(false);
    });
    chat.clickStart();
    await chat.reach('live');
    const answered = until(
      el,
      'rvc-transcript',
      (e) =>
        e.detail.item.role === 'assistant' &&
        e.detail.item.status === 'completed' &&
        e.detail.item.text.includes('not approved'),
    );
    el.sendText('Please use search_docs for pricing');
    await answered;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="approval"]')).to.equal(null);
    expect(el.conversation.find((i) => i.kind === 'mcp_approval_request')!.approval).to.equal('denied');
    expect(el.conversation.some((i) => i.kind === 'mcp_call')).to.equal(false);
  });
});
