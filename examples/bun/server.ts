// Bun: `bun run server.ts` after `bun add realtime-voice-chat`.
import { createCallHandler, createTokenHandler } from 'realtime-voice-chat/server';

const options = {
  apiKey: process.env.OPENAI_API_KEY ?? '',
  baseUrl: process.env.OPENAI_BASE_URL || undefined,
  allowOrigins: process.env.ALLOW_ORIGINS?.split(','),
  session: { model: 'gpt-realtime', instructions: 'You are a helpful guide to this site.' },
};
const token = createTokenHandler(options);
const call = createCallHandler(options);

const server = Bun.serve({
  hostname: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
  routes: { '/api/realtime/token': token, '/api/realtime/call': call },
  fetch: () => new Response('Not found', { status: 404 }),
});
console.log(`listening on ${server.url}`);
