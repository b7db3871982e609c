// POST /api/realtime/token: an ephemeral key for the element's `token-endpoint`. The server key stays in env.
import { createTokenHandler } from 'realtime-voice-chat-element/server';
import { handlerOptions } from '../options';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Made per request: `next build` loads this module without the server's secrets.
export const POST = (request: Request) => createTokenHandler(handlerOptions())(request);
