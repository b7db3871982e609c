import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { carries, embeddings } from '../../src/stand-in/key-embeddings.js';
import { formFields, WordPressClient } from '../support/wordpress-client.js';
import { API_KEY, OFFER, SETTINGS_PAGE, useWordPress, ZIP } from '../support/wordpress-fixture.js';
import { countingListener } from '../support/wordpress-listener.js';

const SUBSCRIBER_PASSWORD = 'subscriber-Password-2026';
const INSTRUCTIONS = 'Answer like a lighthouse keeper.';
/** The key a site owner puts in wp-config.php, which administrators cannot see. */
const CONFIG_KEY = 'sk-test-CONFIGFILE0123456789abcdef';
const COUNTERS = 'wp_realtime_voice_chat_counters';

describe('the WordPress plugin in a real WordPress (Debian 6.1, PHP 8.2, MariaDB)', () => {
  const wp = useWordPress();
  const { seen, tab, post, restUrl, saveSettings, configure, setting } = wp;
  it('installs from its zip through Plugins → Add New → Upload, and activates from the Plugins screen', async () => {
    const form = formFields((await wp.admin.request('/wp-admin/plugin-install.php?tab=upload')).text, /upload-plugin/);
    const upload = new FormData();
    for (const [name, value] of Object.entries(form)) upload.set(name, value);
    upload.set('pluginzip', new Blob([await readFile(ZIP)], { type: 'application/zip' }), 'realtime-voice-chat.zip');
    const installed = await wp.admin.request('/wp-admin/update.php?action=upload-plugin', { upload });
    assert.match(installed.text, /Plugin installed successfully/);
    const plugins = await wp.admin.request('/wp-admin/plugins.php');
    const link = plugins.text.match(
      /href="(plugins\.php\?action=activate&amp;plugin=realtime-voice-chat%2Frealtime-voice-chat\.php[^"]*)"/,
    )?.[1];
    assert.ok(link, 'the Plugins screen offers to activate the plugin');
    const activated = await wp.admin.request(`/wp-admin/${link.replace(/&amp;/g, '&')}`);
    assert.match(activated.text, /Plugin activated/);
    assert.match(activated.text, /options-general\.php\?page=realtime-voice-chat">Settings</);
  });

  it('saves its settings through the real settings form; the key is never printed back', async () => {
    const saved = await saveSettings(
      {
        voice: 'cedar',
        instructions: INSTRUCTIONS,
        base_url: wp.standIn.baseUrl,
        rate_limit: '5',
        allowed_origins: 'https://shop.example\nnot an origin',
      },
      { realtime_voice_chat_api_key: API_KEY },
    );
    assert.match(saved.url, /settings-updated=true/);
    assert.match(saved.text, /Settings saved/);
    assert.equal(wp.site.php(`echo get_option('realtime_voice_chat_api_key');`), API_KEY);
    assert.deepEqual(
      [JSON.parse(setting('voice')), JSON.parse(setting('instructions')), JSON.parse(setting('allowed_origins'))],
      ['cedar', INSTRUCTIONS, 'https://shop.example'],
    );
    assert.match(saved.text, /A key is saved\. It is never shown again/);
    assert.match(saved.text, /Visitors can change the instructions of their own session/);
    // Saving again with the key field left empty keeps the key; a value that is not a key is refused and keeps it too.
    await saveSettings({ voice: 'marin' });
    const refused = await saveSettings({ voice: 'cedar' }, { realtime_voice_chat_api_key: 'not-a-key' });
    assert.match(refused.text, /That is not an OpenAI API key/);
    assert.equal(wp.site.php(`echo get_option('realtime_voice_chat_api_key');`), API_KEY);
    assert.equal(
      wp.site.php(
        `$o = wp_load_alloptions(); echo isset($o['realtime_voice_chat_api_key']) ? 'autoloaded' : 'not autoloaded';`,
      ),
      'not autoloaded',
    );
  });

  it('refuses the settings to a subscriber and to a form without its nonce', async () => {
    const form = formFields((await wp.admin.request('/wp-admin/user-new.php')).text, /id="createuser"/);
    const created = await wp.admin.request('/wp-admin/user-new.php', {
      form: {
        ...form,
        action: 'createuser',
        user_login: 'visitor',
        email: 'visitor@example.test',
        pass1: SUBSCRIBER_PASSWORD,
        pass2: SUBSCRIBER_PASSWORD,
        pw_weak: 'on',
        role: 'subscriber',
        send_user_notification: '0',
        createuser: 'Add New User',
      },
    });
    assert.match(created.url, /users\.php/);
    const subscriber = new WordPressClient(wp.site.origin, seen);
    await subscriber.signIn('visitor', SUBSCRIBER_PASSWORD);
    const page = await subscriber.request(SETTINGS_PAGE);
    assert.equal(page.status, 403);
    assert.doesNotMatch(page.text, /realtime_voice_chat_settings/);
    // The admin's own form, nonce and all, posted with the subscriber's cookies.
    const fields = formFields((await wp.admin.request(SETTINGS_PAGE)).text, /action="options\.php"/);
    const forged = await subscriber.request('/wp-admin/options.php', {
      form: { ...fields, 'realtime_voice_chat_settings[instructions]': 'Hijacked.' },
    });
    assert.equal(forged.status, 403);
    // The admin's cookies with the nonce left out (a cross-site form).
    const { _wpnonce, ...unsigned } = fields;
    assert.ok(_wpnonce);
    const noNonce = await wp.admin.request('/wp-admin/options.php', {
      form: { ...unsigned, 'realtime_voice_chat_settings[instructions]': 'Hijacked.' },
    });
    assert.equal(noNonce.status, 403);
    assert.match(noNonce.text, /link you followed has expired/);
    assert.equal(JSON.parse(setting('instructions')), INSTRUCTIONS);
  });

  it('a page with the shortcode: start, live, a typed turn answered by voice, stop, and nothing left running', async () => {
    const id = wp.site.php(
      `echo wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Talk to us', 'post_content' => '[realtime_voice_chat lang="en" layout="full" theme="dark" voice="nope\\" onmouseover=\\"alert(1)"]']);`,
    );
    const { context, page } = await tab();
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(request.url()));
    await page.goto(`${wp.site.origin}/?page_id=${id}`);
    const tag = page.locator('realtime-voice-chat');
    assert.equal(await tag.getAttribute('theme'), 'dark');
    assert.equal(await tag.getAttribute('voice'), null, 'a voice the element does not know is left out, not printed');
    assert.equal(
      await page.locator('script[type=module][src*="realtime-voice-chat/assets/realtime-voice-chat.js"]').count(),
      1,
    );
    const created = page.evaluate(
      () =>
        new Promise<unknown>((resolve) =>
          document.querySelector('realtime-voice-chat')!.addEventListener('rvc-server-event', (e) => {
            const { event } = (e as CustomEvent).detail;
            if (event.type === 'session.created') resolve(event.session);
          }),
        ),
    );
    await page.locator('realtime-voice-chat [part~=start-button]').click();
    await page.waitForFunction(
      () => (document.querySelector('realtime-voice-chat') as unknown as { state: string }).state === 'live',
    );
    const session = (await created) as { instructions: string; audio: { output: { voice: string } } };
    assert.deepEqual(
      [session.instructions, session.audio.output.voice],
      [INSTRUCTIONS, 'cedar'],
      'the session has the settings saved in the form',
    );
    await page.locator('realtime-voice-chat [part~=input]').fill('What time does the lighthouse open?');
    await page.locator('realtime-voice-chat [part~=send-button]').click();
    await page.waitForFunction(
      () =>
        (
          document.querySelector('realtime-voice-chat') as unknown as {
            conversation: { role: string; status: string }[];
          }
        ).conversation.some((i) => i.role === 'assistant' && i.status === 'completed'),
      undefined,
      { timeout: 20_000 },
    );
    const heard = await page.evaluate(async () => {
      const stats = await (window as unknown as { rvcPeers: RTCPeerConnection[] }).rvcPeers[0].getStats();
      return [...stats.values()].find((s) => s.type === 'inbound-rtp' && s.kind === 'audio')?.totalAudioEnergy ?? 0;
    });
    assert.ok(heard > 0, 'the reply was heard');
    // The session code came as lazy chunks from the plugin's own folder.
    assert.ok(
      loaded.some((url) =>
        /\/wp-content\/plugins\/realtime-voice-chat\/assets\/realtime-voice-chat-session-entry\.js$/.test(url),
      ),
      loaded.filter((u) => u.includes('assets')).join('\n'),
    );
    await page.locator('realtime-voice-chat [part~=stop-button]').click();
    const left = await page.evaluate(() => {
      const w = window as unknown as { rvcTracks: MediaStreamTrack[]; rvcPeers: RTCPeerConnection[] };
      return {
        state: (document.querySelector('realtime-voice-chat') as unknown as { state: string }).state,
        tracks: w.rvcTracks.map((t) => t.readyState),
        peers: w.rvcPeers.map((p) => p.connectionState),
      };
    });
    assert.equal(left.state, 'ended');
    assert.ok(
      left.tracks.length > 0 && left.tracks.every((s) => s === 'ended'),
      `microphone released: ${left.tracks.join(',')}`,
    );
    assert.ok(
      left.peers.length > 0 && left.peers.every((s) => s === 'closed'),
      `connection closed: ${left.peers.join(',')}`,
    );
    await context.close();
  });

  it('the block, inserted through the block editor’s own data API, renders the element with its settings', async () => {
    const { context, page } = await tab(wp.admin);
    await page.goto(`${wp.site.origin}/wp-admin/post-new.php`);
    await page.waitForFunction(
      () => {
        const wp = (window as unknown as { wp?: { blocks?: { getBlockType(name: string): unknown } } }).wp;
        return !!wp?.blocks?.getBlockType('realtime-voice-chat/voice-chat');
      },
      undefined,
      { timeout: 60_000 },
    );
    const link = await page.evaluate(async () => {
      const { wp } = window as unknown as {
        wp: {
          blocks: { createBlock(name: string, attributes: Record<string, string>): unknown };
          data: {
            dispatch(store: string): {
              insertBlocks(blocks: unknown): void;
              editPost(edits: Record<string, string>): void;
              savePost(): Promise<void>;
            };
            select(store: string): { getPermalink(): string };
          };
        };
      };
      wp.data.dispatch('core/block-editor').insertBlocks(
        wp.blocks.createBlock('realtime-voice-chat/voice-chat', {
          layout: 'compact',
          voice: 'marin',
          lang: 'ja',
          transport: 'websocket',
        }),
      );
      wp.data.dispatch('core/editor').editPost({ title: 'Voice help', status: 'publish' });
      await wp.data.dispatch('core/editor').savePost();
      return wp.data.select('core/editor').getPermalink();
    });
    await page.goto(link);
    const tag = page.locator('.wp-block-realtime-voice-chat-voice-chat realtime-voice-chat');
    assert.deepEqual(
      await tag.evaluate((el) => ['layout', 'voice', 'lang', 'transport'].map((a) => el.getAttribute(a))),
      ['compact', 'marin', 'ja', 'websocket'],
    );
    // The element is defined and speaks Japanese, from the plugin's own files.
    await page.waitForFunction(
      () =>
        document
          .querySelector('realtime-voice-chat')
          ?.shadowRoot?.querySelector('[part~=start-button]')
          ?.textContent?.trim() === '会話を開始',
    );
    await context.close();
  });
  it('the routes answer as the package’s handlers do: 405, origins, body limits, models, content types', async () => {
    configure({ rate_limit: 0 });
    const get = await fetch(restUrl('token'), { headers: { origin: wp.site.origin } });
    assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST']);
    const codes = async (answer: Promise<{ status: number; json: () => { error: { code: string } } }>) => {
      const { status, json } = await answer;
      return [status, json().error.code];
    };
    assert.deepEqual(await codes(post('token', { origin: null })), [403, 'origin_not_allowed']);
    assert.deepEqual(await codes(post('token', { origin: 'https://evil.example' })), [403, 'origin_not_allowed']);
    const listed = await post('token', { origin: 'https://shop.example' });
    assert.equal(listed.status, 200);
    assert.match(listed.json().value, /^ek_/);
    assert.equal(listed.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await codes(post('token', { body: JSON.stringify({ model: 'x'.repeat(20_000) }) })), [
      413,
      'body_too_large',
    ]);
    const model = await post('token', { body: JSON.stringify({ model: `gpt-evil ${API_KEY}` }) });
    assert.deepEqual([model.status, model.json().error.code], [400, 'model_not_allowed']);
    assert.ok(!model.text.includes(API_KEY.slice(3)), 'a key in what the visitor sent is not echoed');
    assert.deepEqual(await codes(post('call', { body: OFFER, type: 'text/plain' })), [415, 'invalid_content_type']);
    assert.deepEqual(await codes(post('call', { body: '<html>', type: 'application/sdp' })), [400, 'invalid_offer']);
    assert.deepEqual(await codes(post('call', { body: OFFER + 'a=x\r\n'.repeat(20_000), type: 'application/sdp' })), [
      413,
      'offer_too_large',
    ]);
  });

  it('passes on what the service says (status, code, Retry-After), bounds its wait, and checks its answer', async () => {
    const fault = (name: string) =>
      configure({ base_url: `${wp.standIn.baseUrl.replace(/\/v1$/, '')}/fault/${name}/v1`, timeout: 1 });
    try {
      fault('busy-429');
      const busy = await post('token');
      assert.deepEqual(
        [
          busy.status,
          busy.json().error.code,
          busy.headers.get('retry-after'),
          busy.headers.get('x-ratelimit-remaining-requests'),
        ],
        [429, 'rate_limit_exceeded', '7', '0'],
      );
      // The visitor reads a generic message; what the service said is in the administrators' error log.
      assert.equal(busy.json().error.message, 'the Realtime API is busy; try again later');
      assert.match(
        wp.site.logs(),
        /Realtime Voice Chat: POST \/realtime\/client_secrets answered HTTP 429: .*Rate limit reached for requests/,
      );
      fault('empty-400');
      const empty = await post('token');
      assert.deepEqual([empty.status, empty.json().error.code], [400, 'upstream_error']);
      fault('calls-non-sdp');
      const notSdp = await post('call', { body: OFFER, type: 'application/sdp' });
      assert.deepEqual([notSdp.status, notSdp.json().error.code], [502, 'upstream_invalid']);
      fault('secrets-hang');
      const hung = await post('token');
      assert.deepEqual([hung.status, hung.json().error.code], [504, 'upstream_timeout']);
    } finally {
      configure({ base_url: wp.standIn.baseUrl, timeout: 10 });
    }
    // What the service's error text may carry, redacted by the same rule as the package's (thousands of embeddings).
    const texts = embeddings(API_KEY, 2000, 7);
    await writeFile('.cache/wordpress-embeddings.json', JSON.stringify(texts));
    const redacted = JSON.parse(
      wp.site.php(
        `echo wp_json_encode(array_map(array('Realtime_Voice_Chat_Redact', 'text'), json_decode(file_get_contents(${JSON.stringify(resolve('.cache/wordpress-embeddings.json'))}), true)));`,
      ),
    ) as string[];
    assert.equal(redacted.length, texts.length);
    assert.deepEqual(
      redacted.filter((text) => carries(text, API_KEY.slice(3))),
      [],
    );
  });

  it('the service URL refuses private, loopback and link-local hosts, when saved and again before each call', async () => {
    // With the development constant, a loopback name works: the call is pinned to the address it resolved to.
    configure({ base_url: wp.standIn.baseUrl.replace('127.0.0.1', 'localhost'), rate_limit: 0 });
    assert.equal((await post('token')).status, 200);
    configure({ base_url: wp.standIn.baseUrl });
    // Without the development constant, as on a real site. Saving sends nothing: no traffic leaves loopback.
    wp.site.constant('REALTIME_VOICE_CHAT_ALLOW_LOCAL_SERVICE', undefined);
    const listener = await countingListener();
    try {
      const refused: Record<string, string> = {
        'https://127.0.0.1/v1': 'its host is at 127.0.0.1,',
        'https://169.254.169.254/v1': 'its host is at 169.254.169.254,',
        'https://10.0.0.1/v1': 'its host is at 10.0.0.1,',
        'https://[::1]/v1': 'its host is at ::1,',
        'https://localhost/v1': 'its host is at 127.0.0.1,',
        'https://2130706433/v1': 'its host is at 127.0.0.1,',
        'https://[::ffff:169.254.169.254]/v1': 'its host is at ::ffff:169.254.169.254,',
        'https://[fd00::1]/v1': 'its host is at fd00::1,',
        [listener.url]: 'it must be an https URL on the standard port',
        'https://user:secret@203.0.113.7/v1': 'it must be an https URL on the standard port',
      };
      for (const [url, why] of Object.entries(refused)) {
        const saved = await saveSettings({ base_url: url });
        assert.ok(saved.text.includes(`The service URL was not changed: ${why}`), `${url} is refused: ${why}`);
        assert.equal(JSON.parse(setting('base_url')), wp.standIn.baseUrl, `${url} was not saved`);
      }
      // A public address is still the owner's choice while the key is not wp-config.php's.
      const publicUrl = await saveSettings({ base_url: 'https://203.0.113.7/v1' });
      assert.doesNotMatch(publicUrl.text, /The service URL was not changed/);
      assert.equal(JSON.parse(setting('base_url')), 'https://203.0.113.7/v1');
      // A URL saved before (or a name whose DNS changed since) is checked again before each call: nothing is sent.
      configure({ base_url: listener.url, rate_limit: 0 });
      const call = await post('token');
      assert.deepEqual(
        [call.status, call.json().error.code, call.json().error.message],
        [502, 'upstream_unreachable', 'the Realtime API could not be reached'],
      );
      configure({ base_url: 'https://localhost/v1' });
      assert.equal((await post('token')).status, 502);
      assert.equal(listener.connections(), 0, 'nothing reached the listener');
      assert.match(
        wp.site.logs(),
        /the service URL https:\/\/localhost\/v1 was refused \(not_public: 127\.0\.0\.1\); nothing was sent/,
      );
      // Every form of address the check knows, IPv4 and IPv6, without a network.
      const classes = JSON.parse(
        wp.site.php(
          `echo wp_json_encode(array_map(array('Realtime_Voice_Chat_Addresses', 'is_public'), ['8.8.8.8', '2606:4700::1111', '100.64.0.1', '172.16.0.1', '192.168.1.1', '0.0.0.0', '255.255.255.255', '::', '::ffff:127.0.0.1', '2002:7f00:1::1', '64:ff9b::a9fe:a9fe', 'fe80::1', 'ff02::1', 'not an address']));`,
        ),
      );
      assert.deepEqual(classes, [
        true,
        true,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
    } finally {
      wp.site.constant('REALTIME_VOICE_CHAT_ALLOW_LOCAL_SERVICE', true);
      configure({ base_url: wp.standIn.baseUrl });
      await listener.close();
    }
  });

  it('a key set in wp-config.php goes only to the OpenAI API, whatever the form or a saved URL says', async () => {
    // The development constant stays set: it does not apply to a key administrators cannot see.
    wp.site.constant('REALTIME_VOICE_CHAT_API_KEY', CONFIG_KEY);
    wp.site.php(`delete_option('rvc_test_outbound');`);
    const listener = await countingListener();
    try {
      const page = await wp.admin.request(SETTINGS_PAGE);
      assert.match(page.text, /Fixed to the OpenAI API while the API key is set in wp-config\.php/);
      assert.doesNotMatch(page.text, /name="realtime_voice_chat_settings\[base_url\]"/);
      const forged = await saveSettings({ base_url: listener.url });
      assert.match(
        forged.text,
        /The service URL was not changed: while the API key is set in wp-config\.php, calls go only to the OpenAI API/,
      );
      assert.equal(JSON.parse(setting('base_url')), wp.standIn.baseUrl);
      // A URL saved before the key moved to wp-config.php is ignored, by the calls and by the pages.
      configure({ base_url: listener.url, rate_limit: 0 });
      assert.match(
        wp.site.php(`echo Realtime_Voice_Chat_Embed::tag(array());`),
        / base-url="https:\/\/api\.openai\.com\/v1"/,
      );
      const answer = await post('token');
      assert.deepEqual([answer.status, answer.json().error.code], [502, 'upstream_unreachable']);
      assert.equal(listener.connections(), 0, 'nothing reached the listener');
      // The one request, stopped by the test site before it was resolved or sent (tests never reach the internet).
      assert.deepEqual(JSON.parse(wp.site.php(`echo wp_json_encode(get_option('rvc_test_outbound'));`)), [
        { url: 'https://api.openai.com/v1/realtime/client_secrets', authorized: true },
      ]);
    } finally {
      wp.site.constant('REALTIME_VOICE_CHAT_API_KEY', undefined);
      wp.site.php(`delete_option('rvc_test_outbound');`);
      configure({ base_url: wp.standIn.baseUrl });
      await listener.close();
    }
  });

  it('a host’s authorize filter fails closed: only true lets a request through', async () => {
    const answers: Record<string, number> = {};
    try {
      for (const value of ['null', '"yes"', '1', '{"allow":true}', 'true']) {
        wp.site.php(`update_option('rvc_test_authorize', ${JSON.stringify(value)});`);
        answers[value] = (await post('token')).status;
      }
    } finally {
      wp.site.php(`delete_option('rvc_test_authorize');`);
    }
    assert.deepEqual(answers, { null: 401, '"yes"': 401, '1': 401, '{"allow":true}': 401, true: 200 });
  });

  it('refuses a flood with 429 and Retry-After, per visitor', async () => {
    const clearCounters = () => wp.site.php(`global $wpdb; $wpdb->query("DELETE FROM ${COUNTERS}");`);
    clearCounters();
    configure({ rate_limit: 3 });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await post('token'));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 429, 429, 429],
    );
    const wait = Number(answers[3].headers.get('retry-after'));
    assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${wait}`);
    assert.equal(answers[3].json().error.code, 'rate_limited');
    clearCounters();
  });

  it('counts atomically: 40 parallel requests against a limit of 3 mint exactly 3; IPv6 by /64; no address stored; rows bounded', async () => {
    const sql = (query: string) =>
      wp.site.php(`global $wpdb; echo wp_json_encode($wpdb->get_results("${query}", ARRAY_N));`);
    sql(`DELETE FROM ${COUNTERS}`);
    configure({ rate_limit: 3 });
    const parallel = await Promise.all(Array.from({ length: 40 }, () => post('token')));
    const tally = (answers: { status: number }[]) =>
      answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});
    assert.deepEqual(tally(parallel), { 200: 3, 429: 37 });
    const [[visitor, hits]] = JSON.parse(sql(`SELECT visitor, hits FROM ${COUNTERS}`)) as [string, string][];
    assert.match(visitor, /^[0-9a-f]{64}$/, 'a salted hash, not the address');
    assert.equal(hits, '40');
    // An IPv6 subscriber's addresses all count as their /64 (the visitor filter gives the address, as behind a proxy).
    const as = (address: string) => post('token', { headers: { 'x-test-visitor': address } }).then((a) => a.status);
    const v6 = [];
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2::2',
      '2001:db8:1:2:ffff::3',
      '2001:db8:1:2:abcd::4',
      '2001:db8:1:3::1',
    ])
      v6.push(await as(address));
    assert.deepEqual(v6, [200, 200, 200, 429, 200]);
    // A table over its bound refuses visitors not counted yet; those counted keep their allowance.
    sql(
      `INSERT INTO ${COUNTERS} (visitor, hits, window_end) SELECT LPAD(HEX(seq), 64, '0'), 1, UNIX_TIMESTAMP() + 3600 FROM seq_1_to_50000`,
    );
    assert.deepEqual([await as('198.51.100.7'), await as('2001:db8:1:3::99')], [429, 200]);
    // Expired windows are deleted, a batch as each new visitor comes, and all of them with WordPress's daily clean-up.
    sql(`UPDATE ${COUNTERS} SET window_end = 1 WHERE visitor LIKE '0000%'`);
    const rows = () => Number(JSON.parse(sql(`SELECT COUNT(*) FROM ${COUNTERS}`))[0][0]);
    assert.equal(await as('198.51.100.7'), 200);
    assert.equal(rows(), 50_000 - 1000 + 4);
    wp.site.php(`do_action('delete_expired_transients');`);
    assert.equal(rows(), 4);
    sql(`DELETE FROM ${COUNTERS}`);
  });

  it('with “signed-in users only”: signed-out visitors see no chat and are refused; signed-in ones talk', async () => {
    configure({ signed_in_only: true, rate_limit: 0 });
    try {
      const id = wp.site.php(
        `echo wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Members', 'post_content' => '[realtime_voice_chat]']);`,
      );
      const visitor = await new WordPressClient(wp.site.origin, seen).request(`/?page_id=${id}`);
      assert.doesNotMatch(visitor.text, /<realtime-voice-chat|realtime-voice-chat\/assets/);
      assert.deepEqual(
        [(await post('token')).status, (await post('call', { body: OFFER, type: 'application/sdp' })).status],
        [401, 401],
      );
      const page = await wp.admin.request(`/?page_id=${id}`);
      const endpoint = page.text.match(/token-endpoint="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(endpoint?.includes('_wpnonce='), 'a signed-in page carries a REST nonce');
      const minted = await wp.admin.request(endpoint!, {
        method: 'POST',
        body: '{}',
        headers: { origin: wp.site.origin, 'content-type': 'application/json' },
      });
      assert.equal(minted.status, 200);
      assert.match(JSON.parse(minted.text).value, /^ek_/);
    } finally {
      configure({ signed_in_only: false });
    }
  });

  it('the floating button shows where the settings say, and the script loads only on pages that show the chat', async () => {
    const hello = '/?p=1';
    assert.doesNotMatch((await wp.admin.request(hello)).text, /realtime-voice-chat\/assets/);
    await saveSettings({ launcher: 'all' });
    const page = (await new WordPressClient(wp.site.origin, seen).request(hello)).text;
    assert.match(page, /<realtime-voice-chat [^>]*layout="floating"/);
    assert.match(page, /<script type="module" src=["'][^"']*realtime-voice-chat\/assets\/realtime-voice-chat\.js/);
    await saveSettings({ launcher: 'pages', launcher_pages: '999' });
    assert.doesNotMatch((await new WordPressClient(wp.site.origin, seen).request(hello)).text, /<realtime-voice-chat/);
    await saveSettings({ launcher: 'none' });
  });

  it('speaks Japanese: the settings page, the block’s settings in the editor, and the privacy text', async () => {
    wp.site.php(`update_user_meta(1, 'locale', 'ja');`);
    try {
      const settings = await wp.admin.request(SETTINGS_PAGE);
      assert.match(settings.text, /<h1>音声チャット<\/h1>/);
      assert.match(settings.text, /キーは保存済みです/);
      const { context, page } = await tab(wp.admin);
      await page.goto(`${wp.site.origin}/wp-admin/post-new.php`);
      await page.waitForFunction(
        () =>
          !!(window as unknown as { wp?: { blocks?: { getBlockType(n: string): unknown } } }).wp?.blocks?.getBlockType(
            'realtime-voice-chat/voice-chat',
          ),
        undefined,
        { timeout: 60_000 },
      );
      const [label, title] = await page.evaluate(() => {
        const { wp } = window as unknown as {
          wp: {
            i18n: { __(text: string, domain: string): string };
            blocks: { getBlockType(n: string): { title: string } };
          };
        };
        return [
          wp.i18n.__('Voice chat settings', 'realtime-voice-chat'),
          wp.blocks.getBlockType('realtime-voice-chat/voice-chat').title,
        ];
      });
      assert.deepEqual([label, title], ['音声チャットの設定', '音声チャット']);
      await context.close();
      const guide = await wp.admin.request('/wp-admin/privacy-policy-guide.php');
      assert.match(guide.text, /Realtime Voice Chat/);
      assert.match(guide.text, /OpenAI/);
    } finally {
      wp.site.php(`delete_user_meta(1, 'locale');`);
    }
  });

  it('the API key appears in no page, REST answer, browser console or log', () => {
    assert.ok(seen.length > 50, `answers seen: ${seen.length}`);
    for (const secret of [API_KEY.slice(3), CONFIG_KEY.slice(3)]) {
      assert.deepEqual(
        seen.filter((text) => carries(text, secret)).map((text) => text.slice(0, 200)),
        [],
      );
      assert.equal(carries(wp.site.logs(), secret), false, 'PHP and WordPress logs');
    }
    // And the plugin itself raised no PHP warning, notice or deprecation (WordPress 6.1 on PHP 8.2 raises its own).
    assert.deepEqual(
      wp.site
        .logs()
        .split('\n')
        .filter(
          (line) =>
            /PHP (Warning|Notice|Deprecated|Fatal|Parse)/.test(line) && line.includes('plugins/realtime-voice-chat/'),
        ),
      [],
    );
  });

  it('uninstalling from the Plugins screen removes its settings, key and counter table', async () => {
    configure({ rate_limit: 3 });
    assert.equal((await post('token')).status, 200);
    const counters = () => wp.site.php(`global $wpdb; echo $wpdb->get_var("SELECT COUNT(*) FROM ${COUNTERS}");`);
    assert.ok(Number(counters()) > 0, 'a visitor was counted');
    const plugins = async () => (await wp.admin.request('/wp-admin/plugins.php')).text;
    const deactivate = (await plugins()).match(
      /href="(plugins\.php\?action=deactivate&amp;plugin=realtime-voice-chat%2Frealtime-voice-chat\.php[^"]*)"/,
    )?.[1];
    assert.ok(deactivate);
    await wp.admin.request(`/wp-admin/${deactivate.replace(/&amp;/g, '&')}`);
    const remove = (await plugins()).match(
      /href="(plugins\.php\?action=delete-selected&amp;checked%5B0%5D=realtime-voice-chat%2Frealtime-voice-chat\.php[^"]*)"/,
    )?.[1];
    assert.ok(remove, 'the Plugins screen offers to delete it');
    const confirm = await wp.admin.request(`/wp-admin/${remove.replace(/&amp;/g, '&')}`);
    // Without the Plugins screen's script, WordPress asks on a page of its own: "Yes, delete these files".
    const action = confirm.text.match(
      /<form method="post" action="([^"]*)"[^>]*>\s*<input type="hidden" name="verify-delete"/,
    )?.[1];
    assert.ok(action, 'the confirmation form');
    await wp.admin.request(action.replace(/&amp;/g, '&').replace(/&#038;/g, '&'), {
      form: formFields(confirm.text, /name="verify-delete"/),
    });
    assert.equal(
      existsSync(`${wp.site.root}/wp-content/plugins/realtime-voice-chat`),
      false,
      'the plugin’s files are gone',
    );
    assert.equal(
      wp.site.php(
        `echo wp_json_encode([get_option('realtime_voice_chat_settings', null), get_option('realtime_voice_chat_api_key', null), get_option('realtime_voice_chat_db_version', null)]);`,
      ),
      '[null,null,null]',
    );
    assert.equal(
      wp.site.php(`global $wpdb; echo wp_json_encode($wpdb->get_var("SHOW TABLES LIKE '${COUNTERS}'"));`),
      'null',
      'the counter table is dropped',
    );
  });
});
