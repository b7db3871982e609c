// The limiter's own file: the package's index also loads its cluster limiter, which needs Node's `cluster`.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import { limiterStore, type LimitStore } from './limit-store.js';

/** Counts in this process's memory (the default): right for one process, per process behind a load balancer. */
export function memoryStore(): LimitStore {
  return limiterStore(new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: 60, keyPrefix: '' }), false);
}
