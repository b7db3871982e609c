import type { RTCPeerConnection } from 'werift';

/** The parts of werift's SCTP association (0.24–0.25) that count the bytes in flight. */
interface Association {
  flightSize: number;
  sentQueue: { acked?: boolean; retransmit?: boolean; bookSize: number }[];
  transmitOnce: (this: Association) => Promise<void>;
}

/**
 * Keeps werift's count of bytes in flight true. After a retransmission timeout werift resends chunks the browser had
 * already acknowledged out of order and counts them again, but never takes them off: on a lossy path the count creeps
 * up until it exceeds the window with nothing outstanding, no timer runs, and the data channel is silent for good
 * while media goes on. Before each send, the count is what it should be: chunks sent, not yet acknowledged and not
 * waiting to be resent.
 */
export function keepFlightHonest(pc: RTCPeerConnection): void {
  const association = (pc.sctpTransport as unknown as { sctp?: Association } | undefined)?.sctp;
  if (!association || typeof association.transmitOnce !== 'function') return;
  const transmitOnce = association.transmitOnce;
  association.transmitOnce = function (this: Association) {
    let flying = 0;
    for (const chunk of this.sentQueue) if (!chunk.acked && !chunk.retransmit) flying += chunk.bookSize;
    this.flightSize = flying;
    return transmitOnce.call(this);
  };
}
