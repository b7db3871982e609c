// A Cloudflare Worker whose endpoints keep their limits in Durable Objects, and whose calls are each controlled by a
// Durable Object of their own (server tools, the host's session enforced, minutes and tokens charged, a hang-up when
// a budget is spent). The key and the salt are secrets (`wrangler secret put …`).
import {
  callControlObject,
  createCallHandler,
  createLimits,
  createTokenHandler,
  durableObjectStore,
  type ControlNamespace,
  type CounterNamespace,
  type ServerTool,
} from 'realtime-voice-chat-element/server';

// The Durable Object class behind the counts, bound as LIMITS in wrangler.toml.
export { LimitCounter } from 'realtime-voice-chat-element/server';

export interface Env {
  OPENAI_API_KEY: string;
  /** Salts the hash of each visitor's address: a secret, so the counts never hold an address. */
  LIMITS_SALT: string;
  LIMITS: CounterNamespace;
  CALLS: ControlNamespace;
  /** Comma-separated origins of the pages that may start calls, e.g. `https://shop.example`. */
  ALLOW_ORIGINS?: string;
  /** Conversations each visitor may start per hour, and the whole site per day. */
  VISITOR_CONVERSATIONS_PER_HOUR?: string;
  SITE_CONVERSATIONS_PER_DAY?: string;
  /** Minutes of calls each visitor may have per day, and how often a call's minutes are charged (seconds). */
  VISITOR_MINUTES_PER_DAY?: string;
  CHARGE_EVERY_SECONDS?: string;
  /** Only to point the Worker at a compatible service or a local stand-in; unset, it is OpenAI's API. */
  OPENAI_BASE_URL?: string;
}

const session = { model: 'gpt-realtime', instructions: 'You are a helpful guide to this shop.' };

const lookupOrder: ServerTool<{ order?: string }> = {
  name: 'lookup_order',
  description: 'The status of an order',
  parameters: { type: 'object', properties: { order: { type: 'string' } }, required: ['order'] },
  handler: ({ order }) => ({ order, status: 'shipped on Monday' }),
};

/** The same limits for the endpoints that admit calls and the objects that charge them. */
const limitsFor = (env: Env) =>
  createLimits({
    store: durableObjectStore(env.LIMITS),
    salt: env.LIMITS_SALT,
    perVisitor: {
      conversations: { limit: Number(env.VISITOR_CONVERSATIONS_PER_HOUR ?? 10), windowSeconds: 3600 },
      minutesPerDay: Number(env.VISITOR_MINUTES_PER_DAY ?? 30),
    },
    site: { conversations: { limit: Number(env.SITE_CONVERSATIONS_PER_DAY ?? 2000), windowSeconds: 86_400 } },
    chargeEverySeconds: Number(env.CHARGE_EVERY_SECONDS ?? 10),
  });

const upstream = (env: Env) => ({
  apiKey: env.OPENAI_API_KEY,
  baseUrl: env.OPENAI_BASE_URL || undefined,
  session,
});

// One object per call, bound as CALLS: it holds the call's control connection for as long as the call lasts.
export const VoiceCalls = callControlObject((env: Env) => ({
  ...upstream(env),
  tools: [lookupOrder],
  enforce: true,
  limits: limitsFor(env),
}));

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const options = { ...upstream(env), allowOrigins: env.ALLOW_ORIGINS?.split(',') };
    switch (new URL(request.url).pathname) {
      case '/api/realtime/token':
        // Keys are conversations: the token endpoint counts them (calls' minutes are counted on the call endpoint).
        return createTokenHandler({
          ...options,
          limits: createLimits({
            store: durableObjectStore(env.LIMITS),
            salt: env.LIMITS_SALT,
            perVisitor: {
              conversations: { limit: Number(env.VISITOR_CONVERSATIONS_PER_HOUR ?? 10), windowSeconds: 3600 },
            },
            site: {
              conversations: { limit: Number(env.SITE_CONVERSATIONS_PER_DAY ?? 2000), windowSeconds: 86_400 },
            },
          }),
        })(request);
      case '/api/realtime/call':
        return createCallHandler({
          ...options,
          controlObject: { namespace: env.CALLS, tools: [lookupOrder] },
          limits: limitsFor(env),
        })(request);
      default:
        return new Response('Not found', { status: 404 });
    }
  },
};
