// POST /api/realtime/call: relays the page's SDP offer for the element's `call-endpoint` (no key in the browser).
import { createCallHandler } from 'realtime-voice-chat-element/server';
import { handlerOptions } from '../options';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Made per request: `next build` loads this module without the server's secrets.
export const POST = (request: Request) => createCallHandler(handlerOptions())(request);
