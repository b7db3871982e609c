import { MAX_RETRY_AFTER_S } from '../guards.js';
import { within, type LimitStore } from './limit-store.js';
import type { LimitsOptions, Use } from './limits.js';

/** What budgets count: seconds of calls, tokens, and money in millionths of the host's currency (stores add integers). */
export type Unit = 'seconds' | 'tokens' | 'money';
const UNITS: readonly Unit[] = ['seconds', 'tokens', 'money'];

/** A day's budget: what a request is refused on once it is spent, and charged as calls use it. */
export interface Budget {
  key: string;
  limit: number;
  unit: Unit;
  code: 'budget_exhausted';
  message: string;
}

const DAY_S = 86_400;
/** Seconds until the UTC day ends and every day's budget starts again (told as at most the longest wait asked). */
export const restOfDay = (): number =>
  Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil(DAY_S - ((Date.now() / 1000) % DAY_S))));

const amount = (value: number | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`createLimits: ${name} must be a number ≥ 0`);
  return value;
};

/** The day's budgets the options ask for: minutes (each visitor's, the site's), the site's tokens and money. */
export function dailyBudgets(options: LimitsOptions) {
  const visitorMinutes = amount(options.perVisitor?.minutesPerDay, 'perVisitor.minutesPerDay');
  const siteMinutes = amount(options.site?.minutesPerDay, 'site.minutesPerDay');
  const siteTokens = amount(options.site?.tokensPerDay, 'site.tokensPerDay');
  const siteMoney = amount(options.site?.moneyPerDay, 'site.moneyPerDay');
  const prices = {
    perMinute: amount(options.prices?.perMinute, 'prices.perMinute') ?? 0,
    perMillionTokens: amount(options.prices?.perMillionTokens, 'prices.perMillionTokens') ?? 0,
  };
  if (siteMoney !== undefined && !prices.perMinute && !prices.perMillionTokens) {
    throw new Error('createLimits: site.moneyPerDay needs prices (perMinute, perMillionTokens)');
  }
  return {
    prices,
    perVisitor: visitorMinutes !== undefined,
    metered: [visitorMinutes, siteMinutes, siteTokens, siteMoney].some((budget) => budget !== undefined),
    budgets: (visitor: string): Budget[] => {
      const day = Math.floor(Date.now() / 1000 / DAY_S);
      // What each budget counts, its limit in whole units, and what a visitor refused for it is told.
      const asked: [number | undefined, string, number, Unit, string][] = [
        [
          visitorMinutes,
          `seconds:visitor:${visitor}`,
          60,
          'seconds',
          'you have used the time for voice conversations this site gives each visitor today',
        ],
        [
          siteMinutes,
          'seconds:site',
          60,
          'seconds',
          'this site has used the time for voice conversations it allows today',
        ],
        [siteTokens, 'tokens:site', 1, 'tokens', 'this site has used the voice conversations it allows today'],
        [siteMoney, 'money:site', 1e6, 'money', 'this site has spent what it allows on voice conversations today'],
      ];
      return asked.flatMap(([amount, key, scale, unit, message]): Budget[] =>
        amount === undefined
          ? []
          : [{ key: `${key}:${day}`, limit: amount * scale, unit, code: 'budget_exhausted', message }],
      );
    },
  };
}

/**
 * Charges one use to the call's budgets, in whole units (stores add integers): the fraction, and what the store
 * could not take now, is kept for the next charge.
 */
export function charger(
  store: LimitStore,
  timeoutMs: number,
  prices: { perMinute: number; perMillionTokens: number },
  spending: Budget[],
): (use: Use) => Promise<boolean> {
  const owed: Record<Unit, number> = { seconds: 0, tokens: 0, money: 0 };
  return async (use: Use): Promise<boolean> => {
    const seconds = use.seconds ?? 0;
    const tokens = use.tokens ?? 0;
    owed.seconds += seconds;
    owed.tokens += tokens;
    owed.money += (seconds / 60) * prices.perMinute * 1e6 + tokens * prices.perMillionTokens;
    let spent = false;
    for (const unit of UNITS) {
      const due = Math.floor(owed[unit]);
      const mine = spending.filter((budget) => budget.unit === unit);
      if (!mine.length) owed[unit] = 0;
      if (!due || !mine.length) continue;
      try {
        const totals = await Promise.all(
          mine.map((budget) => within(store.add(budget.key, due, 2 * DAY_S), timeoutMs)),
        );
        owed[unit] -= due;
        spent ||= totals.some((total, i) => total.value >= mine[i].limit);
      } catch {
        // The store is away: the use is charged with the next one (a call is not cut off for the store's sake).
      }
    }
    return !spent;
  };
}
