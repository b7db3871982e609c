import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { carries } from '../../src/stand-in/faults/key-embeddings.js';
import { formFields, WordPressClient } from '../support/wordpress-client.js';
import { API_KEY, OFFER, SETTINGS_PAGE, useWordPress, ZIP } from '../support/wordpress-fixture.js';
import { authorizeFailsClosed, configKeyGoesOnlyToOpenAI, serviceUrlRefusesPrivateHosts } from './key-cases.js';
import { blockRendersElement, shortcodePageTalks } from './page-cases.js';
import { countsAtomically, passesOnServiceAnswers, refusesAFlood, routesAnswerLikeHandlers } from './route-cases.js';
import { COUNTERS, CONFIG_KEY, INSTRUCTIONS, SUBSCRIBER_PASSWORD } from './site-constants.js';

describe('the WordPress plugin in a real WordPress (Debian 6.1, PHP 8.2, MariaDB)', () => {
  const wp = useWordPress();
  const { seen, tab, post, saveSettings, configure, setting } = wp;
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

  it('a page with the shortcode: start, live, a typed turn answered by voice, stop, and nothing left running', () =>
    shortcodePageTalks(wp));

  it('the block, inserted through the block editor’s own data API, renders the element with its settings', () =>
    blockRendersElement(wp));
  it('the routes answer as the package’s handlers do: 405, origins, body limits, models, content types', () =>
    routesAnswerLikeHandlers(wp));

  it('passes on what the service says (status, code, Retry-After), bounds its wait, and checks its answer', () =>
    passesOnServiceAnswers(wp));

  it('the service URL refuses private, loopback and link-local hosts, when saved and again before each call', () =>
    serviceUrlRefusesPrivateHosts(wp));

  it('a key set in wp-config.php goes only to the OpenAI API, whatever the form or a saved URL says', () =>
    configKeyGoesOnlyToOpenAI(wp));

  it('a host’s authorize filter fails closed: only true lets a request through', () => authorizeFailsClosed(wp));

  it('refuses a flood with 429 and Retry-After, per visitor', () => refusesAFlood(wp));

  it('counts atomically: 40 parallel requests against a limit of 3 mint exactly 3; IPv6 by /64; no address stored; rows bounded', () =>
    countsAtomically(wp));

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
