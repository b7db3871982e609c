import { problem } from '../guards.js';
import type { LimitStore } from './limit-store.js';
import { memoryStore } from './memory-store.js';
import { visitorKey, type VisitorIdentity } from './visitor-key.js';

/** At most `limit` in any `windowSeconds` (the window starts with the first one counted). */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

export interface LimitsOptions {
  /** Where counts are kept (default: this process's memory). Share one (Redis…) between processes. */
  store?: LimitStore;
  /** Who a request is from (your user or session id); default the address the runtime reports, else one shared key. */
  visitor?: VisitorIdentity;
  /** Salts the hash of each visitor's key; required with a shared store, and the same in every process. */
  salt?: string;
  /** Each visitor's share: conversations started per window, calls open at once. */
  perVisitor?: { conversations?: RateRule; concurrentCalls?: number };
  /** The whole site's: conversations started per window, calls open at once. */
  site?: { conversations?: RateRule; concurrentCalls?: number };
  /** Lets requests through while the store cannot answer (default: refuse them with 503 `limits_unavailable`). */
  failOpen?: boolean;
  /** How long to wait for the store before it counts as down (default 2 000 ms). */
  storeTimeoutMs?: number;
}

/** A conversation let through: what it was counted against, given back when it ends or never started. */
export interface Admission {
  /** The call ended: its place among the calls open at once is given back (once). */
  end(): Promise<void>;
  /** Nothing was started after all (the service refused, control failed): everything counted is given back. */
  cancel(): Promise<void>;
}

/** The limits a token or call endpoint applies before it spends anything (see {@link createLimits}). */
export interface Limits {
  /** Whether calls open at once are limited: then the endpoint must see each call end (the call control). */
  readonly countsCalls: boolean;
  /** Counts a request against every limit: an {@link Admission}, or the refusal to send (429, or 503 when down). */
  admit(request: Request): Promise<Admission | Response>;
}

/** A counter a request is counted against, and what the visitor is told when it is full. */
interface Step {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Counted with the counter before it (calls open at once: this hour's and the last hour's starts). */
  previous?: string;
  code: string;
  message: string;
  call: boolean;
}

// Calls open at once are counted in the hour they start; the service ends every call within 60 minutes, so the calls
// open now started this hour or the last, and a count a crashed process never gave back is gone in three hours.
const HOUR_S = 3600;
const CALL_COUNT_LIFE_S = 3 * HOUR_S;
/** What a refusal for calls open at once asks the visitor to wait: a call ends when it ends. */
const BUSY_RETRY_S = 15;

async function within<T>(work: Promise<T>, ms: number): Promise<T> {
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

const positive = (value: number | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new Error(`createLimits: ${name} must be a whole number ≥ 0`);
  return value;
};

const rule = (value: RateRule | undefined, name: string): RateRule | undefined => {
  if (value === undefined) return undefined;
  positive(value.limit, `${name}.limit`);
  if (!(value.windowSeconds >= 1)) throw new Error(`createLimits: ${name}.windowSeconds must be at least 1`);
  return value;
};

const randomSalt = (): string => crypto.randomUUID();

/**
 * Visitor and site limits for the token and call endpoints (`limits` option), kept in a {@link LimitStore}: memory
 * for one process, Redis for many. Each request is counted against every limit at once, atomically in the store; a
 * refusal gives back what it counted, so the counts are exactly the conversations and calls let through.
 */
export function createLimits(options: LimitsOptions = {}): Limits {
  const store = options.store ?? memoryStore();
  if (store.shared && !options.salt) {
    throw new Error('createLimits: a shared store needs a salt, the same secret in every process');
  }
  const salt = options.salt ?? randomSalt();
  const visitorConversations = rule(options.perVisitor?.conversations, 'perVisitor.conversations');
  const siteConversations = rule(options.site?.conversations, 'site.conversations');
  const visitorCalls = positive(options.perVisitor?.concurrentCalls, 'perVisitor.concurrentCalls');
  const siteCalls = positive(options.site?.concurrentCalls, 'site.concurrentCalls');
  const timeoutMs = options.storeTimeoutMs ?? 2000;
  const needsVisitor = visitorConversations !== undefined || visitorCalls !== undefined;

  const steps = (visitor: string): Step[] => {
    const hour = Math.floor(Date.now() / 1000 / HOUR_S);
    const list: Step[] = [];
    if (visitorConversations)
      list.push({
        key: `conversations:visitor:${visitor}`,
        ...visitorConversations,
        code: 'visitor_limit',
        message: 'you have started as many voice conversations as this site allows for now; try again later',
        call: false,
      });
    if (siteConversations)
      list.push({
        key: 'conversations:site',
        ...siteConversations,
        code: 'site_limit',
        message: 'this site has started as many voice conversations as it allows for now; try again later',
        call: false,
      });
    if (visitorCalls !== undefined)
      list.push({
        key: `calls:visitor:${visitor}:${hour}`,
        previous: `calls:visitor:${visitor}:${hour - 1}`,
        limit: visitorCalls,
        windowSeconds: CALL_COUNT_LIFE_S,
        code: 'visitor_busy',
        message: 'you already have as many voice conversations open as this site allows',
        call: true,
      });
    if (siteCalls !== undefined)
      list.push({
        key: `calls:site:${hour}`,
        previous: `calls:site:${hour - 1}`,
        limit: siteCalls,
        windowSeconds: CALL_COUNT_LIFE_S,
        code: 'site_busy',
        message: 'every voice conversation this site offers at once is in use; try again shortly',
        call: true,
      });
    return list;
  };

  const giveBack = async (counted: readonly Step[]): Promise<void> => {
    await Promise.all(
      counted.map((step) => within(store.add(step.key, -1, step.windowSeconds), timeoutMs).catch(() => {})),
    );
  };

  const admission = (counted: Step[]): Admission => {
    let calls = counted.filter((step) => step.call);
    let rest = counted.filter((step) => !step.call);
    return {
      end: async () => {
        const held = calls;
        calls = [];
        await giveBack(held);
      },
      cancel: async () => {
        const held = [...calls, ...rest];
        calls = [];
        rest = [];
        await giveBack(held);
      },
    };
  };

  /** Counts the request against one step (noted in `counted` once it is in the store): whether that went past it. */
  const count = async (step: Step, counted: Step[]): Promise<{ full: boolean; msBeforeReset: number }> => {
    const added = await within(store.add(step.key, 1, step.windowSeconds), timeoutMs);
    counted.push(step);
    const before = step.previous ? (await within(store.get(step.previous), timeoutMs)).value : 0;
    return { full: added.value + before > step.limit, msBeforeReset: added.msBeforeReset };
  };

  return {
    countsCalls: visitorCalls !== undefined || siteCalls !== undefined,
    admit: async (request) => {
      const counted: Step[] = [];
      try {
        const visitor = needsVisitor ? await visitorKey(request, salt, options.visitor) : '';
        for (const step of steps(visitor)) {
          const { full, msBeforeReset } = await count(step, counted);
          if (!full) continue;
          await giveBack(counted);
          const wait = step.call ? BUSY_RETRY_S : Math.max(1, Math.ceil(msBeforeReset / 1000));
          return problem(429, step.code, step.message, { 'retry-after': String(wait) });
        }
        return admission(counted);
      } catch {
        // The store is down or slow (a visitor callback that threw is the host's fault, and fails closed the same).
        await giveBack(counted);
        if (options.failOpen) return admission([]);
        return problem(503, 'limits_unavailable', 'the server cannot check its limits right now; try again shortly', {
          'retry-after': '5',
        });
      }
    },
  };
}
