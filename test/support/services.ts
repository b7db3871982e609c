import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fillDemoPage } from '../../scripts/demo-pages.js';
import { resolve } from 'node:path';
import { createCallHandler } from '../../src/server/call-handler.js';
import { createCallControl } from '../../src/server/call-control.js';
import { createControlHandler } from '../../src/server/control-handler.js';
import { createTokenHandler } from '../../src/server/token-handler.js';
import { createLimits } from '../../src/server/limits/limits.js';
import { sendResponse, toRequest, type FetchHandler } from '../../src/server/node-adapter.js';
import { startStandIn } from '../../src/stand-in/server.js';
import { parseWav, rms, synthesizeWav, toWav, type Pcm } from '../../src/stand-in/media/speech.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../src/server/node-adapter.js';
import { ClientEventOracle } from './client-event-oracle.js';
import { Conformance } from './conformance.js';
import { tally } from './hostile-report.js';
import { standInHost } from './test-namespace.js';

/** The server's standard key in tests: a sentinel that must never reach the browser. */
export const TEST_API_KEY = 'sk-test-SENTINEL0123456789';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Real HTTP answers of every shape a token endpoint can give, for the core's key retrieval tests. */
const tokenFixtures: Record<string, () => Response> = {
  ga: () => json(200, { value: 'ek_fixtureGA0123456789', expires_at: Math.floor(Date.now() / 1000) + 600 }),
  beta: () =>
    json(200, {
      client_secret: { value: 'ek_fixtureBeta0123456789', expires_at: Math.floor(Date.now() / 1000) + 600 },
    }),
  expired: () => json(200, { value: 'ek_fixtureOld0123456789', expires_at: 1 }),
  html: () =>
    new Response('<!doctype html><title>Login</title><p>Please sign in', {
      status: 200,
      headers: { 'content-type': 'text/html' },
    }),
  'invalid-json': () =>
    new Response('{"value": "ek_', { status: 200, headers: { 'content-type': 'application/json' } }),
  'missing-value': () => json(200, { expires_at: 123 }),
  'status-500': () => json(500, { error: { message: 'upstream exploded', type: 'server_error', code: null } }),
  'status-403-html': () =>
    new Response('<h1>Forbidden</h1>', { status: 403, headers: { 'content-type': 'text/html' } }),
};

/**
 * A spoken sentence then `silenceSeconds` of silence, which Chromium's fake microphone loops. Refuses to write a quiet
 * file: a silent microphone must not let a voice test pass. Returns the path and the speech's RMS level.
 */
async function speakingWav(name: string, text: string, silenceSeconds: number): Promise<{ path: string; rms: number }> {
  const speech = parseWav(await synthesizeWav(text));
  const level = rms(speech.samples);
  if (level < 0.03) throw new Error(`the synthesized microphone speech is too quiet (rms ${level})`);
  const samples = new Int16Array(speech.samples.length + speech.rate * silenceSeconds);
  samples.set(speech.samples);
  const pcm: Pcm = { samples, rate: speech.rate };
  const path = resolve(`.cache/${name}.wav`);
  await mkdir('.cache', { recursive: true });
  await writeFile(path, toWav(pcm));
  return { path, rms: level };
}

