// Bun: `bun run server.ts` after `bun add realtime-voice-chat-element`.
import { createCallHandler, createTokenHandler } from 'realtime-voice-chat-element/server';

const options = {
  apiKey: process.env.OPENAI_API_KEY ?? '',
  baseUrl: process.env.OPENAI_BASE_URL || undefined,
  allowOrigins: process.env.ALLOW_ORIGINS?.split(','),
  session: { model: 'gpt-realtime', instructions: 'You are a helpful guide to this site.' },
};
// A server tool: the model asks, this server answers from data the page never sees (needs a long-lived process).
const ORDERS: Record<string, string> = { A1001: 'shipped on Monday' };
const lookupOrder = {
  name: 'lookup_order',
  description: 'The status of an order, by its number',
  parameters: { type: 'object', properties: { order: { type: 'string' } }, required: ['order'] },
  handler: ({ order }: { order: string }) => ({ status: ORDERS[order] ?? 'no such order' }),
};
const token = createTokenHandler(options);
const call = createCallHandler({ ...options, control: { tools: [lookupOrder] } });

const server = Bun.serve({
  hostname: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
  routes: { '/api/realtime/token': token, '/api/realtime/call': call },
  fetch: () => new Response('Not found', { status: 404 }),
});
console.log(`listening on ${server.url}`);
