// The plugin's REST routes: answered as the package's handlers answer, the service's words passed on, visitors rate-limited.
// Each case runs in wordpress.test.ts, in order, on its one site.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { carries, embeddings } from '../../src/stand-in/faults/key-embeddings.js';
import { API_KEY, OFFER, type WordPressFixture } from '../support/wordpress-fixture.js';
import { COUNTERS } from './site-constants.js';

export async function routesAnswerLikeHandlers(wp: WordPressFixture): Promise<void> {
  const { post, restUrl, configure } = wp;
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
}

export async function passesOnServiceAnswers(wp: WordPressFixture): Promise<void> {
  const { post, configure } = wp;
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
}

export async function refusesAFlood(wp: WordPressFixture): Promise<void> {
  const { post, configure } = wp;
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
}

export async function countsAtomically(wp: WordPressFixture): Promise<void> {
  const { post, configure } = wp;
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
}
