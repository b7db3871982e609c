import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { startRuntime, type RuntimeHost } from '../support/runtime-host.js';
import { call } from '../support/werift-caller.js';
import { eventually } from '../support/eventually.js';

const PAGE = 'https://shop.example';

describe('limits and call control in Durable Objects (workerd, the Cloudflare example)', { timeout: 120_000 }, () => {
  let standIn: StandIn;
  let worker: RuntimeHost;

  before(async () => {
    standIn = await startStandIn();
    worker = await startRuntime(
      'workerd',
      'examples/cloudflare-durable-objects/src/worker.ts',
      {
        OPENAI_API_KEY: 'sk-test-OBJECTS0123456789',
        OPENAI_BASE_URL: standIn.baseUrl,
        ALLOW_ORIGINS: PAGE,
        LIMITS_SALT: 'a secret of the site',
        VISITOR_CONVERSATIONS_PER_HOUR: '4',
        SITE_CONVERSATIONS_PER_DAY: '60',
        VISITOR_MINUTES_PER_DAY: '0.1', // 6 seconds
        CHARGE_EVERY_SECONDS: '1',
      },
      { LIMITS: 'LimitCounter', CALLS: 'VoiceCalls' },
    );
  });
  after(async () => {
    await worker?.stop();
    await standIn?.close();
  });

  /** Every request at once; what each visitor (their address, as Cloudflare's edge reports it) was let through. */
  async function burst(visitors: string[], each: number) {
    const admitted = new Map<string, number>();
    const answers = await Promise.all(
      visitors.flatMap((address) =>
        Array.from({ length: each }, async () => {
          const answer = await fetch(`${worker.origin}/api/realtime/token`, {
            method: 'POST',
            headers: { origin: PAGE, 'cf-connecting-ip': address },
          });
          const body = await answer.json();
          if (answer.status === 200) admitted.set(address, (admitted.get(address) ?? 0) + 1);
          else assert.equal(answer.status, 429, `${JSON.stringify(body)}\n${worker.output()}`);
          return answer.status;
        }),
      ),
    );
    return { admitted, refused: answers.filter((status) => status === 429).length };
  }

  /** Posts an offer to the Worker's call endpoint as a visitor at `address`. */
  const via = (address: string) => (offer: string) =>
    fetch(`${worker.origin}/api/realtime/call`, {
      method: 'POST',
      headers: { origin: PAGE, 'content-type': 'application/sdp', 'cf-connecting-ip': address },
      body: offer,
    });

  it('controls a call from its own object: the server tool answered there, the call hung up when the minutes run out', async () => {
    const caller = await call(standIn, {}, via('192.0.2.7'));
    try {
      caller.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Please lookup_order A42.' }] },
      });
      caller.send({ type: 'response.create' });
      // The object ran the tool and sent its output into the call; the reply that uses it begins (and is cut off).
      const output = await caller.wait(
        (e) => e.type === 'conversation.item.added' && e.item.type === 'function_call_output',
      );
      assert.match(output.item.output, /shipped on Monday/, worker.output());
      await caller.wait(
        (e) => e.type === 'response.created' && caller.events.indexOf(e) > caller.events.indexOf(output),
      );
      await eventually(() => standIn.calls.get(caller.callId) === undefined, 'the object hung the call up', 15_000);
      const next = await via('192.0.2.7')('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
      assert.equal(next.status, 429);
      assert.equal((await next.json()).error.code, 'budget_exhausted');
    } finally {
      await caller.close();
    }
  });

  it('holds each visitor and the site to their totals under concurrent requests', async () => {
    const keys = standIn.liveKeys;
    const first = Array.from({ length: 10 }, (_, i) => `203.0.113.${i + 1}`);
    const { admitted, refused } = await burst(first, 6);
    for (const address of first) assert.equal(admitted.get(address), 4, `${address} was let through 4 times`);
    assert.equal(refused, 20);
    // Twenty more visitors, 100 requests at once: only what is left of the site's 60 (the call and 40 keys) gets through.
    const second = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`);
    const more = await burst(second, 5);
    const total = [...more.admitted.values()].reduce((sum, n) => sum + n, 0);
    assert.equal(total, 19, 'the site’s total is 60');
    assert.ok([...more.admitted.values()].every((n) => n <= 4));
    assert.equal(standIn.liveKeys - keys, 59, 'a key was minted for each admission and no other');
  });
});
