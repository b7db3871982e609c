// The limiter's own file: the package's index also loads its cluster limiter, which needs Node's `cluster`.
import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import { limiterStore, type LimitStore } from './limit-store.js';

export interface RedisStoreOptions {
  /** Put before every key (default `rvc`), so one Redis can serve several sites. */
  prefix?: string;
}

/**
 * Counts in Redis, shared by every process that uses the same server: pass a connected client (ioredis, or
 * node-redis v4+). Each count is one atomic script; a client that is not connected is refused at once, so the limits
 * fail closed (503) instead of waiting for it.
 */
export function redisStore(client: unknown, options: RedisStoreOptions = {}): LimitStore {
  const limiter = new RateLimiterRedis({
    storeClient: client,
    points: Number.MAX_SAFE_INTEGER,
    duration: 60,
    keyPrefix: options.prefix ?? 'rvc',
    rejectIfRedisNotReady: true,
  });
  return limiterStore(limiter, true);
}
