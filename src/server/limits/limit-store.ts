/** A counter's value and how long until it is gone (its window ends). */
export interface Count {
  value: number;
  msBeforeReset: number;
}

/**
 * Where the limits keep their counts: two atomic operations on expiring counters. Memory (one process) and Redis
 * (many) are built in; for another store (Deno KV, Upstash, a database) implement these two, atomically.
 */
export interface LimitStore {
  /** Shared between processes: visitors' addresses must then be hashed with a salt they share. */
  readonly shared: boolean;
  /**
   * Adds `points` (negative to give back) to the counter `key`, creating it with a life of `windowSeconds` when it
   * does not exist (an existing counter keeps its end). Resolves with the new value; rejects when the store cannot
   * answer.
   */
  add(key: string, points: number, windowSeconds: number): Promise<Count>;
  /** The counter's value now: 0 when it does not exist or its window has ended. */
  get(key: string): Promise<Count>;
}

/** What rate-limiter-flexible's limiters resolve with (`RateLimiterRes`), or null for a counter that is not there. */
interface LimiterRes {
  consumedPoints: number;
  msBeforeNext: number;
}

/** The part of a rate-limiter-flexible limiter the stores use: counting that never refuses, and reading. */
export interface CountingLimiter {
  penalty(key: string, points: number, options: { customDuration: number }): Promise<LimiterRes>;
  reward(key: string, points: number, options: { customDuration: number }): Promise<LimiterRes>;
  get(key: string): Promise<LimiterRes | null>;
}

const asCount = (res: LimiterRes | null): Count => ({
  value: res?.consumedPoints ?? 0,
  msBeforeReset: Math.max(0, res?.msBeforeNext ?? 0),
});

/** A store on a rate-limiter-flexible limiter: its atomic add-with-expiry (`penalty`, `reward`) and `get`. */
export function limiterStore(limiter: CountingLimiter, shared: boolean): LimitStore {
  return {
    shared,
    add: async (key, points, windowSeconds) => {
      const options = { customDuration: Math.max(1, Math.ceil(windowSeconds)) };
      return asCount(
        await (points >= 0 ? limiter.penalty(key, points, options) : limiter.reward(key, -points, options)),
      );
    },
    get: async (key) => asCount(await limiter.get(key)),
  };
}

/** A store call bounded in time: one that does not answer in `ms` counts as a store that is down. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the store did not answer')), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
