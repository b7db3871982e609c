import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { CallTarget, Event } from './werift-caller.js';

/** How the socket authenticates: a browser's subprotocols with an ephemeral key (default) or a server's header. */
export type SocketAuth =
  | { kind: 'ephemeral'; session?: object }
  | { kind: 'header'; key?: string }
  | { kind: 'protocols'; protocols: string[] };

/**
 * A caller over the Realtime WebSocket (`ws` in Node), as a browser's WebSocket transport speaks it: subprotocols
 * `realtime` and `openai-insecure-api-key.<ek_…>`, audio as base64 PCM16 in events. Resolves once the socket opened.
 */
export async function socketCall(target: CallTarget, auth: SocketAuth = { kind: 'ephemeral' }, query = '') {
  const { baseUrl, apiKey = 'sk-test-protocol' } = target;
  let protocols: string[] = [];
  let headers: Record<string, string> = {};
  let model = 'gpt-realtime-2.1';
  if (auth.kind === 'ephemeral') {
    const response = await fetch(`${baseUrl}/realtime/client_secrets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ session: { type: 'realtime', ...auth.session } }),
    });
    const secret = await response.json();
    assert.equal(response.status, 200, JSON.stringify(secret));
    protocols = ['realtime', `openai-insecure-api-key.${secret.value}`];
    model = secret.session.model;
  } else if (auth.kind === 'header') headers = { authorization: `Bearer ${auth.key ?? apiKey}` };
  else protocols = auth.protocols;
  const url = `${baseUrl.replace(/^http/, 'ws')}/realtime${query || `?model=${model}`}`;
  const socket = new WebSocket(url, protocols, { headers });
  const events: Event[] = [];
  const waiters: { predicate: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  socket.on('message', (data) => {
    const event = JSON.parse((data as Buffer).toString()) as Event;
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const wait = (predicate: (e: Event) => boolean) => {
    const seen = events.find(predicate);
    return seen ? Promise.resolve(seen) : new Promise<Event>((resolve) => waiters.push({ predicate, resolve }));
  };
  const send = (event: Event | object) => socket.send(JSON.stringify(event));
  /** Sends `pcm` (24 kHz PCM16) as appends of `chunkMs`, in real time when `paced`. */
  const speak = async (pcm: Int16Array, chunkMs = 40, paced = false) => {
    const step = 24 * chunkMs;
    for (let i = 0; i < pcm.length; i += step) {
      const chunk = pcm.subarray(i, i + step);
      send({
        type: 'input_audio_buffer.append',
        audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'),
      });
      if (paced) await new Promise((resolve) => setTimeout(resolve, chunkMs));
    }
  };
  return { socket, events, wait, send, speak, closed, protocol: socket.protocol, close: () => socket.close(1000) };
}
