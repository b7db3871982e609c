// Values the element's first download shares with the core. Constants only, importing nothing: the element may
// import this file (and redact.ts) without pulling the core into its first download.

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Client events waiting for the call to be ready, at most; one more is refused with `queue_full`. */
export const MAX_WAITING = 64;
