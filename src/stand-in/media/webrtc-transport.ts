import { AudioIn } from './audio-in.js';
import { AudioOut } from './audio-out.js';
import type { CallTransport, ServedCall } from '../call/call.js';
import { answerOffer, blackout, onDatagram } from './peer.js';
import { endWhenSilent } from './silent-end.js';
import type { PathShape } from './path-shape.js';
import { udpRelay, type UdpRelay } from './udp-relay.js';

/**
 * Carries a call over WebRTC: a werift peer answering the browser's offer, events on its `oai-events` channel, the
 * microphone decoded from RTP, the model's voice sent as Opus RTP. Returns the answer SDP.
 */
export async function carryOverWebRtc(
  call: ServedCall,
  offerSdp: string,
  host: string,
  path?: PathShape,
): Promise<string> {
  const audioIn = new AudioIn((level, ms) => call.hear(level, ms));
  const peer = await answerOffer(offerSdp, host, (payload) => audioIn.receive(payload));
  // On a shaped path the browser is told of the relay only, so nothing goes around it.
  const relay = path && (await relayed(peer.answerSdp, host, path));
  const out = new AudioOut(peer.speaker);
  let channel: Awaited<typeof peer.channel> | undefined;
  // A channel the stand-in closed itself (a fault) leaves the call up; the client closing it ends the call.
  let closedHere = false;
  let closing: Promise<void> | undefined;
  let silence: ReturnType<typeof endWhenSilent> | undefined;
  const transport: CallTransport = {
    kind: 'webrtc',
    send: (message) => void (channel?.readyState === 'open' && channel.send(message)),
    speaker: () => out,
    heard: () => ({ ...audioIn.report }),
    closeEvents() {
      closedHere = true;
      channel?.close();
    },
    blackout: (ms) => blackout(peer.pc, ms),
    reset: () => void transport.close(),
    close: () =>
      (closing ??= (async () => {
        silence?.stop();
        relay?.close();
        out.close();
        audioIn.close();
        await peer.pc.close();
        await call.close();
      })()),
  };
  peer.pc.connectionStateChange.subscribe((state) => {
    if (state !== 'closed' && state !== 'failed') return;
    relay?.close();
    void call.close();
  });
  void peer.channel.then((opened) => {
    channel = opened;
    // A browser gone quiet (its network down) is given up as the service would: the call ends on this side.
    silence = endWhenSilent(() => void transport.close());
    onDatagram(peer.pc, silence.heard);
    opened.onMessage.subscribe((data) => call.receive(data));
    opened.stateChanged.subscribe((state) => state === 'closed' && !closedHere && void call.close());
    call.open(transport);
  });
  return relay?.answerSdp ?? peer.answerSdp;
}

/** A shaped relay in front of the peer's ICE socket, and the answer naming the relay's port instead. */
async function relayed(answerSdp: string, host: string, path: PathShape): Promise<UdpRelay & { answerSdp: string }> {
  const port = Number(/^a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ host/im.exec(answerSdp)?.[1]);
  if (!port) throw new Error('the answer names no host candidate to relay');
  const relay = await udpRelay(host, port, path);
  const rewritten = answerSdp.replace(/^(a=candidate:\S+ \d+ udp \d+ \S+ )(\d+)/gim, (line, head: string, p: string) =>
    Number(p) === port ? `${head}${relay.port}` : line,
  );
  return { port: relay.port, close: () => relay.close(), answerSdp: rewritten };
}
