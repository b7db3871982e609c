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
export { createLimits, type Admission, type Limits, type LimitsOptions, type RateRule } from './limits/limits.js';
export type { Count, LimitStore } from './limits/limit-store.js';
export { memoryStore } from './limits/memory-store.js';
export { redisStore, type RedisStoreOptions } from './limits/redis-store.js';
export type { VisitorIdentity } from './limits/visitor-key.js';
export { durableObjectStore, LimitCounter, type CounterNamespace } from './limits/durable-object-store.js';
export { callControlObject, type ControlNamespace, type ControlObjectOptions } from './control-object.js';
export { FetchUpgradeSocket } from './fetch-upgrade-socket.js';
