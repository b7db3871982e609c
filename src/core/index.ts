export { VoiceSession, MAX_MESSAGE_BYTES, type VoiceSessionOptions } from './session/session.js';
export type {
  Transport,
  TransportEvent,
  TransportFactory,
  TransportHandlers,
  CallRoute,
  MicrophoneSource,
} from './transport/transport.js';
export { WebRtcTransport } from './transport/webrtc-transport.js';
export { AutoTransport } from './transport/auto-transport.js';
export {
  ICE_WAIT_MS,
  type TransportChoice,
  type TransportMode,
  type TransportReason,
} from './transport/transport-choice.js';
export { ResponseSequencer } from './call/response-sequencer.js';
export {
  sessionUpdate,
  DEFAULT_TRANSCRIPTION_MODEL,
  type SessionOptions,
  type TurnDetectionMode,
} from './session/session-update.js';
export { emptyUsage, type Usage } from './session/usage.js';
export { DEFAULT_BASE_URL } from './protocol/api.js';
export {
  isRunning,
  SessionEvent,
  type ApprovalDetail,
  type ApprovalRequest,
  type SessionState,
  type ConnectStages,
  type SessionEventDetails,
  type SessionEventType,
  type Stage,
  type TurnMetrics,
} from './session/session-events.js';
export { VoiceError, ERROR_CODES, type ErrorCode, type ErrorStage } from './errors.js';
export {
  ConversationState,
  MAX_ITEMS,
  MAX_ITEM_TEXT,
  type Conversation,
  type ConversationItem,
  type TranscriptEntry,
  type ItemRole,
  type ItemStatus,
  type ToolKind,
} from './conversation/conversation.js';
export { classify, type ServerEvent, type KnownServerEvent, type Classified } from './protocol/server-events.js';
export {
  userText,
  responseCreate,
  functionCallOutput,
  approvalResponse,
  type ClientEvent,
  type ToolDeclaration,
} from './protocol/client-events.js';
export { nextActivity, type Activity } from './session/activity.js';
export type { Tool, ToolCall, ToolCallDetail } from './session/tools.js';
export type { Levels } from './audio/levels.js';
export {
  getEphemeralKey,
  parseTokenReply,
  type EphemeralKey,
  type TokenReply,
  type TokenSource,
} from './keys/token.js';
export { exchangeSdp, type SdpAnswer } from './transport/sdp.js';
export { redact } from './redact.js';
export type { AskOptions, OutOfBandAnswer } from './session/out-of-band.js';
