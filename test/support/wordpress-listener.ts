import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP port on loopback that only counts who connects (and hangs up on them): a service URL pointed at it shows
 * whether the plugin sent anything there at all, before any HTTP is spoken.
 */
export async function countingListener(): Promise<{ url: string; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
