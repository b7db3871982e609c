// Hono: the handlers are Fetch handlers, so a route hands them `c.req.raw`. The key comes from the environment Hono
// is given: the Worker's bindings on Workers; `app.fetch(request, process.env)` on Node, Deno and Bun.
import { Hono } from 'hono';
import { createCallHandler, createTokenHandler } from 'realtime-voice-chat-element/server';

type Env = { OPENAI_API_KEY: string; OPENAI_BASE_URL?: string; ALLOW_ORIGINS?: string };

const optionsFor = (env: Env) => ({
  apiKey: env.OPENAI_API_KEY,
  baseUrl: env.OPENAI_BASE_URL || undefined,
  allowOrigins: env.ALLOW_ORIGINS?.split(','),
  session: { model: 'gpt-realtime', instructions: 'You are a helpful guide to this site.' },
});

/** `/api/realtime/token` and `/api/realtime/call`; mount it with `app.route('/', voiceChat)` beside your own routes. */
export const voiceChat = new Hono<{ Bindings: Env }>()
  .post('/api/realtime/token', (c) => createTokenHandler(optionsFor(c.env))(c.req.raw))
  .post('/api/realtime/call', (c) => createCallHandler(optionsFor(c.env))(c.req.raw));

// On Workers this module is the Worker itself.
export default voiceChat;
