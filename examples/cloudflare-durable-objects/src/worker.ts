// A Cloudflare Worker whose token endpoint keeps its limits in Durable Objects: every Worker, everywhere, counts
// against the same visitor and site totals. The key and the salt are secrets (`wrangler secret put …`).
import {
  createLimits,
  createTokenHandler,
  durableObjectStore,
  type CounterNamespace,
} from 'realtime-voice-chat-element/server';

// The Durable Object class behind the counts, bound as LIMITS in wrangler.toml.
export { LimitCounter } from 'realtime-voice-chat-element/server';

export interface Env {
  OPENAI_API_KEY: string;
  /** Salts the hash of each visitor's address: a secret, so the counts never hold an address. */
  LIMITS_SALT: string;
  LIMITS: CounterNamespace;
  /** Comma-separated origins of the pages that may start calls, e.g. `https://shop.example`. */
  ALLOW_ORIGINS?: string;
  /** Conversations each visitor may start per hour, and the whole site per day. */
  VISITOR_CONVERSATIONS_PER_HOUR?: string;
  SITE_CONVERSATIONS_PER_DAY?: string;
  /** Only to point the Worker at a compatible service or a local stand-in; unset, it is OpenAI's API. */
  OPENAI_BASE_URL?: string;
}

const session = { model: 'gpt-realtime', instructions: 'You are a helpful guide to this site.' };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname !== '/api/realtime/token') return new Response('Not found', { status: 404 });
    // Visitors are told apart by the address Cloudflare reports (cf-connecting-ip), hashed with the salt.
    const limits = createLimits({
      store: durableObjectStore(env.LIMITS),
      salt: env.LIMITS_SALT,
      perVisitor: {
        conversations: { limit: Number(env.VISITOR_CONVERSATIONS_PER_HOUR ?? 10), windowSeconds: 3600 },
      },
      site: { conversations: { limit: Number(env.SITE_CONVERSATIONS_PER_DAY ?? 2000), windowSeconds: 86_400 } },
    });
    return createTokenHandler({
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL || undefined,
      allowOrigins: env.ALLOW_ORIGINS?.split(','),
      session,
      limits,
    })(request);
  },
};
