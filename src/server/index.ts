export { createTokenHandler, type TokenHandlerOptions } from './token-handler.js';
export { createCallHandler, type CallHandlerOptions } from './call-handler.js';
export type { GuardOptions } from './guards.js';
export { toNodeListener, toRequest, sendResponse, type FetchHandler } from './node-adapter.js';
