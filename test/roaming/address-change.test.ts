// A visitor whose phone moves from Wi-Fi to mobile data mid-call: Chromium in a network namespace of its own, its
// address taken away and, 5 s later, a new one given (test/support/roaming-namespace.ts). Run by `npm test` inside
// the test's namespace (scripts/test-namespace.sh); needs the build (bench/networks.js drives dist/).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openNetworkPage, type NetworkPage } from '../support/network-page.js';
import { GATEWAY, RoamingNamespace } from '../support/roaming-namespace.js';
import { roamMidCall } from '../support/roaming-visit.js';

describe('networks: a changed address (Wi-Fi to mobile data) mid-call', () => {
  let roaming: RoamingNamespace;
  let visitor: NetworkPage;
  let next = 2;
  before(async () => {
    roaming = await RoamingNamespace.create(`10.78.0.${next}`);
    visitor = await openNetworkPage({ host: GATEWAY, pageHost: GATEWAY, executablePath: roaming.browserWrapper() });
  });
  after(async () => {
    await visitor?.close();
    roaming?.close();
  });

  for (const transport of ['websocket', 'webrtc'])
    it(`${transport}: the old path given up, a replacement call on the new address, re-seeded, one divider`, async () => {
      const roam = await roamMidCall(visitor, roaming, transport, `10.78.0.${++next}`);
      const { heard, seen } = roam;
      console.log(`${transport} address change: reconnecting after ${roam.toldMs} ms, live ${roam.liveMs} ms after`);
      assert.equal(heard.items.at(-1)?.status, 'completed', 'the first reply whole');
      assert.deepEqual(
        roam.turn,
        { whole: 1, missed: [], dividers: 1 },
        'the replacement call answers; one divider in the conversation',
      );
      assert.equal(roam.keys, 1, 'one replacement call, with a fresh key');
      // Given up because the address went, not because 20 s passed without a word.
      assert.deepEqual(
        seen.errors.filter((e) => e.startsWith('connection_lost')),
        ["connection_lost: the device's network address changed"],
      );
      assert.deepEqual(seen.items.slice(0, heard.items.length), heard.items, 'what was said before is all there');
      assert.deepEqual(
        seen.items.slice(heard.items.length).map(({ role, text }) => `${role}: ${text.slice(0, 6)}`),
        ['divider: ', 'user: Turn 0', 'assistant: This i'],
        'the question typed once, after the divider, and answered',
      );
      assert.equal(roam.peersLeft, 0, 'no peer connection left open');
    });
});
