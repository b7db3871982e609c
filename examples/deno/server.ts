// Deno: `deno run --allow-net --allow-env server.ts` (deno.json maps the package to npm).
import { createCallHandler, createTokenHandler } from 'realtime-voice-chat-element/server';

const options = {
  apiKey: Deno.env.get('OPENAI_API_KEY') ?? '',
  baseUrl: Deno.env.get('OPENAI_BASE_URL') || undefined,
  allowOrigins: Deno.env.get('ALLOW_ORIGINS')?.split(','),
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

Deno.serve({ hostname: Deno.env.get('HOST') ?? '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8787) }, (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/realtime/token') return token(request);
  if (pathname === '/api/realtime/call') return call(request);
  return new Response('Not found', { status: 404 });
});
