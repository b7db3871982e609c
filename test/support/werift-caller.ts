import assert from 'node:assert/strict';
import { MediaStreamTrack, RTCPeerConnection, type RTCDataChannel } from 'werift';
import type { StandIn } from '../../src/stand-in/index.js';

export type Event = { type: string; [key: string]: any };

/**
 * A caller built from werift (a real WebRTC peer in Node) speaking the protocol to the stand-in. `via` sends the
 * offer some other way (e.g. through a host's call handler) instead of with an ephemeral key.
 */
export async function call(standIn: StandIn, session: object = {}, via?: (offer: string) => Promise<Response>) {
  const secret = via ? undefined : await fetch(`${standIn.baseUrl}/realtime/client_secrets`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test-protocol', 'content-type': 'application/json' },
    body: JSON.stringify({ session: { type: 'realtime', ...session } }),
  }).then((r) => r.json());
  const pc = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: '127.0.0.1' }, iceAdditionalHostAddresses: ['127.0.0.1'] });
  const microphone = new MediaStreamTrack({ kind: 'audio' });
  pc.addTransceiver(microphone, { direction: 'sendrecv' });
  const channel: RTCDataChannel = pc.createDataChannel('oai-events');
  const events: Event[] = [];
  const waiters: { predicate: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  channel.onMessage.subscribe((data) => {
    const event = JSON.parse(String(data)) as Event;
    events.push(event);
    for (const waiter of [...waiters]) if (waiter.predicate(event)) waiters.splice(waiters.indexOf(waiter), 1), waiter.resolve(event);
  });
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => (pc.iceGatheringState === 'complete' ? resolve() : pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve())));
  const offer = pc.localDescription!.sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate:') || l.split(' ')[4] === '127.0.0.1').join('\r\n');
  const answer = via
    ? await via(offer)
    : await fetch(`${standIn.baseUrl}/realtime/calls`, { method: 'POST', headers: { authorization: `Bearer ${secret.value}`, 'content-type': 'application/sdp' }, body: offer });
  assert.equal(answer.status, 201);
  await pc.setRemoteDescription({ type: 'answer', sdp: await answer.text() });
  const wait = (predicate: (e: Event) => boolean) => {
    const seen = events.find(predicate);
    return seen ? Promise.resolve(seen) : new Promise<Event>((resolve) => waiters.push({ predicate, resolve }));
  };
  await wait((e) => e.type === 'session.created');
  const send = (event: object) => channel.send(JSON.stringify(event));
  return { events, wait, send, channel, microphone, callId: answer.headers.get('location')!.split('/').pop()!, close: () => pc.close() };
}

