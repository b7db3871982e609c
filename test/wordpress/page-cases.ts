// The pages a visitor sees: the shortcode and the block, rendered by the plugin and talking to the stand-in.
// Each case runs in wordpress.test.ts, in order, on its one site.
import assert from 'node:assert/strict';
import { type WordPressFixture } from '../support/wordpress-fixture.js';
import { INSTRUCTIONS } from './site-constants.js';

export async function shortcodePageTalks(wp: WordPressFixture): Promise<void> {
  const { tab } = wp;
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
}

export async function blockRendersElement(wp: WordPressFixture): Promise<void> {
  const { tab } = wp;
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
}
