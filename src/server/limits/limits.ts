import { problem } from '../guards.js';
import { charger, dailyBudgets, restOfDay, type Budget } from './budgets.js';
import { within, type LimitStore } from './limit-store.js';
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
  /** Each visitor's share: conversations started per window, calls open at once, minutes of calls per (UTC) day. */
  perVisitor?: { conversations?: RateRule; concurrentCalls?: number; minutesPerDay?: number };
  /**
   * The whole site's: conversations per window, calls open at once, minutes and tokens (the service's usage) per day,
   * and money per day (in your currency, priced from `prices`).
   */
  site?: {
    conversations?: RateRule;
    concurrentCalls?: number;
    minutesPerDay?: number;
    tokensPerDay?: number;
    moneyPerDay?: number;
  };
  /** What a call costs you, for `site.moneyPerDay`: per minute of a call, and per million tokens the service reports. */
  prices?: { perMinute?: number; perMillionTokens?: number };
  /** Lets requests through while the store cannot answer (default: refuse them with 503 `limits_unavailable`). */
  failOpen?: boolean;
  /** How long to wait for the store before it counts as down (default 2 000 ms). */
  storeTimeoutMs?: number;
  /** How often a call's minutes are charged (default 10 s): a call ends at most this long after its budget is spent. */
  chargeEverySeconds?: number;
}

/** What a call uses, charged to the budgets it counts against. */
export interface Use {
  seconds?: number;
  tokens?: number;
}

/** A conversation let through: what it was counted against, given back when it ends or never started. */
export interface Admission {
  /** The call ended: its place among the calls open at once is given back (once). */
  end(): Promise<void>;
  /** Nothing was started after all (the service refused, control failed): everything counted is given back. */
  cancel(): Promise<void>;
  /** Charges what the call used; resolves false once a budget it counts against is spent (the call must end). */
  charge(use: Use): Promise<boolean>;
  /** Whether the call's minutes or tokens are budgeted (then the control charges them as the call goes). */
  readonly metered: boolean;
  /** How often to charge the call's minutes, in milliseconds. */
  readonly chargeEveryMs: number;
  /**
   * Hands the call's part (its places among the calls open at once, its budgets) to whoever controls the call
   * elsewhere (a Durable Object: {@link Limits.resume}); this admission keeps only its conversation counts.
   */
  handOff(): HeldAdmission;
}

/** A call's part of an admission, as plain data for the place that controls the call. */
export interface HeldAdmission {
  readonly calls: readonly unknown[];
  readonly spending: readonly unknown[];
}

/** The limits a token or call endpoint applies before it spends anything (see {@link createLimits}). */
export interface Limits {
  /** Whether calls open at once or their minutes and tokens are limited: only a call's control sees them. */
  readonly needsControl: boolean;
  /** Counts a request against every limit: an {@link Admission}, or the refusal to send (429, or 503 when down). */
  admit(request: Request): Promise<Admission | Response>;
  /** Takes over a call's part of an admission made elsewhere (with the same limits and store). */
  resume(held: HeldAdmission): Admission;
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

/** What of a handed-off admission names a counter (it comes from the host's own Worker, and is checked anyway). */
const counters = (list: unknown): unknown[] =>
  (Array.isArray(list) ? list : []).filter(
    (item: { key?: unknown; limit?: unknown }) => typeof item?.key === 'string' && Number.isFinite(item.limit),
  );

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
  const chargeEveryMs = Math.max(1, options.chargeEverySeconds ?? 10) * 1000;
  const daily = dailyBudgets(options);
  const needsVisitor = visitorConversations !== undefined || visitorCalls !== undefined || daily.perVisitor;
  const metered = daily.metered;

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

  const admission = (counted: Step[], spending: Budget[] = []): Admission => {
    let calls = counted.filter((step) => step.call);
    let rest = counted.filter((step) => !step.call);
    return {
      charge: charger(store, timeoutMs, daily.prices, spending),
      metered: spending.length > 0,
      chargeEveryMs,
      handOff: () => {
        const held = { calls, spending };
        calls = [];
        spending = [];
        return held;
      },
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
    needsControl: visitorCalls !== undefined || siteCalls !== undefined || metered,
    resume: (held) => admission(counters(held.calls) as Step[], counters(held.spending) as Budget[]),
    admit: async (request) => {
      const counted: Step[] = [];
      try {
        const visitor = needsVisitor ? await visitorKey(request, salt, options.visitor) : '';
        const spending = daily.budgets(visitor);
        const totals = await Promise.all(spending.map((budget) => within(store.get(budget.key), timeoutMs)));
        const spent = spending.find((budget, i) => totals[i].value >= budget.limit);
        if (spent) return problem(429, spent.code, spent.message, { 'retry-after': String(restOfDay()) });
        for (const step of steps(visitor)) {
          const { full, msBeforeReset } = await count(step, counted);
          if (!full) continue;
          await giveBack(counted);
          const wait = step.call ? BUSY_RETRY_S : Math.max(1, Math.ceil(msBeforeReset / 1000));
          return problem(429, step.code, step.message, { 'retry-after': String(wait) });
        }
        return admission(counted, spending);
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
