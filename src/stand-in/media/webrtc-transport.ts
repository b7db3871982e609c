import { AudioIn } from './audio-in.js';
import { AudioOut } from './audio-out.js';
import type { CallTransport, ServedCall } from '../call/call.js';
import { answerOffer, blackout } from './peer.js';

/**
 * Carries a call over WebRTC: a werift peer answering the browser's offer, events on its `oai-events` channel, the
 * microphone decoded from RTP, the model's voice sent as Opus RTP. Returns the answer SDP.
 */
export async function carryOverWebRtc(call: ServedCall, offerSdp: string, host: string): Promise<string> {
  const audioIn = new AudioIn((level, ms) => call.hear(level, ms));
  const peer = await answerOffer(offerSdp, host, (payload) => audioIn.receive(payload));
  const out = new AudioOut(peer.speaker);
  let channel: Awaited<typeof peer.channel> | undefined;
  // A channel the stand-in closed itself (a fault) leaves the call up; the client closing it ends the call.
  let closedHere = false;
  let closing: Promise<void> | undefined;
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
    close: () =>
      (closing ??= (async () => {
        out.close();
        audioIn.close();
        await peer.pc.close();
        await call.close();
      })()),
  };
  peer.pc.connectionStateChange.subscribe((state) => {
    if (state === 'closed' || state === 'failed') void call.close();
  });
  void peer.channel.then((opened) => {
    channel = opened;
    opened.onMessage.subscribe((data) => call.receive(data));
    opened.stateChanged.subscribe((state) => state === 'closed' && !closedHere && void call.close());
    call.open(transport);
  });
  return peer.answerSdp;
}
