import type { ErrorCode, ErrorStage } from '../core/index.js';

/**
 * An error the element raises itself, before or without a session (`not_connected`, `load_failed`): the shape of the
 * core's `VoiceError` (`code`, `detail`, `recoverable`), so hosts handle both alike.
 */
export class ElementError extends Error {
  override readonly name = 'VoiceError';
  readonly status = undefined;
  readonly serverCode = undefined;
  /** The element's own errors come from the page (a message it cannot send) or from loading the chat's code. */
  readonly stage: ErrorStage;

  constructor(
    readonly code: ErrorCode,
    readonly detail = '',
    readonly recoverable = false,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.stage = code === 'load_failed' ? 'load' : 'page';
  }
}

/** A call is under way (or being restored): Stop applies, messages are sent or held. */
export const isRunning = (state: string): boolean =>
  state === 'connecting' || state === 'live' || state === 'reconnecting';
