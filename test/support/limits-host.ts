// One of several host processes sharing their limits through Redis (the scale tests): token endpoints on Node's http.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import {
  createLimits,
  createTokenHandler,
  redisStore,
  toNodeListener,
  type FetchHandler,
} from '../../src/server/index.js';

const { REDIS_SOCKET, BASE_URL, SALT } = process.env;
// No offline queue: a request while Redis is away fails at once, and the limits answer 503.
const redis = new Redis({ path: REDIS_SOCKET, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
redis.on('error', () => {});
const visitor = (request: Request) => request.headers.get('x-visitor') ?? undefined;
const endpoint = (prefix: string, limits: Parameters<typeof createLimits>[0]) =>
  createTokenHandler({
    allowOrigins: '*',
    apiKey: 'sk-test-SCALE0123456789',
    baseUrl: BASE_URL,
    limits: createLimits({ store: redisStore(redis, { prefix }), salt: SALT, visitor, ...limits }),
  });
const routes: Record<string, FetchHandler> = {
  '/per-visitor': endpoint('visitors', { perVisitor: { conversations: { limit: 4, windowSeconds: 3600 } } }),
  '/site': endpoint('site', { site: { conversations: { limit: 700, windowSeconds: 3600 } } }),
};
const server = createServer(
  toNodeListener((request) => routes[new URL(request.url).pathname]?.(request) ?? new Response(null, { status: 404 })),
);
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
