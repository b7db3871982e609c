import { expect } from '@open-wc/testing';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { ChatHarness } from '../support/harness.js';
import { standInBaseUrl } from '../support/stand-in.js';

interface WatchedWindow extends Window {
  violations: string[];
  escaped: string[];
}

/** Opens the strict-CSP host page (the one-file build, served with a strict policy) in a frame. */
async function hostPage(query = ''): Promise<{ frame: HTMLIFrameElement; win: WatchedWindow; el: RealtimeVoiceChat }> {
  const frame = document.createElement('iframe');
  frame.allow = 'microphone';
  frame.src = `/test/pages/strict-csp.html${query}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as unknown as WatchedWindow;
  await win.customElements.whenDefined('realtime-voice-chat');
  const el = frame.contentDocument!.querySelector('realtime-voice-chat') as RealtimeVoiceChat;
  el.setAttribute('base-url', await standInBaseUrl());
  await el.updateComplete;
  return { frame, win, el };
}

/** A whole conversation: start, a typed turn with its reply, the log pane opened, stop. */
async function converse(el: RealtimeVoiceChat): Promise<void> {
  const chat = new ChatHarness(el);
  chat.clickStart();
  await chat.reach('live');
  const replied = new Promise<void>((resolve) =>
    el.addEventListener(
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed' && resolve(),
    ),
  );
  await chat.type('Hello from a strict page');
  await replied;
  expect(await chat.readLog()).to.contain('response.done');
  el.stop();
  await el.updateComplete;
}

describe('strict hosting: the one-file build under a strict Content-Security-Policy with Trusted Types', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('connects, converses and shows the log with 0 violations, nothing escaping, and requests only to the token endpoint and the API', async () => {
    const page = await hostPage();
    frame = page.frame;
    await converse(page.el);
    expect(page.win.violations).to.deep.equal([]);
    expect(page.win.escaped).to.deep.equal([]);
    const api = new URL(await standInBaseUrl()).origin;
    const hosts = page.win.performance.getEntriesByType('resource').map((r) => new URL(r.name));
    const elsewhere = hosts.filter(
      (url) =>
        !(
          url.origin === location.origin &&
          (url.pathname === '/token' || url.pathname.startsWith('/dist/') || url.pathname.startsWith('/test/pages/'))
        ) && url.origin !== api,
    );
    expect(elsewhere.map(String)).to.deep.equal([]);
    expect(hosts.filter((url) => url.origin === api).map((url) => url.pathname)).to.include('/v1/realtime/calls');
  });

  it('works on a page that already made Lit’s Trusted Types policy', async () => {
    const page = await hostPage('?lit-policy');
    frame = page.frame;
    await converse(page.el);
    expect(page.win.violations).to.deep.equal([]);
    expect(page.win.escaped).to.deep.equal([]);
  });

  // The one report such a page gets: the socket's worker, made from a blob: URL so that it keeps the page's policy, is
  // refused by a policy without `worker-src blob:` (once per page), and the socket stays on the page's thread.
  const WORKER_PROBE = 'worker-src: blob ';

  it('converses over the WebSocket transport too: its code and its audio worklets load as same-origin files, no violation but the worker’s one', async () => {
    const page = await hostPage();
    frame = page.frame;
    page.el.setAttribute('transport', 'websocket');
    const played = new Promise<void>((resolve) =>
      page.el.addEventListener('rvc-metrics', (e) => e.detail.stages.firstAudio !== undefined && resolve()),
    );
    await converse(page.el);
    await played;
    expect(page.win.violations).to.deep.equal([WORKER_PROBE]);
    expect(page.win.escaped).to.deep.equal([]);
    const files = page.win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
    // The worklets' own fetch is not in the page's resource timing; the voice played through them.
    expect(files).to.include('/dist/realtime-voice-chat-websocket-transport.js');
    expect(files, 'no SDP exchange').to.not.include('/v1/realtime/calls');
  });

  it('where the policy allows the socket’s worker, the worker is held to the page’s connect-src like the page', async () => {
    const page = await hostPage('?no-websocket&worker');
    frame = page.frame;
    page.el.setAttribute('transport', 'websocket');
    const chat = new ChatHarness(page.el);
    const error = new Promise<{ code: string }>((resolve) =>
      page.el.addEventListener('rvc-error', (e) => resolve(e.detail)),
    );
    chat.clickStart();
    await chat.reach('failed');
    expect((await error).code).to.equal('call_unreachable');
    // The worker started (no worker-src report); its refused socket is reported in the worker, not on the page.
    expect(page.win.violations).to.deep.equal([]);
  });

  it('a page whose policy does not allow the WebSocket gets a clear error at once, not a hang', async () => {
    const page = await hostPage('?no-websocket');
    frame = page.frame;
    page.el.setAttribute('transport', 'websocket');
    const chat = new ChatHarness(page.el);
    const error = new Promise<{ code: string; detail: string }>((resolve) =>
      page.el.addEventListener('rvc-error', (e) => resolve(e.detail)),
    );
    chat.clickStart();
    await chat.reach('failed');
    expect((await error).code).to.equal('call_unreachable');
    expect(page.win.violations[0]).to.equal(WORKER_PROBE);
    expect(page.win.violations.slice(1).join(' ')).to.match(/^connect-src: ws:/);
  });
});
