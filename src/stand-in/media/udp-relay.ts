import { createSocket, type RemoteInfo } from 'node:dgram';
import { ShapedDirection, type PathShape } from './path-shape.js';

export interface UdpRelay {
  /** The port the browser is told about (the only candidate it gets). */
  readonly port: number;
  close(): void;
}

/**
 * A shaped UDP path between the browser and a peer's ICE socket at `host:target`: the browser talks to the relay's
 * outer socket, the peer hears it from the inner one, and both directions go through `shape`. ICE, DTLS, media and
 * the data channel all take it, as they would a bad network.
 */
export async function udpRelay(host: string, target: number, shape: PathShape): Promise<UdpRelay> {
  const outer = createSocket('udp4');
  const inner = createSocket('udp4');
  const up = new ShapedDirection(shape);
  const down = new ShapedDirection(shape);
  let browser: RemoteInfo | undefined;
  outer.on('message', (packet, from) => {
    browser = from;
    up.pass(packet.length, () => inner.send(packet, target, host));
  });
  inner.on('message', (packet) => {
    const to = browser;
    if (to) down.pass(packet.length, () => outer.send(packet, to.port, to.address));
  });
  // A packet sent after close, or to a browser gone, is lost as on any network.
  outer.on('error', () => {});
  inner.on('error', () => {});
  await Promise.all([
    new Promise<void>((resolve) => outer.bind(0, host, resolve)),
    new Promise<void>((resolve) => inner.bind(0, host, resolve)),
  ]);
  let closed = false;
  return {
    port: outer.address().port,
    close() {
      if (closed) return;
      closed = true;
      up.close();
      down.close();
      outer.close();
      inner.close();
    },
  };
}
