import { createServer, type Server } from 'node:http';
import { BlockList, type AddressInfo } from 'node:net';
import { toNodeListener } from '../server/node-adapter.js';
import type { RealtimeCall, ServedCall } from './call/call.js';
import { createStandInHandler, type StandInDelays } from './http/routes.js';

export type { StandInDelays } from './http/routes.js';
export { createStandInHandler, type StandInHandlerOptions } from './http/routes.js';

export interface StandInOptions {
  /** Address to bind (HTTP and WebRTC); a loopback address (default `127.0.0.1`). */
  host?: string;
  port?: number;
  delays?: StandInDelays;
  /**
   * Lets the stand-in bind `host` although it is not loopback: only for an address inside a network namespace the
   * caller made itself (`unshare -n`), where Firefox offers no loopback candidate. Never a real interface's address.
   */
  insideTestNamespace?: boolean;
  /** Sees every event any call sends (the conformance check). */
  onEvent?: (event: Record<string, unknown>, call: RealtimeCall) => void;
  /** A folder of recorded sessions (`name.jsonl`): calls made through the base URL `/replay/{name}/v1` replay one. */
  recordings?: string;
  /** Counts the junk faults send on purpose. */
  onRaw?: () => void;
  /** Sees every client event any scripted call receives, before any check (the client-event oracle). */
  onClientEvent?: (event: unknown, call: ServedCall) => void;
}

export interface StandIn {
  /** `http://127.0.0.1:PORT/v1` — use as `base-url`, or as the token handler's upstream. */
  baseUrl: string;
  handler: (request: Request) => Promise<Response>;
  calls: Map<string, ServedCall>;
  /** Ephemeral keys minted and not yet expired. */
  readonly liveKeys: number;
  close(): Promise<void>;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether a bound address is a loopback one (read from the socket, not guessed from the name asked for). */
export const isLoopback = (address: string): boolean =>
  loopback.check(
    address.replace(/^::ffff:/, ''),
    address.includes(':') && !address.startsWith('::ffff:') ? 'ipv6' : 'ipv4',
  );

/**
 * Starts the stand-in and resolves once it listens. It is a test double: any `sk-` key is accepted, keys it minted
 * expire and are freed, and it answers only on loopback — checked on the address the socket actually bound.
 */
export async function startStandIn({
  host = '127.0.0.1',
  port = 0,
  delays,
  insideTestNamespace = false,
  onEvent,
  onRaw,
  onClientEvent,
  recordings,
}: StandInOptions = {}): Promise<StandIn> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { address, port: bound } = server.address() as AddressInfo;
  if (!isLoopback(address) && !insideTestNamespace) {
    server.close();
    throw new Error(`the stand-in binds loopback addresses only (asked for ${host}, bound ${address})`);
  }
  const { handler, upgrade, calls, keys } = createStandInHandler({
    host: address,
    delays,
    onEvent,
    onRaw,
    onClientEvent,
    recordings,
  });
  server.on('request', toNodeListener(handler));
  server.on('upgrade', (request, socket, head) => void upgrade(request, socket, head).catch(() => socket.destroy()));
  const origin = address.includes(':') ? `[${address}]` : address;
  return {
    baseUrl: `http://${origin}:${bound}/v1`,
    handler,
    calls,
    get liveKeys() {
      return keys.size;
    },
    async close() {
      await Promise.all([...calls.values()].map((call) => call.close()));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
