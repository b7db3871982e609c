export { createTokenHandler, type TokenHandlerOptions } from './token-handler.js';
export { toNodeListener, toRequest, sendResponse, type FetchHandler } from './node-adapter.js';
