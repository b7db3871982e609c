// What the element loads on intent (pointer, focus, prefetch or Start): the session, the key reader and the errors.
export { VoiceSession } from './session/session.js';
export { getEphemeralKey } from './keys/token.js';
export { VoiceError, ERROR_CODES } from './errors.js';
