import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call, type Event } from '../support/werift-caller.js';

const SERVER_KEY = 'sk-test-CONTROL0123456789';

/** The host server's side: a WebSocket to `?call_id=…` with the server's key, collecting what the call sends. */
async function control(standIn: StandIn, callId: string, key = SERVER_KEY) {
  const socket = new WebSocket(`${standIn.baseUrl.replace(/^http/, 'ws')}/realtime?call_id=${callId}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const events: Event[] = [];
  const waiters: { predicate: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  socket.on('message', (data) => {
    const event = JSON.parse((data as Buffer).toString()) as Event;
    events.push(event);
    for (const w of [...waiters]) {
      if (w.predicate(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const opened = await new Promise<{ ok: true } | { status: number; body: string }>((resolve) => {
    socket.once('open', () => resolve({ ok: true }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const wait = (predicate: (e: Event) => boolean) => {
    const seen = events.find(predicate);
    return seen ? Promise.resolve(seen) : new Promise<Event>((resolve) => waiters.push({ predicate, resolve }));
  };
  return {
    opened,
    events,
    wait,
    closed,
    send: (event: object) => socket.send(JSON.stringify(event)),
    close: () => socket.close(),
  };
}

const lookupOrder = {
  type: 'function',
  name: 'lookup_order',
  description: 'Looks up an order',
  parameters: { type: 'object', properties: { order: { type: 'string' } }, required: ['order'] },
};

describe('the stand-in serves a call’s control connection (/v1/realtime?call_id=…)', () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(() => standIn.close());

  it('sees the call’s events from the moment it attaches, and its client events act on the same session', async () => {
    const caller = await call(standIn, {});
    const host = await control(standIn, caller.callId);
    try {
      assert.deepEqual(host.opened, { ok: true });
      host.send({
        type: 'session.update',
        event_id: 'host_update',
        session: { type: 'realtime', instructions: 'Set by the host.' },
      });
      const updated = await caller.wait((e) => e.type === 'session.updated');
      assert.equal(updated.session.instructions, 'Set by the host.', 'the browser sees the host’s update');
      caller.send({ type: 'response.create' });
      const done = await host.wait((e) => e.type === 'response.done');
      assert.deepEqual(
        done,
        await caller.wait((e) => e.type === 'response.done'),
        'the same event, id and all, on both',
      );
      assert.ok(!host.events.some((e) => e.type === 'session.created'), 'nothing from before it attached');
    } finally {
      host.close();
      await caller.close();
    }
  });

  it('answers a function call the model makes, and the reply uses the answer; the browser sees the items only', async () => {
    const caller = await call(standIn, { tools: [lookupOrder] });
    const host = await control(standIn, caller.callId);
    try {
      caller.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Please lookup_order 42.' }] },
      });
      caller.send({ type: 'response.create' });
      const args = await host.wait((e) => e.type === 'response.function_call_arguments.done');
      host.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: args.call_id, output: JSON.stringify({ status: 'shipped' }) },
      });
      host.send({ type: 'response.create' });
      const reply = await caller.wait(
        (e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'),
      );
      assert.match(JSON.stringify(reply.response.output), /shipped/);
    } finally {
      host.close();
      await caller.close();
    }
  });

  it('refuses an ephemeral key, an unknown call and an ended call with 404 call_id_not_found; a hangup closes it', async () => {
    const minted = await (
      await fetch(`${standIn.baseUrl}/realtime/client_secrets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SERVER_KEY}`, 'content-type': 'application/json' },
        body: '{}',
      })
    ).json();
    const caller = await call(standIn, {});
    const ephemeral = await control(standIn, caller.callId, minted.value);
    assert.equal('status' in ephemeral.opened && ephemeral.opened.status, 404);
    assert.equal(JSON.parse((ephemeral.opened as { body: string }).body).error.code, 'call_id_not_found');
    const unknown = await control(standIn, 'rtc_nosuchcall');
    assert.equal('status' in unknown.opened && unknown.opened.status, 404);
    const host = await control(standIn, caller.callId);
    assert.deepEqual(host.opened, { ok: true });
    const hungUp = await fetch(`${standIn.baseUrl}/realtime/calls/${caller.callId}/hangup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SERVER_KEY}` },
    });
    assert.equal(hungUp.status, 200);
    assert.equal(await host.closed, 1000, 'the call’s end closes its control connection');
    const ended = await control(standIn, caller.callId);
    assert.equal('status' in ended.opened && ended.opened.status, 404);
    await caller.close();
  });
});
