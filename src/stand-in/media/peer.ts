import { isSdp } from '../../core/protocol/api.js';
import { MediaStreamTrack, RTCPeerConnection, type RTCDataChannel } from 'werift';
import { keepFlightHonest } from './sctp-flight.js';

export interface AnsweringPeer {
  pc: RTCPeerConnection;
  answerSdp: string;
  /** The track the stand-in speaks on. */
  speaker: MediaStreamTrack;
  /** Resolves with the caller's `oai-events` channel once it opens. */
  channel: Promise<RTCDataChannel>;
}

export class OfferError extends Error {}

/**
 * Answers a browser's offer with a werift peer bound to `host` only. Known-good settings: ICE lite (the browser
 * drives the checks), no STUN servers (nothing leaves the machine), `.local` mDNS candidates stripped, and the
 * track handler subscribed before setRemoteDescription so the first RTP is not missed.
 */
export async function answerOffer(
  offerSdp: string,
  host: string,
  onMicPacket: (payload: Buffer) => void,
): Promise<AnsweringPeer> {
  if (!isSdp(offerSdp) || !/\r?\nm=application .*webrtc-datachannel/.test(offerSdp)) {
    throw new OfferError('The offer is not SDP with a data channel section.');
  }
  const pc = new RTCPeerConnection({
    iceLite: true,
    iceServers: [],
    // No interface enumeration at all: the only host candidate is the loopback address we bind.
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceInterfaceAddresses: { udp4: host },
    iceAdditionalHostAddresses: [host],
  });
  const speaker = new MediaStreamTrack({ kind: 'audio' });
  pc.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe((rtp) => onMicPacket(rtp.payload));
  });
  const channel = new Promise<RTCDataChannel>((resolve) => {
    pc.onDataChannel.subscribe((dc) => {
      if (dc.label !== 'oai-events') return;
      if (dc.readyState === 'open') resolve(dc);
      else dc.stateChanged.subscribe((state) => state === 'open' && resolve(dc));
    });
  });
  try {
    const offer = offerSdp
      .split(/\r?\n/)
      .filter((line) => !/^a=candidate:.* [0-9a-f-]+\.local /i.test(line))
      .join('\r\n');
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  } catch (e) {
    await pc.close();
    throw new OfferError(`Invalid offer: ${e instanceof Error ? e.message : String(e)}`);
  }
  const audio = pc.getTransceivers().find((t) => t.kind === 'audio');
  if (!audio) {
    await pc.close();
    throw new OfferError('The offer has no audio section.');
  }
  for (const transport of pc.dtlsTransports) {
    transport.onStateChange.subscribe((state) => {
      const context = (transport.dtls as unknown as { dtls?: { recordSequenceNumber: number } } | undefined)?.dtls;
      if (state === 'connected' && context) context.recordSequenceNumber += 64;
    });
  }
  void audio.sender.replaceTrack(speaker);
  audio.setDirection('sendrecv');
  await pc.setLocalDescription(await pc.createAnswer());
  keepFlightHonest(pc);
  return { pc, answerSdp: pc.localDescription!.sdp, speaker, channel };
}

type Protocol = {
  datagramReceived: (data: Buffer, addr: unknown) => void;
  sendStun: (message: unknown, addr: unknown) => Promise<void>;
  sendData: (data: Buffer, addr: unknown) => Promise<void>;
};

/** Calls `heard` for every datagram that reaches this peer's ICE sockets (media, data, ICE checks). */
export function onDatagram(pc: RTCPeerConnection, heard: () => void): void {
  for (const transport of pc.iceTransports) {
    for (const protocol of (transport.connection as unknown as { protocols: Protocol[] }).protocols) {
      const { datagramReceived } = protocol;
      protocol.datagramReceived = (data, addr) => {
        heard();
        datagramReceived.call(protocol, data, addr);
      };
    }
  }
}

/**
 * A network blackout on this peer's side for `ms`: every packet in or out is dropped at its ICE sockets, as on a
 * train going through a tunnel. The browser sees the connection go `disconnected`, then come back.
 */
export function blackout(pc: RTCPeerConnection, ms: number): void {
  const until = Date.now() + ms;
  const dark = () => Date.now() < until;
  for (const transport of pc.iceTransports) {
    for (const protocol of (transport.connection as unknown as { protocols: Protocol[] }).protocols) {
      const { datagramReceived, sendStun, sendData } = protocol;
      protocol.datagramReceived = (data, addr) => void (dark() || datagramReceived.call(protocol, data, addr));
      protocol.sendStun = async (message, addr) => void (dark() || (await sendStun.call(protocol, message, addr)));
      protocol.sendData = async (data, addr) => void (dark() || (await sendData.call(protocol, data, addr)));
      setTimeout(() => Object.assign(protocol, { datagramReceived, sendStun, sendData }), ms + 100).unref();
    }
  }
}
