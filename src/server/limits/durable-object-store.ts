import type { Count, LimitStore } from './limit-store.js';

/** The part of a Durable Object namespace binding (Cloudflare's `DurableObjectNamespace`) the store uses. */
export interface CounterNamespace {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** The part of a Durable Object's `state.storage` a counter uses. */
interface CounterStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  setAlarm(at: number): Promise<void>;
  deleteAll(): Promise<void>;
}

interface Stored {
  value: number;
  resetAt: number;
}

/**
 * One counter of the limits, as a Durable Object (Cloudflare runs each object in one place, one request at a time:
 * its count is atomic across every Worker). Export it from your Worker and bind it (see `durableObjectStore`); it
 * forgets its count when its window ends.
 */
export class LimitCounter {
  constructor(private readonly state: { storage: CounterStorage }) {}

  async fetch(request: Request): Promise<Response> {
    const asked = (await request.json()) as { points?: unknown; windowSeconds?: unknown };
    const now = Date.now();
    const stored = await this.state.storage.get<Stored>('count');
    const current = stored && stored.resetAt > now ? stored : undefined;
    const { points, windowSeconds } = asked;
    if (typeof points !== 'number') {
      return Response.json({ value: current?.value ?? 0, msBeforeReset: current ? current.resetAt - now : 0 });
    }
    if (!Number.isFinite(points) || typeof windowSeconds !== 'number' || !(windowSeconds > 0)) {
      return Response.json({ error: 'points and windowSeconds are numbers' }, { status: 400 });
    }
    const next = { value: (current?.value ?? 0) + points, resetAt: current?.resetAt ?? now + windowSeconds * 1000 };
    await this.state.storage.put('count', next);
    if (!current) await this.state.storage.setAlarm(next.resetAt);
    return Response.json({ value: next.value, msBeforeReset: next.resetAt - now } satisfies Count);
  }

  /** The window ended: nothing of the counter is kept. */
  async alarm(): Promise<void> {
    await this.state.storage.deleteAll();
  }
}

/**
 * Counts in Cloudflare Durable Objects, one {@link LimitCounter} per counter, shared by every Worker of the site:
 * `durableObjectStore(env.LIMITS)` with the class exported from your Worker and bound as `LIMITS` in wrangler.toml.
 */
export function durableObjectStore(namespace: CounterNamespace, options: { prefix?: string } = {}): LimitStore {
  const prefix = options.prefix ?? 'rvc';
  const ask = async (key: string, body: object): Promise<Count> => {
    const counter = namespace.get(namespace.idFromName(`${prefix}:${key}`) as never);
    const answer = await counter.fetch('https://limit-counter/', { method: 'POST', body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`the counter answered HTTP ${answer.status}`);
    return (await answer.json()) as Count;
  };
  return {
    shared: true,
    add: (key, points, windowSeconds) => ask(key, { points, windowSeconds }),
    get: (key) => ask(key, {}),
  };
}
