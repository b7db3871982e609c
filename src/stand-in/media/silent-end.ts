/**
 * How long the stand-in keeps a call it hears nothing from (no packet, no message, no pong). OpenAI publishes no
 * figure; 30 s is when a browser's ICE consent lapses (RFC 7675), so a browser silent that long has given up as well.
 */
export const SILENT_END_MS = 30_000;

/** Ends a call once nothing was heard for `ms`; `heard()` on anything from the client, `stop()` when it ends. */
export function endWhenSilent(end: () => void, ms = SILENT_END_MS): { heard: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = () => {
    clearTimeout(timer);
    timer = setTimeout(end, ms);
    timer.unref?.();
  };
  heard();
  return { heard, stop: () => clearTimeout(timer) };
}