/** Starts the stand-in and the host-side handlers the browser tests talk to. */
export async function startTestServices() {
  // Every event the stand-in sends during the browser suite is checked against OpenAI's published schemas.
  const conformance = new Conformance();
  // And every client event it receives, against OpenAI's published types (test/support/client-event-oracle.ts).
  const clientEvents = new ClientEventOracle();
  let junk = 0;
  const standIn = await startStandIn({
    ...standInHost(),
    onEvent: (event, call) => {
      conformance.check(event);
      clientEvents.answered(event, call.id);
    },
    onRaw: () => junk++,
    onClientEvent: (event, call) => clientEvents.check(event, call.id),
    recordings: 'test/recordings',
  });
  const token = createTokenHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    allowModels: ['gpt-realtime-2.1', 'gpt-realtime-2.1-mini'],
  });
  // A host that configured the session itself: language, prompt, VAD tuning, noise reduction, its own tool.
  const hostSession = {
    instructions: 'The host’s instructions.',
    tools: [
      {
        type: 'function',
        name: 'host_lookup',
        description: 'A tool the host declared',
        parameters: { type: 'object', properties: {} },
      },
      // Its secrets stay with the service: the echo leaves them out, so a page that sent the echo back would strip them.
      {
        type: 'mcp',
        server_label: 'host-docs',
        server_url: 'https://mcp.stand-in.invalid/mcp',
        authorization: 'host-mcp-token',
        headers: { 'x-team': 'support' },
        require_approval: 'never',
      },
    ],
    audio: {
      input: {
        transcription: { model: 'gpt-4o-transcribe', language: 'ja', prompt: 'Product names: Zephyr, Quill' },
        noise_reduction: { type: 'far_field' },
        turn_detection: {
          type: 'server_vad',
          threshold: 0.7,
          prefix_padding_ms: 200,
          silence_duration_ms: 900,
          idle_timeout_ms: 20_000,
          create_response: true,
          interrupt_response: false,
        },
      },
    },
  };
  // A host whose session speaks G.711 (a telephony setting): a WebSocket call must still get 24 kHz PCM.
  const pcmuHost = createTokenHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    session: { audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcmu' } } } },
  });
  const hostConfigured = createTokenHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    session: hostSession,
  });
  // The unified interface: the page posts its offer here; the stand-in gets it as multipart with the server's key.
  const call = createCallHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    session: { instructions: 'Set by the host’s call handler.' },
    allowModels: ['gpt-realtime-2.1-mini'],
  });
  // Server-side control: a server tool answered here, the host's instructions enforced — for the unified interface,
  // and for the token path, where the page reports its call id (rvc-call) to /control/attach.
  const lookupOrder = {
    name: 'lookup_order',
    description: 'The status of an order',
    parameters: { type: 'object', properties: { order: { type: 'string' } } },
    handler: () => ({ status: 'shipped on Monday' }),
  };
  const controlled = createCallHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    session: { instructions: 'Set by the host’s call handler.' },
    control: { enforce: true, tools: [lookupOrder] },
  });
  const tokenControl = createCallControl({ apiKey: TEST_API_KEY, baseUrl: standIn.baseUrl, tools: [lookupOrder] });
  const tokenControlled = createTokenHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    session: { tools: tokenControl.sessionTools([]) },
    control: tokenControl,
  });
  // A control with no free slot: every call refused up front (fail closed).
  const full = createCallHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    control: { maxConnections: 0 },
  });
  // Each visitor (`?visitor=…`) has 3 seconds of calls a day, charged every second: the call is hung up when they end.
  const budgeted = createCallHandler({
    allowOrigins: '*',
    apiKey: TEST_API_KEY,
    baseUrl: standIn.baseUrl,
    control: {},
    limits: createLimits({
      visitor: (request) => new URL(request.url).searchParams.get('visitor') ?? undefined,
      perVisitor: { minutesPerDay: 0.05 },
      chargeEverySeconds: 1,
    }),
  });
  // Tests that type keep talking over a sentence every 5 s; the voice-turn tests get a turn every 8 s with room to answer.
  const chatty = await speakingWav('fake-mic', 'Hello, this is the test microphone speaking to the stand-in.', 1.5);
  const turns = await speakingWav('fake-mic-turns', 'Hello there. Can you hear me?', 6);
  // A token endpoint that fails the way a test names: `/token/fault/{status-401|…|hang}[~tag]`; `-once` faults
  // fail the first request of their tag, then hand out real keys.
  const servedOnce = new Set<string>();
  const tokenFaults: Record<string, (request: Request) => Response | Promise<Response>> = {
    'status-401': () =>
      json(401, { error: { message: 'Sign in to talk to us.', type: 'invalid_request_error', code: 'unauthorized' } }),
    'status-403': () =>
      json(403, {
        error: {
          message: 'This origin may not start sessions.',
          type: 'invalid_request_error',
          code: 'origin_not_allowed',
        },
      }),
    'status-429': () =>
      json(429, {
        error: { message: 'Too many sessions from this address.', type: 'rate_limit_error', code: 'rate_limited' },
      }),
    'status-500': tokenFixtures['status-500'],
    // The host's own server crashing: its framework's HTML error page, no error envelope.
    'crash-500': () =>
      new Response('<!doctype html><h1>Internal Server Error</h1>', {
        status: 500,
        headers: { 'content-type': 'text/html' },
      }),
    html: tokenFixtures.html,
    'invalid-json': tokenFixtures['invalid-json'],
    hang: (request) =>
      new Promise((resolve) => request.signal.addEventListener('abort', () => resolve(json(499, {})), { once: true })),
  };
  async function faultyToken(request: Request, name: string, tag: string): Promise<Response> {
    if (name.endsWith('-once')) {
      if (servedOnce.has(tag)) return token(request);
      servedOnce.add(tag);
      name = name.slice(0, -'-once'.length);
    }
    return tokenFaults[name]?.(request) ?? json(404, { error: { message: `no token fault named ${name}` } });
  }

  const otherSite = { origin: '' };
  // The strict policy a careful host sends, opened only to the Realtime service (here the stand-in).
  const api = new URL(standIn.baseUrl);
  // connect-src names the WebSocket's origin as well: a CSP source with http: does not match ws:.
  const strictCsp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${api.origin} ws://${api.host}; require-trusted-types-for 'script'`;

  // `no-websocket`: the policy leaves the WebSocket out; `worker`: it allows workers made from blob: URLs.
  const pagePolicy = (query: URLSearchParams) =>
    `${query.has('no-websocket') ? strictCsp.replace(` ws://${api.host}`, '') : strictCsp}${query.has('worker') ? '; worker-src blob:' : ''}`;

  const routes: Record<string, FetchHandler> = {
    '/test/pages/strict-csp.html': async (request) =>
      new Response(await readFile('test/pages/strict-csp.html'), {
        headers: {
          'content-type': 'text/html',
          'content-security-policy': pagePolicy(new URL(request.url).searchParams),
        },
      }),
    '/token': token,
    '/token/host-configured': hostConfigured,
    '/token/pcmu': pcmuHost,
    '/call': call,
    '/call/controlled': controlled,
    '/call/controlled-full': full,
    '/call/budgeted': budgeted,
    '/token/controlled': tokenControlled,
    '/control/attach': createControlHandler({ allowOrigins: '*', control: tokenControl }),
    // The unified interface on a network where ICE never connects (the stand-in's ice-never fault).
    '/call/ice-never': createCallHandler({
      allowOrigins: '*',
      apiKey: TEST_API_KEY,
      baseUrl: standIn.baseUrl.replace(/\/v1$/, '/fault/ice-never/v1'),
    }),
    '/test-config': () =>
      json(200, {
        baseUrl: standIn.baseUrl,
        otherSite: otherSite.origin,
        micRms: { chatty: chatty.rms, turns: turns.rms },
      }),
    '/fixtures/calls/non-sdp': () => json(201, { ok: true }),
    // The same spoken file, for browsers whose fake microphone takes no file (test/support/fake-microphone.ts).
    '/fake-mic/turns.wav': async () =>
      new Response(await readFile(turns.path), { headers: { 'content-type': 'audio/wav' } }),
  };
  for (const [name, make] of Object.entries(tokenFixtures)) routes[`/fixtures/token/${name}`] = make;

  // The demo pages as `npm start` serves them, on the stand-in.
  const demoPage: FetchHandler = async (request) => {
    const html = await readFile(`.${new URL(request.url).pathname}`, 'utf8').catch(() => undefined);
    if (html === undefined) return new Response('Not found', { status: 404 });
    return new Response(fillDemoPage(html, { baseUrl: standIn.baseUrl, mode: 'stand-in' }), {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  };

  async function middleware(
    ctx: { req: IncomingMessage; res: ServerResponse; path: string; respond: boolean },
    next: () => Promise<void>,
  ) {
    const fault = ctx.path.match(/^\/token\/fault\/([\w-]+)(~[\w-]+)?$/);
    const handler: FetchHandler | undefined = fault
      ? (request) => faultyToken(request, fault[1], fault[0])
      : /^\/demo\/[\w/-]+\.html$/.test(ctx.path) && !ctx.path.includes('..')
        ? demoPage
        : routes[ctx.path];
    if (!handler) return next();
    ctx.respond = false;
    await sendResponse(await handler(toRequest(ctx.req, undefined, ctx.res)), ctx.res);
  }

  // Another site (another origin) that hosts the pasted snippet: the test page frames it, as a CMS page would be framed.
  const site = createServer(
    toNodeListener(async (request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/token') return token(request);
      if (pathname.startsWith('/demo/')) return demoPage(request);
      if (/^\/dist\/[\w.-]+\.js$/.test(pathname))
        return new Response(await readFile(`.${pathname}`), { headers: { 'content-type': 'text/javascript' } });
      return new Response('Not found', { status: 404 });
    }),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.3', resolve));
  otherSite.origin = `http://127.0.0.3:${(site.address() as AddressInfo).port}`;

  const close = async () => {
    site.closeAllConnections();
    site.close();
    await standIn.close();
    await writeFile(
      `.cache/conformance-${process.env.RVC_SUITE ?? 'chromium'}.json`,
      JSON.stringify(conformance.summary()),
    );
    await writeFile(
      `.cache/client-events-${process.env.RVC_SUITE ?? 'chromium'}.json`,
      JSON.stringify(clientEvents.summary()),
    );
    // The page survived every one of them (the fuzz and hostile tests fail on a crash or an escaped error).
    tally({ eventsFuzzed: junk, crashes: 0 });
  };
  return { middleware, fakeMics: { chatty: chatty.path, turns: turns.path }, standIn, close };
}
