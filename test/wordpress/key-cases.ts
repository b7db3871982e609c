// Where the site's key may go: only to the service URL's public host, or only to OpenAI for a key from wp-config.php.
// Each case runs in wordpress.test.ts, in order, on its one site.
import assert from 'node:assert/strict';
import { SETTINGS_PAGE, type WordPressFixture } from '../support/wordpress-fixture.js';
import { countingListener } from '../support/wordpress-listener.js';
import { CONFIG_KEY } from './site-constants.js';
import { DEFAULT_BASE_URL } from '../../src/core/shared.js';

export async function serviceUrlRefusesPrivateHosts(wp: WordPressFixture): Promise<void> {
  const { post, saveSettings, configure, setting } = wp;
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
}

export async function configKeyGoesOnlyToOpenAI(wp: WordPressFixture): Promise<void> {
  const { post, saveSettings, configure, setting } = wp;
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
    // The one request, to the service's own URL, stopped by the test site's pre_http_request filter before it was
    // resolved or sent (tests never reach the internet).
    assert.deepEqual(JSON.parse(wp.site.php(`echo wp_json_encode(get_option('rvc_test_outbound'));`)), [
      { url: `${DEFAULT_BASE_URL}/realtime/client_secrets`, authorized: true },
    ]);
  } finally {
    wp.site.constant('REALTIME_VOICE_CHAT_API_KEY', undefined);
    wp.site.php(`delete_option('rvc_test_outbound');`);
    configure({ base_url: wp.standIn.baseUrl });
    await listener.close();
  }
}

export async function authorizeFailsClosed(wp: WordPressFixture): Promise<void> {
  const { post } = wp;
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
}
