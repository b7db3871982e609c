import type { TokenReply } from './token-source.js';

/** A key request already under way (made when Start was pressed, before the session code had loaded). */
export type KeyRequest = { response: Promise<Response> } | { reply: Promise<TokenReply> };
