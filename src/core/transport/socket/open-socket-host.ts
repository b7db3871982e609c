import { PageSocket } from './page-socket.js';
import type { SocketHost } from './socket-host.js';
import { WorkerSocket } from './worker-socket.js';

/** A socket worker when it loads (same origin, allowed by the page's policy), else the page itself. */
export async function socketHost(): Promise<SocketHost> {
  return (await WorkerSocket.start()) ?? new PageSocket();
}
