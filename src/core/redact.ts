// Ephemeral (ek_…) and standard (sk-…, sk-proj-…) key shapes; anything that looks like one is hidden.
const KEY_PATTERN = /\b(ek_|sk-)[A-Za-z0-9_\-]{6,}/g;

/** Replaces anything shaped like an OpenAI key with a marker, so logs and messages never carry one. */
export const redact = (text: string): string => text.replace(KEY_PATTERN, '$1[redacted]');
