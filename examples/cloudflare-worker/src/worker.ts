// A Cloudflare Worker serving the element's token and call endpoints. The key is a secret binding
// (`wrangler secret put OPENAI_API_KEY`): it stays in the Worker, never in a page.
import { createCallHandler, createTokenHandler } from 'realtime-voice-chat-element/server';

export interface Env {
  OPENAI_API_KEY: string;
  /** Comma-separated origins of the pages that may start calls, e.g. `https://shop.example`. */
  ALLOW_ORIGINS?: string;
  /** Only to point the Worker at a compatible service or a local stand-in; unset, it is OpenAI's API. */
  OPENAI_BASE_URL?: string;
}

const session = { model: 'gpt-realtime', instructions: 'You are a helpful guide to this site.' };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const options = {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL || undefined,
      allowOrigins: env.ALLOW_ORIGINS?.split(','),
      session,
    };
    switch (new URL(request.url).pathname) {
      case '/api/realtime/token':
        return createTokenHandler(options)(request);
      case '/api/realtime/call':
        return createCallHandler(options)(request);
      default:
        return new Response('Not found', { status: 404 });
    }
  },
};
