import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStandIn, toWav, type StandIn } from '../../src/stand-in/index.js';
import { formFields, WordPressClient } from './wordpress-client.js';
import { startWordPress, type WordPressSite } from './wordpress-site.js';

export const API_KEY = 'sk-test-WORDPRESS0123456789abcdef';
export const ADMIN_PASSWORD = 'admin-Password-2026';
export const ZIP = resolve('dist/realtime-voice-chat.zip');
export const SETTINGS_PAGE = '/wp-admin/options-general.php?page=realtime-voice-chat';
/** The smallest text that passes the routes' SDP check. */
export const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

/**
 * Nothing WordPress sends leaves this machine: a request to any host but loopback is stopped before it is resolved or
 * connected, and recorded (its URL and whether it carried an Authorization header, never the header) in an option.
 */
const OFFLINE = `<?php
add_filter('pre_http_request', function ($pre, $args, $url) {
  if (in_array(parse_url($url, PHP_URL_HOST), ['127.0.0.1', 'localhost', '[::1]'], true)) return $pre;
  $sent = get_option('rvc_test_outbound', []);
  $sent[] = ['url' => $url, 'authorized' => isset($args['headers']['Authorization'])];
  update_option('rvc_test_outbound', $sent, false);
  return new WP_Error('rvc_test_offline', 'the test site does not reach the internet');
}, 1, 3);
`;

// Watches the page's microphone tracks and peer connections, so a test can see that Stop leaves nothing running.
const WATCH_RESOURCES = () => {
  const w = window as unknown as { rvcTracks: MediaStreamTrack[]; rvcPeers: RTCPeerConnection[] };
  w.rvcTracks = [];
  w.rvcPeers = [];
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    w.rvcTracks.push(...stream.getTracks());
    return stream;
  };
  const Native = RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.rvcPeers.push(this);
    }
  };
};

export interface WordPressFixture {
  site: WordPressSite;
  standIn: StandIn;
  /** The admin, signed in. */
  admin: WordPressClient;
  /** Every answer any test saw (pages, REST answers, console lines), for the key check. */
  seen: string[];
  /** A browser tab; with `as`, signed in with that client's cookies. Every answer's text joins `seen`. */
  tab: (as?: WordPressClient) => Promise<{ context: BrowserContext; page: Page }>;
  restUrl: (route: string) => string;
  post: (
    route: string,
    init?: { origin?: string | null; body?: string; type?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; headers: Headers; text: string; json: () => RestAnswer }>;
  /** Saves the settings form as the admin would, changing `changes` (names inside the settings array). */
  saveSettings: (
    changes: Record<string, string | undefined>,
    extra?: Record<string, string>,
  ) => ReturnType<WordPressClient['request']>;
  /** Changes settings as WordPress stores them (the form is proven by its own test), e.g. to point at a stand-in fault
   * or at a URL saved before a check refused it. */
  configure: (changes: Record<string, unknown>) => void;
  setting: (name: string) => string;
}

/** A REST route's JSON answer: a minted key or an error; a test reads the fields of the one it expects. */
export interface RestAnswer {
  value: string;
  error: { code: string; message: string };
}

/**
 * The suite's WordPress: the stand-in, a fresh site (no plugin yet: the first test uploads it), the admin signed in,
 * a test filter on the plugin's authorize hook driven by an option, and Chromium with a silent microphone and only
 * loopback reachable. Registers the suite's before and after hooks.
 */
export function useWordPress(): WordPressFixture {
  let browser: Browser;
  const seen: string[] = [];
  const f = { seen } as WordPressFixture;

  before(async () => {
    if (!existsSync(ZIP)) {
      const built = spawnSync('npm', ['run', '-s', 'wordpress'], { encoding: 'utf8' });
      assert.equal(built.status, 0, `npm run wordpress failed:\n${built.stdout}\n${built.stderr}`);
    }
    f.standIn = await startStandIn({});
    f.site = await startWordPress({ adminPassword: ADMIN_PASSWORD });
    // The stand-in is on loopback, where only the plugin's development constant lets the service URL point.
    f.site.constant('REALTIME_VOICE_CHAT_ALLOW_LOCAL_SERVICE', true);
    // A host's own check through the plugin's filter, set per test through an option (unset: the filter is left alone);
    // and who a visitor is, from a test header (the filter a host behind a proxy would use).
    await writeFile(
      `${f.site.root}/wp-content/mu-plugins/test-authorize.php`,
      `<?php\nadd_filter('realtime_voice_chat_authorize', function ($allowed) { $v = get_option('rvc_test_authorize', null); return null === $v ? $allowed : json_decode($v, true); });\nadd_filter('realtime_voice_chat_visitor', function ($visitor, $request) { return $request->get_header('x-test-visitor') ?: $visitor; }, 10, 2);\n`,
    );
    await writeFile(`${f.site.root}/wp-content/mu-plugins/test-offline.php`, OFFLINE);
    f.admin = new WordPressClient(f.site.origin, seen);
    await f.admin.signIn('admin', ADMIN_PASSWORD);
    // A silent microphone: the conversation is typed, and the stand-in must hear no speech.
    await mkdir('.cache', { recursive: true });
    await writeFile('.cache/silence.wav', toWav({ samples: new Int16Array(48_000), rate: 48_000 }));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${resolve('.cache/silence.wav')}`,
        '--autoplay-policy=no-user-gesture-required',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        // Nothing but loopback: a page that reached for the internet would fail, not leak.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await f.site?.stop();
    await f.standIn?.close();
  });

  f.tab = async (as) => {
    const context = await browser.newContext();
    if (as) await context.addCookies(as.cookies());
    await context.addInitScript(WATCH_RESOURCES);
    const page = await context.newPage();
    page.on(
      'response',
      (response) =>
        void response.text().then(
          (text) => seen.push(text),
          () => {},
        ),
    );
    page.on('console', (message) => seen.push(`console: ${message.text()}`));
    return { context, page };
  };
  f.restUrl = (route) => `${f.site.origin}/?rest_route=/realtime-voice-chat/v1/${route}`;
  f.post = (route, init = {}) =>
    fetch(f.restUrl(route), {
      method: 'POST',
      body: init.body ?? '{}',
      headers: {
        'content-type': init.type ?? 'application/json',
        ...(init.origin === null ? {} : { origin: init.origin ?? f.site.origin }),
        ...init.headers,
      },
    }).then(async (response) => {
      const text = await response.text();
      seen.push(text);
      return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
    });
  f.saveSettings = async (changes, extra = {}) => {
    const fields = formFields((await f.admin.request(SETTINGS_PAGE)).text, /action="options\.php"/);
    for (const [name, value] of Object.entries(changes)) {
      const field = `realtime_voice_chat_settings[${name}]`;
      if (value === undefined) delete fields[field];
      else fields[field] = value;
    }
    return f.admin.request('/wp-admin/options.php', { form: { ...fields, ...extra } });
  };
  f.configure = (changes) =>
    void f.site.php(
      `$s = get_option('realtime_voice_chat_settings'); foreach (json_decode(${JSON.stringify(JSON.stringify(changes))}, true) as $k => $v) $s[$k] = $v; update_option('realtime_voice_chat_settings', $s);`,
    );
  f.setting = (name) => f.site.php(`echo wp_json_encode(Realtime_Voice_Chat_Options::get(${JSON.stringify(name)}));`);
  return f;
}
