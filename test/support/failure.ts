import { VoiceError } from '../../src/core/index.js';

/** The VoiceError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<VoiceError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof VoiceError) return e;
    throw e;
  }
  throw new Error('expected a VoiceError');
}
