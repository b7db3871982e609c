export { VoiceSession, DEFAULT_BASE_URL, MAX_MESSAGE_BYTES, type VoiceSessionOptions } from './session.js';
export { SessionEvent, type SessionState, type ConnectStages, type SessionEventDetails, type SessionEventType, type Stage } from './session-events.js';
export { VoiceError, ERROR_CODES, type ErrorCode } from './errors.js';
export { reduceConversation, changedItems, type Conversation, type ConversationItem, type ItemRole, type ItemStatus } from './conversation.js';
export { classify, type ServerEvent, type KnownServerEvent, type Classified } from './protocol/server-events.js';
export { sessionUpdate, userText, responseCreate, type ClientEvent, type SessionOptions } from './protocol/client-events.js';
export { getEphemeralKey, parseTokenReply, type EphemeralKey, type TokenReply, type TokenSource } from './token.js';
export { exchangeSdp, type SdpAnswer } from './sdp.js';
export { redact } from './redact.js';
