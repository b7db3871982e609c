type Core = typeof import('../core/session-entry.js');
let core: Promise<Core> | undefined;

/**
 * The session code, a chunk of its own: a page pays for it only when a visitor shows intent (points at or focuses
 * the element, `prefetch`, or Start). Loaded once per page; a failed load is tried again next time.
 */
export function loadCore(): Promise<Core> {
  return (core ??= import('../core/session-entry.js').catch((e: unknown) => {
    core = undefined;
    throw e;
  }));
}
