export { createTokenHandler, type TokenHandlerOptions } from './token-handler.js';
export { createCallHandler, type CallHandler, type CallHandlerOptions } from './call-handler.js';
export {
  CallControl,
  createCallControl,
  type CallControlOptions,
  type ControlEvent,
  type ControlSocketClass,
  type ServerTool,
} from './call-control.js';
export type { GuardOptions } from './guards.js';
export { toNodeListener, toRequest, sendResponse, type FetchHandler } from './node-adapter.js';
export { createControlHandler, type ControlHandlerOptions } from './control-handler.js';
