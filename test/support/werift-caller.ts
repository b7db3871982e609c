import assert from 'node:assert/strict';
import { MediaStreamTrack, RTCPeerConnection, type RTCDataChannel } from 'werift';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wire event's fields are read loosely across the tests (see the test/** rule overrides); unknown would need a cast at every read
export type Event = { type: string; [key: string]: any };

/** Where to call: a base URL (the stand-in's, or the real service's) and the standard key that mints ephemeral keys. */
export interface CallTarget {
  baseUrl: string;
  /** A standard key; any `sk-` key works on the stand-in. */
  apiKey?: string;
  /** Offer only loopback candidates (the stand-in); off for a service on the internet. */
  loopback?: boolean;
}

/**
 * A caller built from werift (a real WebRTC peer in Node) speaking the protocol to a Realtime service. `via` sends the
 * offer some other way (e.g. through a host's call handler) instead of with an ephemeral key. `onSend`/`onEvent` see
 * every client and server event (the live check records them).
 */
export async function call(
  target: CallTarget,
  session: object = {},
  via?: (offer: string) => Promise<Response>,
  watch: { onEvent?: (e: Event) => void; onSend?: (e: Event) => void } = {},
) {
  const { baseUrl, apiKey = 'sk-test-protocol', loopback = true } = target;
  const secret = via
    ? undefined
    : await fetch(`${baseUrl}/realtime/client_secrets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ session: { type: 'realtime', ...session } }),
      }).then(async (r) => {
        const body = await r.json();
        assert.equal(r.status, 200, JSON.stringify(body));
        return body;
      });
  const pc = new RTCPeerConnection(
    loopback
      ? {
          iceServers: [],
          iceUseIpv6: false,
          iceInterfaceAddresses: { udp4: '127.0.0.1' },
          iceAdditionalHostAddresses: ['127.0.0.1'],
        }
      : {},
  );
  const microphone = new MediaStreamTrack({ kind: 'audio' });
  pc.addTransceiver(microphone, { direction: 'sendrecv' });
  const channel: RTCDataChannel = pc.createDataChannel('oai-events');
  const events: Event[] = [];
  const waiters: { predicate: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  channel.onMessage.subscribe((data) => {
    const event = JSON.parse(String(data)) as Event;
    events.push(event);
    watch.onEvent?.(event);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) =>
    pc.iceGatheringState === 'complete'
      ? resolve()
      : pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve()),
  );
  const sdp = pc.localDescription!.sdp;
  const offer = loopback
    ? sdp
        .split('\r\n')
        .filter((l) => !l.startsWith('a=candidate:') || l.split(' ')[4] === '127.0.0.1')
        .join('\r\n')
    : sdp;
  const answer = via
    ? await via(offer)
    : await fetch(`${baseUrl}/realtime/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret.value}`, 'content-type': 'application/sdp' },
        body: offer,
      });
  assert.equal(answer.status, 201);
  await pc.setRemoteDescription({ type: 'answer', sdp: await answer.text() });
  const wait = (predicate: (e: Event) => boolean) => {
    const seen = events.find(predicate);
    return seen ? Promise.resolve(seen) : new Promise<Event>((resolve) => waiters.push({ predicate, resolve }));
  };
  await wait((e) => e.type === 'session.created');
  const send = (event: Event | object) => {
    watch.onSend?.(event as Event);
    channel.send(JSON.stringify(event));
  };
  return {
    events,
    wait,
    send,
    channel,
    microphone,
    callId: answer.headers.get('location')!.split('/').pop()!,
    close: () => pc.close(),
  };
}

/** A real offer (audio + data channel) whose peer is closed at once: it never connects. */
export async function danglingOffer(): Promise<string> {
  const pc = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: '127.0.0.1' } });
  pc.addTransceiver('audio', { direction: 'sendrecv' });
  pc.createDataChannel('oai-events');
  await pc.setLocalDescription(await pc.createOffer());
  const sdp = pc.localDescription!.sdp;
  await pc.close();
  return sdp;
}
